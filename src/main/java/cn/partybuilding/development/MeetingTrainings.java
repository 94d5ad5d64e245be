package cn.partybuilding.development;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.partybuilding.orglife.Guest;
import cn.partybuilding.orglife.MeetingGuestAttended;
import cn.partybuilding.orglife.MeetingGuests;
import cn.partybuilding.shared.PlatformZone;

/**
 * 党课 and 培训班 in 组织生活 as 集中培训 (record once): 组织生活 asks here who may be a meeting's guest (the open
 * 入党积极分子 and 发展对象), and each guest's check-in becomes their attendance of a training taken from the meeting —
 * one development_training per meeting, its 学时 the meeting's length in whole 学时
 * ({@code party.development.training-hour-minutes}), its day the meeting's calendar day — which step 11 then
 * takes through {@link TrainingHours}. A check-in told twice counts once. A meeting shorter than one 学时 is no
 * training.
 */
@Component
class MeetingTrainings implements MeetingGuests {

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final Clock clock;

	private final int minutesPerHour;

	MeetingTrainings(JdbcClient jdbc, MessageSource messages, Clock clock,
			@Value("${party.development.training-hour-minutes:60}") int minutesPerHour) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.clock = clock;
		this.minutesPerHour = Math.max(1, minutesPerHour);
	}

	@Override
	public List<Guest> candidatesIn(Set<Long> orgIds) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		return open("organization_id", orgIds);
	}

	@Override
	public List<Guest> find(Collection<Long> personIds) {
		if (personIds.isEmpty()) {
			return List.of();
		}
		return open("id", personIds);
	}

	/** The open activists and 发展对象 whose {@code column} is among {@code values}. */
	private List<Guest> open(String column, Collection<Long> values) {
		return jdbc.sql("select id, account_id, name, organization_id from applicant where " + column
				+ " = any(?) and stage in ('ACTIVIST', 'CANDIDATE') and closed is null order by name, id")
			.param(values.toArray(Long[]::new)).query(MeetingTrainings::guest).list();
	}

	private static Guest guest(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		long account = rs.getLong(2);
		return new Guest(rs.getLong(1), rs.wasNull() ? null : account, rs.getString(3), rs.getLong(4));
	}

	/** Whole 学时 in a meeting from start to end. */
	static int hours(Duration length, int minutesPerHour) {
		return (int) Math.min(500, length.toMinutes() / minutesPerHour);
	}

	@ApplicationModuleListener
	void on(MeetingGuestAttended attended) {
		int hours = hours(Duration.between(attended.startAt(), attended.endAt()), minutesPerHour);
		if (hours < 1) {
			return;
		}
		Integer known = jdbc.sql("select count(*) from applicant where id = ?").param(attended.personId())
			.query(Integer.class).single();
		if (known == 0) {
			return;
		}
		LocalDate day = attended.startAt().atZone(PlatformZone.ZONE).toLocalDate();
		String kind = messages.getMessage(attended.type().messageKey(), null, java.util.Locale.SIMPLIFIED_CHINESE);
		String name = (kind + "：" + attended.topic());
		name = name.length() > 100 ? name.substring(0, 100) : name;
		// one training per meeting, whoever checks in first creates it
		long trainingId = jdbc.sql("""
				insert into development_training (name, organization_id, starts_on, ends_on, hours, recorded_by, recorded_at, meeting_id)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (meeting_id) do update set meeting_id = excluded.meeting_id returning id""")
			.params(name, attended.organizationId(), day, day, hours, attended.actor(), Timestamp.from(clock.instant()), attended.meetingId())
			.query(Long.class).single();
		jdbc.sql("""
				insert into development_training_attendee (training_id, applicant_id) values (?, ?)
				on conflict do nothing""").params(trainingId, attended.personId()).update();
	}
}
