package cn.partybuilding.volunteer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import cn.partybuilding.shared.PlatformZone;

/**
 * The day before a shift, each person with a place on it (and an account) is reminded in 我的通知 — once per person
 * and shift: the sign-up row is marked as it is picked, so another node or a second run finds nothing left.
 */
@Component
class VolunteerReminders {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	VolunteerReminders(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(cron = "${party.volunteer.reminder-cron:0 0 18 * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "volunteer-shift-reminders", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void daily() {
		remind(LocalDate.now(clock.withZone(PlatformZone.ZONE)));
	}

	/** Reminds the people of the shifts starting on the day after {@code today}; returns how many were reminded. */
	@Transactional
	int remind(LocalDate today) {
		LocalDate tomorrow = today.plusDays(1);
		Instant from = tomorrow.atStartOfDay(PlatformZone.ZONE).toInstant();
		Instant to = tomorrow.plusDays(1).atStartOfDay(PlatformZone.ZONE).toInstant();
		List<Long> shifts = jdbc.sql("select id from volunteer_shift where starts_at >= ? and starts_at < ? and cancelled_at is null order by starts_at")
			.params(Timestamp.from(from), Timestamp.from(to)).query(Long.class).list();
		int reminded = 0;
		for (long shiftId : shifts) {
			List<Long> accounts = jdbc.sql("""
					update volunteer_signup set reminded_at = ?
					where shift_id = ? and state = 'CONFIRMED' and account_id is not null and reminded_at is null
					returning account_id""").params(Timestamp.from(clock.instant()), shiftId).query(Long.class).list();
			if (accounts.isEmpty()) {
				continue;
			}
			Object[] shift = jdbc.sql("""
					select a.id, a.title, s.starts_at, a.place, a.contact from volunteer_shift s
					join volunteer_activity a on a.id = s.activity_id where s.id = ?""").param(shiftId)
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
						rs.getString(4), rs.getString(5) }).single();
			events.publishEvent(new VolunteerShiftReminded((Long) shift[0], shiftId, (String) shift[1], (Instant) shift[2],
					(String) shift[3], (String) shift[4], accounts));
			reminded += accounts.size();
		}
		return reminded;
	}
}
