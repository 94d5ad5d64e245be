package cn.partybuilding.dues;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * Who may do what with dues: the member with their own; a branch's secretary and committee (组织委员) and
 * the general branch's and committee's administrators with the members of their subtree. Anyone else
 * gets the audited 404.
 */
@Component
class DuesAccess {

	static final Role[] MANAGE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private final MemberDirectory members;

	private final OrganizationScope scope;

	DuesAccess(MemberDirectory members, OrganizationScope scope) {
		this.members = members;
		this.scope = scope;
	}

	MemberSummary member(long memberId) {
		return members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
	}

	/** The member, for someone who manages their dues. */
	MemberSummary managed(Caller caller, long memberId) {
		MemberSummary member = member(memberId);
		scope.requireReach(caller, member.organizationId(), MANAGE);
		return member;
	}

	/** The member, for themselves or someone who manages their dues. */
	MemberSummary ownOrManaged(Caller caller, long memberId) {
		MemberSummary member = member(memberId);
		if (isSelf(caller, member) || scope.reaches(caller, member.organizationId(), MANAGE)) {
			return member;
		}
		throw new OutOfScopeException("member", memberId);
	}

	boolean isSelf(Caller caller, MemberSummary member) {
		return member.accountId() != null && member.accountId() == caller.accountId();
	}

	boolean manages(Caller caller, long organizationId) {
		return scope.reaches(caller, organizationId, MANAGE);
	}

	/** Organisation names by id, for receipts and reports. */
	Map<Long, String> organizationNames(Collection<Long> ids) {
		return scope.findAll(ids).stream().collect(Collectors.toMap(OrgRef::id,
				OrgRef::name));
	}

	/** Names that tell branches of different colleges apart ("学院 › 支部"), for lists that mix them. */
	Map<Long, String> qualifiedNames(Collection<Long> ids) {
		return scope.qualifiedNames(ids);
	}

	/**
	 * The organisation one level above a branch (or group): its general branch / 二级党委, or the committee
	 * for a branch directly under it; empty for an organisation with nothing above it.
	 */
	Optional<Long> levelAbove(long orgId) {
		return scope.lineage(orgId).stream()
			.filter(o -> o.id() != orgId && o.type() != OrgType.GROUP && o.type() != OrgType.BRANCH)
			.map(OrgRef::id).reduce((first, second) -> second);
	}

	/** The signed-in member themselves (for 我的党费 and paying online). */
	MemberSummary self(Caller caller) {
		return members.memberOfAccount(caller.accountId()).flatMap(members::summary)
			.orElseThrow(() -> new OutOfScopeException("member", "me"));
	}

	/** The organisations whose dues the caller manages: one subtree, or all of theirs. */
	Set<Long> organizations(Caller caller, Long orgId) {
		return scope.covered(caller, orgId, "dues", MANAGE);
	}

	/**
	 * As {@link #organizations}, but null when they are the whole tree (the caller acts at the only root): a list at a
	 * province's root then has no scope filter, instead of loading 25 000 ids and sending them back.
	 */
	Set<Long> organizationsOrAll(Caller caller, Long orgId) {
		return scope.coveredOrAll(caller, orgId, "dues", MANAGE);
	}
}
