package cn.partybuilding.orglife;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.Warnings;

/**
 * Compliance gaps near a period end, the rule of {@link ComplianceReminders}: within
 * {@code party.orglife.reminder-days} (7) of the end of a month, a quarter or the year, a branch still short of a
 * required meeting ({@link Compliance}'s gaps); acted on at the branch's year of meetings.
 */
@Component
@Transactional(readOnly = true)
class OrgLifeWarnings implements Warnings {

	static final String GAP = "orglife.gap";

	private final Compliance compliance;

	private final MessageSource messages;

	private final int daysBefore;

	OrgLifeWarnings(Compliance compliance, MessageSource messages, @Value("${party.orglife.reminder-days:7}") int daysBefore) {
		this.compliance = compliance;
		this.messages = messages;
		this.daysBefore = daysBefore;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		List<Raised> raised = new ArrayList<>();
		// a set: a province's 20 000 branches are each looked up among its 25 000 organisations
		Set<Long> orgs = new LinkedHashSet<>(orgIds);
		for (Period period : endingSoon(today)) {
			LocalDate last = period.until().minusDays(1);
			for (Compliance.Detail d : compliance.details(period, orgs)) {
				Compliance.BranchCompliance b = d.branch();
				if (!orgs.contains(b.orgId())) {
					continue;
				}
				String missing = b.gaps().entrySet().stream().filter(g -> g.getValue() > 0)
					.map(g -> chineseName(g.getKey()) + " " + g.getValue() + (g.getKey() == MeetingType.TALK ? " 人" : " 次"))
					.collect(Collectors.joining("、"));
				if (!missing.isEmpty()) {
					raised.add(Raised.of(GAP, b.orgId(), null, last.minusDays(daysBefore), last,
							"/orglife/year?orgId=" + b.orgId() + "&year=" + last.getYear(), "warning.orglife.gap.text",
							period.name(), missing));
				}
			}
		}
		return raised;
	}

	/** As many as {@link #raisedIn} gives, without writing what each is missing: the home page's count. */
	@Override
	public int count(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return 0;
		}
		int count = 0;
		Set<Long> orgs = new LinkedHashSet<>(orgIds);
		for (Period period : endingSoon(today)) {
			for (Compliance.Detail d : compliance.details(period, orgs)) {
				Compliance.BranchCompliance b = d.branch();
				if (orgs.contains(b.orgId()) && b.gaps().values().stream().anyMatch(g -> g > 0)) {
					count++;
				}
			}
		}
		return count;
	}

	/** The month, quarter and year that end within {@code daysBefore} days of today. */
	List<Period> endingSoon(LocalDate today) {
		List<Period> periods = new ArrayList<>();
		LocalDate monthEnd = today.withDayOfMonth(today.lengthOfMonth());
		if (ChronoUnit.DAYS.between(today, monthEnd) > daysBefore) {
			return periods;
		}
		periods.add(Period.parse(String.format("%d-%02d", today.getYear(), today.getMonthValue())));
		if (today.getMonthValue() % 3 == 0) {
			periods.add(Period.parse(today.getYear() + "-Q" + today.getMonthValue() / 3));
		}
		if (today.getMonthValue() == 12) {
			periods.add(Period.parse(Integer.toString(today.getYear())));
		}
		return periods;
	}

	/** The notices' Chinese, as the reminders write it. */
	private String chineseName(MeetingType type) {
		return messages.getMessage(type.messageKey(), null, Locale.SIMPLIFIED_CHINESE);
	}
}
