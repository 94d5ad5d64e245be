package cn.partybuilding.organization;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The warnings of 支部工作条例 (2018) about a branch's size, committee and term. Pure rules, no I/O. */
final class BranchRules {

	private final OrganizationSettings settings;

	BranchRules(OrganizationSettings settings) {
		this.settings = settings;
	}

	/**
	 * 支委会任期 (default 3 years): warn within {@code termWarningDays} of the end of the sitting
	 * committee, and once every term has ended with no new committee recorded.
	 */
	List<Warning> termWarnings(List<CommitteePosition> positions, LocalDate today) {
		if (positions.isEmpty() || positions.stream().anyMatch(p -> p.termStart().isAfter(today))) {
			// nothing recorded yet, or the next committee is already elected
			return List.of();
		}
		LocalDate latestEnd = positions.stream()
			.filter(p -> p.currentOn(today))
			.map(CommitteePosition::termEnd)
			.max(Comparator.naturalOrder())
			.orElse(null);
		return termWarnings(latestEnd, positions.stream().map(CommitteePosition::termEnd).max(Comparator.naturalOrder())
			.orElseThrow(), today);
	}

	/**
	 * The same rule from two dates of a committee's recorded positions, none elected ahead of today: the latest end
	 * of those sitting today ({@code sittingUntil}, null when none sits) and the latest end of all.
	 */
	List<Warning> termWarnings(LocalDate sittingUntil, LocalDate lastEnd, LocalDate today) {
		LocalDate latestEnd = sittingUntil;
		if (latestEnd == null) {
			return List.of(new Warning("warning.term.overdue", lastEnd));
		}
		long daysLeft = ChronoUnit.DAYS.between(today, latestEnd);
		if (daysLeft <= settings.termWarningDays()) {
			return List.of(new Warning("warning.term.dueSoon", latestEnd, daysLeft));
		}
		return List.of();
	}

	/**
	 * ≥3 正式党员 for a branch (else 联合党支部); generally ≤50 members; ≥7 正式党员 need a 支部委员会
	 * (more than a 书记 and 副书记).
	 */
	List<Warning> sizeWarnings(Headcount.Count count, List<CommitteePosition> positions, LocalDate today) {
		List<Warning> warnings = new ArrayList<>();
		if (count.full() < settings.minFullMembers()) {
			warnings.add(new Warning("warning.size.tooFewFull", count.full(), settings.minFullMembers()));
		}
		if (count.total() > settings.maxMembers()) {
			warnings.add(new Warning("warning.size.tooMany", count.total(), settings.maxMembers()));
		}
		boolean hasCommittee = positions.stream()
			.filter(p -> p.currentOn(today))
			.anyMatch(p -> p.position() != Position.SECRETARY && p.position() != Position.DEPUTY_SECRETARY);
		if (count.full() >= settings.committeeThreshold() && !hasCommittee) {
			warnings.add(new Warning("warning.size.needsCommittee", count.full(), settings.committeeThreshold()));
		}
		return warnings;
	}
}
