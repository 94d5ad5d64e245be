package cn.partybuilding.interaction;

import java.util.Optional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/** Where a letter writer or an asker belongs: the branch of a member or an applicant (a 党小组's branch for one placed in a group). */
final class HomeBranch {

	private HomeBranch() {
	}

	static Optional<Long> of(Caller caller, OrganizationScope scope) {
		for (Caller.Grant g : caller.grants()) {
			if (g.role() != Role.MEMBER && g.role() != Role.APPLICANT) {
				continue;
			}
			Optional<OrgRef> org = scope.find(g.organizationId());
			if (org.isPresent() && org.get().type() == OrgType.BRANCH) {
				return Optional.of(org.get().id());
			}
			if (org.isPresent() && org.get().type() == OrgType.GROUP && org.get().parentId() != null) {
				return Optional.of(org.get().parentId());
			}
		}
		return Optional.empty();
	}
}
