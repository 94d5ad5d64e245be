package cn.partybuilding.member;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	/** The same for many branches: one query for their subtrees, one count for all. */
	@Override
	public Map<Long, Count> of(Collection<Long> branchIds) {
		Map<Long, Long> branchOf = new HashMap<>();
		scope.subtreesOf(branchIds).forEach((b, tree) -> tree.forEach(o -> branchOf.putIfAbsent(o, b)));
		Map<Long, int[]> sums = new LinkedHashMap<>();
		branchIds.forEach(b -> sums.put(b, new int[2]));
		if (!branchOf.isEmpty()) {
			for (Object[] row : members.countsByStatusIn(branchOf.keySet().toArray(Long[]::new))) {
				int[] sum = sums.get(branchOf.get(((Number) row[0]).longValue()));
				int n = ((Number) row[2]).intValue();
				if (MemberStatus.FULL.name().equals(row[1])) {
					sum[0] += n;
				}
				else if (MemberStatus.PROBATIONARY.name().equals(row[1])) {
					sum[1] += n;
				}
			}
		}
		Map<Long, Count> counts = new LinkedHashMap<>();
		sums.forEach((b, s) -> counts.put(b, new Count(s[0], s[1])));
		return counts;
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
