package cn.partybuilding.member;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.DissolutionBlocker;
import cn.partybuilding.organization.Headcount;
import cn.partybuilding.organization.OrganizationScope;

/** What the organisation tree asks of members: a branch's size (支部工作条例's warnings), and whether it is empty. */
@Component
@Order(1)
@Transactional(readOnly = true)
class MemberCounts implements Headcount, DissolutionBlocker {

	private final Members members;

	private final OrganizationScope scope;

	MemberCounts(Members members, OrganizationScope scope) {
		this.members = members;
		this.scope = scope;
	}

	/** 正式 and 预备 members of a branch, its 党小组 included: the size warnings of 支部工作条例 use it. */
	@Override
	public Count of(long branchId) {
		Set<Long> orgs = scope.subtree(branchId);
		if (orgs.isEmpty()) {
			return new Count(0, 0);
		}
		return new Count(members.countIn(orgs, MemberStatus.FULL), members.countIn(orgs, MemberStatus.PROBATIONARY));
	}

	/** Members are moved out first (their roles would block too, but this says what to do). */
	@Override
	public Optional<String> whyNotDissolve(long organizationId) {
		int count = members.countIn(List.of(organizationId), MemberStatus.FULL)
				+ members.countIn(List.of(organizationId), MemberStatus.PROBATIONARY);
		return count == 0 ? Optional.empty()
				: Optional.of("该组织还有 " + count + " 名党员，请先将他们编入其他党支部（或办理组织关系转接）");
	}
}
