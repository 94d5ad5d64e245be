package cn.partybuilding.transfer;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * The organisations the transfer pages offer to choose from, and how the module names a branch: "college /
 * branch", since many branches share a name like 教工第一党支部.
 */
@Service
@Transactional(readOnly = true)
class BranchChoices {

	private final OrganizationScope scope;

	private final MemberDirectory members;

	BranchChoices(OrganizationScope scope, MemberDirectory members) {
		this.scope = scope;
		this.members = members;
	}

	/** "college / branch" for each. Two look-ups in all. */
	Map<Long, String> labels(Collection<OrgRef> orgs) {
		Map<Long, String> parents = scope.findAll(orgs.stream().map(OrgRef::parentId).filter(Objects::nonNull)
			.collect(Collectors.toSet())).stream().collect(Collectors.toMap(OrgRef::id, OrgRef::name));
		return orgs.stream().collect(Collectors.toMap(OrgRef::id,
				o -> (o.parentId() == null || !parents.containsKey(o.parentId()) ? "" : parents.get(o.parentId()) + " / ") + o.name(),
				(a, b) -> a));
	}

	/** Every branch of the member's school, as "college / branch", for choosing where to move. */
	List<BranchOption> branchesFor(long memberId) {
		MemberSummary member = members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		// the school's, not a whole province's above it
		return OrganizationScope.schoolIn(scope.lineage(member.organizationId()))
			.map(school -> branchOptions(scope.findAll(scope.subtree(school.id())), o -> o.id() != member.organizationId()))
			.orElse(List.of());
	}

	/** The colleges (and committees) the caller manages, for narrowing a long list to one of them. */
	List<BranchOption> collegesFor(Caller caller) {
		return scope.findAll(scope.covered(caller, null, "transfer", TransferPermissions.MANAGE)).stream()
			.filter(o -> o.type() == OrgType.COMMITTEE || o.type() == OrgType.GENERAL_BRANCH)
			.sorted(Comparator.comparing(OrgRef::code)).map(o -> new BranchOption(o.id(), o.name())).toList();
	}

	/** The branches the caller manages, for receiving an incoming member (or keeping a graduate). */
	List<BranchOption> receivingBranches(Caller caller) {
		return branchOptions(scope.findAll(scope.covered(caller, null, "transfer", TransferPermissions.MANAGE)), o -> true);
	}

	private List<BranchOption> branchOptions(List<OrgRef> orgs, Predicate<OrgRef> which) {
		List<OrgRef> branches = orgs.stream().filter(o -> o.type() == OrgType.BRANCH && which.test(o))
			.sorted(Comparator.comparing(OrgRef::code)).toList();
		Map<Long, String> labels = labels(branches);
		return branches.stream().map(o -> new BranchOption(o.id(), labels.get(o.id()))).toList();
	}
}
