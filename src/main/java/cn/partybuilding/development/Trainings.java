package cn.partybuilding.development;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * 集中培训 recorded once for a class: the 上级党委 that runs it (the level of step 11) names the training, its
 * dates, its 学时 and the activists and 发展对象 who attended; each person's step 11 then takes its days and hours
 * from here ({@link TrainingHours}).
 */
@Service
@Transactional
class Trainings {

	static final Role[] HIGHER = { Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN };

	static final int MAX_PEOPLE = 1000;

	record NewTraining(@Size(max = 100) String name, LocalDate from, LocalDate to, Integer hours, List<Long> personIds) {
	}

	record TrainingView(long id, String name, LocalDate from, LocalDate to, int days, int hours, int people) {
	}

	/** A person's trainings, and what step 11 would take from them today. */
	record PersonTrainings(long personId, List<TrainingView> trainings, int days, int hours) {
	}

	private final Applicants applicants;

	private final DevelopmentPeople people;

	private final TrainingHours hours;

	private final OrganizationScope scope;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Trainings(Applicants applicants, DevelopmentPeople people, TrainingHours hours, OrganizationScope scope,
			JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.applicants = applicants;
		this.people = people;
		this.hours = hours;
		this.scope = scope;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	TrainingView record(Caller caller, NewTraining form) {
		if (!caller.has(HIGHER)) {
			throw new NotPermittedException("development-training", "new", "record trainings");
		}
		LocalDate today = LocalDate.now(clock);
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String name = form.name() == null ? "" : form.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			problems.add(new FieldProblem.Problem("name", "development.training.name", new Object[0]));
		}
		if (form.from() == null) {
			problems.add(new FieldProblem.Problem("from", "development.training.from", new Object[0]));
		}
		if (form.to() == null || form.from() != null && form.to().isBefore(form.from())) {
			problems.add(new FieldProblem.Problem("to", "development.training.to", new Object[0]));
		}
		else if (form.to().isAfter(today)) {
			problems.add(new FieldProblem.Problem("to", "development.training.future", new Object[0]));
		}
		if (form.hours() == null || form.hours() < 1 || form.hours() > 500) {
			problems.add(new FieldProblem.Problem("hours", "development.training.hours", new Object[0]));
		}
		List<Long> ids = form.personIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(form.personIds()));
		if (ids.isEmpty() || ids.size() > MAX_PEOPLE) {
			problems.add(new FieldProblem.Problem("personIds", "development.training.people", new Object[] { MAX_PEOPLE }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		Map<Long, Applicant> found = applicants.findAllById(ids).stream()
			.collect(Collectors.toMap(Applicant::id, Function.identity()));
		Long higher = null;
		for (Long id : ids) {
			Applicant person = found.get(id);
			if (person == null || !scope.reaches(caller, person.organizationId(), DevelopmentPeople.READ)) {
				throw new OutOfScopeException("development-person", id);
			}
			Long level = people.higherOf(person.organizationId()).filter(h -> scope.reaches(caller, h, HIGHER)).orElse(null);
			if (level == null) {
				throw new NotPermittedException("development-person", id, "training is recorded by the 上级党委");
			}
			if (person.closed() != null || person.stage() != Stage.ACTIVIST && person.stage() != Stage.CANDIDATE) {
				problems.add(new FieldProblem.Problem("personIds", "development.training.stage",
						new Object[] { person.name() }));
			}
			higher = higher == null ? level : higher;
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		Instant now = clock.instant();
		long trainingId = jdbc.sql("""
				insert into development_training (name, organization_id, starts_on, ends_on, hours, recorded_by, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(name, higher, form.from(), form.to(), form.hours(), caller.username(), Timestamp.from(now))
			.query(Long.class).single();
		for (Long id : ids) {
			jdbc.sql("insert into development_training_attendee (training_id, applicant_id) values (?, ?)")
				.params(trainingId, id).update();
		}
		int days = (int) ChronoUnit.DAYS.between(form.from(), form.to()) + 1;
		events.publishEvent(new DevelopmentTrainingRecorded(trainingId, higher, ids, "集中培训「" + name + "」"
				+ form.from() + " 至 " + form.to() + "，" + form.hours() + " 学时，" + ids.size() + " 人参加", now));
		return new TrainingView(trainingId, name, form.from(), form.to(), days, form.hours(), ids.size());
	}

	@Transactional(readOnly = true)
	PersonTrainings of(Caller caller, long personId) {
		people.find(caller, personId);
		List<TrainingView> list = jdbc.sql("""
				select t.id, t.name, t.starts_on, t.ends_on, t.hours,
				  (select count(*) from development_training_attendee x where x.training_id = t.id)
				from development_training t join development_training_attendee a on a.training_id = t.id
				where a.applicant_id = ? order by t.starts_on, t.id""")
			.param(personId)
			.query((rs, n) -> {
				LocalDate from = rs.getObject(3, LocalDate.class);
				LocalDate to = rs.getObject(4, LocalDate.class);
				return new TrainingView(rs.getLong(1), rs.getString(2), from, to,
						(int) ChronoUnit.DAYS.between(from, to) + 1, rs.getInt(5), rs.getInt(6));
			})
			.list();
		TrainingHours.Attended attended = hours.attended(personId, LocalDate.now(clock));
		return new PersonTrainings(personId, list, attended.days(), attended.hours());
	}
}
