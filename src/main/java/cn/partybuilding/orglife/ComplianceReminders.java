package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.PlatformZone;

/**
 * {@code party.orglife.reminder-days} (7) before a month, quarter or year ends, branches still missing a
 * required meeting are reminded — once per branch and period, however often or on however many nodes
 * the job runs.
 */
@Component
class ComplianceReminders {

	private final Compliance compliance;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MessageSource messages;

	private final int daysBefore;

	ComplianceReminders(Compliance compliance, JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock,
			MessageSource messages, @Value("${party.orglife.reminder-days:7}") int daysBefore) {
		this.compliance = compliance;
		this.messages = messages;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.daysBefore = daysBefore;
	}

	@Scheduled(cron = "${party.orglife.reminder-cron:0 0 8 * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "orglife-compliance-reminders", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void daily() {
		remind(LocalDate.now(clock));
	}

	/** The periods ending {@code daysBefore} days after {@code today}, and their reminders. Returns how many. */
	@Transactional
	int remind(LocalDate today) {
		LocalDate end = today.plusDays(daysBefore);
		if (end.plusDays(1).getDayOfMonth() != 1) {
			return 0; // only the last day of a month ends a period
		}
		List<String> periods = new ArrayList<>();
		periods.add(String.format("%d-%02d", end.getYear(), end.getMonthValue()));
		if (end.getMonthValue() % 3 == 0) {
			periods.add(end.getYear() + "-Q" + end.getMonthValue() / 3);
		}
		if (end.getMonthValue() == 12) {
			periods.add(Integer.toString(end.getYear()));
		}
		int sent = 0;
		for (String period : periods) {
			List<ComplianceGap> gaps = new ArrayList<>();
			for (Compliance.BranchCompliance b : compliance.reportAll(period).branches()) {
				String missing = b.gaps().entrySet().stream().filter(g -> g.getValue() > 0)
					.map(g -> chineseName(g.getKey()) + " " + g.getValue() + (g.getKey() == MeetingType.TALK ? " 人" : " 次")).collect(Collectors.joining("、"));
				if (missing.isEmpty()) {
					continue;
				}
				int fresh = jdbc.update("""
						insert into orglife_reminder (organization_id, period, sent_at) values (?, ?, ?)
						on conflict do nothing""", b.orgId(), period, Timestamp.from(clock.instant()));
				if (fresh == 1) {
					gaps.add(new ComplianceGap(b.orgId(), b.name(), compliance.parentOf(b.orgId()), missing));
				}
			}
			if (!gaps.isEmpty()) {
				events.publishEvent(new MeetingsMissing(period, end, gaps));
				sent += gaps.size();
			}
		}
		return sent;
	}

	/** The notices are stored in Chinese, whatever their reader's language. */
	private String chineseName(MeetingType type) {
		return messages.getMessage(type.messageKey(), null, Locale.SIMPLIFIED_CHINESE);
	}
}
