package cn.partybuilding.audit;

import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Role;

/**
 * Who reads the audit log: a 审计员 at the top of the tree. The log is the platform's one record and its entries name
 * no organisation, so an auditor below the top (a school's, in a province) would read every other school's entries;
 * such a grant reads nothing. Asked at every request, so a university that a province generator puts below a new top
 * stops its auditor there and then.
 */
@Component
class AuditReaders {

	private final OrganizationScope scope;

	AuditReaders(OrganizationScope scope) {
		this.scope = scope;
	}

	/** Does the caller hold 审计员 at the top of the tree? */
	boolean reads(Caller caller) {
		return caller.organizationsWith(Role.AUDITOR).stream()
			.map(scope::find)
			.flatMap(Optional::stream)
			.anyMatch(AuditReaders::atTop);
	}

	/** The signed-in caller if they read the audit log; anybody else: refused (403, audited). */
	Caller require(String what) {
		Caller caller = Caller.require();
		if (!reads(caller)) {
			throw new NotPermittedException("audit-log", "*", what);
		}
		return caller;
	}

	private static boolean atTop(OrgRef org) {
		return org.parentId() == null;
	}
}
