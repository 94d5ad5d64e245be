package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The 集中培训 a person attended, as the 上级党委 recorded it (development_training): the distinct days and the
 * 学时 of the trainings that had ended by a date. Step 11 recorded without days or hours takes these.
 */
@Component
class TrainingHours {

	/** Days (each calendar day counted once), 学时, and the trainings' names, oldest first. */
	record Attended(int days, int hours, List<String> names) {

		boolean any() {
			return !names.isEmpty();
		}
	}

	private final JdbcClient jdbc;

	TrainingHours(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Attended attended(long personId, LocalDate upTo) {
		List<String> names = jdbc.sql("""
				select t.name from development_training t join development_training_attendee a on a.training_id = t.id
				where a.applicant_id = ? and t.ends_on <= ? order by t.starts_on, t.id""")
			.params(personId, upTo).query(String.class).list();
		if (names.isEmpty()) {
			return new Attended(0, 0, List.of());
		}
		int hours = jdbc.sql("""
				select coalesce(sum(t.hours), 0) from development_training t
				join development_training_attendee a on a.training_id = t.id where a.applicant_id = ? and t.ends_on <= ?""")
			.params(personId, upTo).query(Integer.class).single();
		int days = jdbc.sql("""
				select count(distinct d) from development_training t
				join development_training_attendee a on a.training_id = t.id
				cross join generate_series(t.starts_on, t.ends_on, interval '1 day') d
				where a.applicant_id = ? and t.ends_on <= ?""")
			.params(personId, upTo).query(Integer.class).single();
		return new Attended(days, hours, names);
	}

	/**
	 * Step 11 asked without days or hours: the trainings recorded for the person up to the step's date fill them
	 * in (and name themselves in the note when it is empty); any other request is returned as it is.
	 */
	DevelopmentPeople.StepRequest fill(long personId, DevelopmentPeople.StepRequest r, LocalDate today) {
		if (r.step() == null || r.step() != Step.TRAINING.number() || r.days() != null || r.hours() != null) {
			return r;
		}
		Attended attended = attended(personId, r.date() == null ? today : r.date());
		if (!attended.any()) {
			return r;
		}
		String note = r.note() != null && !r.note().isBlank() ? r.note()
				: "培训记录：" + String.join("、", attended.names());
		return new DevelopmentPeople.StepRequest(r.step(), r.date(), note.length() > 4000 ? note.substring(0, 4000) : note,
				r.memberIds(), attended.days(), attended.hours(), r.expected(), r.present(), r.yes(), r.no(), r.abstain(),
				r.writtenYes(), r.writtenNo(), r.decision(), r.reason(), r.extensionMonths(), r.noticeFrom(), r.cancel());
	}
}
