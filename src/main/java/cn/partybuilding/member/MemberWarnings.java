package cn.partybuilding.member;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Warnings;

/**
 * 预备期超期 ({@link MemberRules#probationOverdue}): a member still probationary two years after joining (the
 * year of the 预备期 and the longest extension) whose 转正 the branch has not recorded; acted on at the member's
 * profile.
 */
@Component
@Transactional(readOnly = true)
class MemberWarnings implements Warnings {

	static final String PROBATION = "member.probation";

	private final Members members;

	MemberWarnings(Members members) {
		this.members = members;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		return members.probationOverdueIn(orgIds, ProbationOverdueCounts.overdueIfJoinedBefore(today)).stream()
			.filter(m -> MemberRules.probationOverdue(m.status(), m.joinDate(), today))
			.map(m -> Raised.of(PROBATION, m.organizationId(), null, m.joinDate().plusYears(2).plusDays(1), null,
					"/members/" + m.id(), "warning.member.probation.text", m.name(), m.joinDate().toString()))
			.toList();
	}
}
