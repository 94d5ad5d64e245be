package cn.partybuilding.learning;

import java.util.HashSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * Who may read what: a material or outline of an organisation is for that organisation's subtree (or the whole
 * school). So a person reads what their own organisations and every organisation above them offer, and those who
 * manage a subtree also read what its organisations offer, to see what their people are given.
 */
@Component
class Readers {

	static final Role[] MANAGERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private final OrganizationScope scope;

	Readers(OrganizationScope scope) {
		this.scope = scope;
	}

	/** The organisations whose subtree-wide materials and outlines the caller may read. */
	Set<Long> readableBy(Caller caller) {
		Set<Long> readable = new HashSet<>(scope.visibleTo(caller, MANAGERS));
		caller.organizationsWhere(g -> g.role().seesOrganizations())
			.forEach(org -> scope.lineage(org).stream().map(OrgRef::id).forEach(readable::add));
		return readable;
	}

	/** May the caller read something of {@code orgId} offered to its subtree, or to the whole school? */
	boolean mayRead(Caller caller, long orgId, boolean wholeSchool) {
		return wholeSchool || readableBy(caller).contains(orgId);
	}
}
