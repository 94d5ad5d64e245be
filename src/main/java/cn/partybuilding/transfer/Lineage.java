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

	/**
	 * The school's committee: the nearest 党委 of the lineage — in a province the school's, not the 教育工委 above
	 * the schools (the first of the lineage when it holds none, the organisation itself when none is known).
	 */
	long committee() {
		return path.stream().filter(o -> o.type() == OrgType.COMMITTEE).map(OrgRef::id).reduce((first, second) -> second)
			.orElse(path.isEmpty() ? orgId : path.get(0).id());
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
