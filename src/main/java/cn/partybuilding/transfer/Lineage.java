package cn.partybuilding.transfer;

import java.util.List;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;

/**
 * An organisation and those above it, root first (as {@code OrganizationScope.lineage} answers; empty for
 * one that is gone): who stands above a branch at the stages of a transfer.
 */
record Lineage(long orgId, List<OrgRef> path) {

	Lineage {
		path = List.copyOf(path);
	}

	/** The committee above everything: the first of the lineage (the organisation itself when none is known). */
	long committee() {
		return path.isEmpty() ? orgId : path.get(0).id();
	}

	/**
	 * The general branch (二级党委, 党总支) above a branch — the nearest organisation above it that is neither a
	 * branch nor a group — or the committee, for a branch directly under it.
	 */
	long generalBranch() {
		return path.stream().filter(o -> o.id() != orgId && o.type() != OrgType.GROUP && o.type() != OrgType.BRANCH)
			.map(OrgRef::id).reduce((first, second) -> second).orElse(orgId);
	}
}
