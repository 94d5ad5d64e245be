package cn.partybuilding.transfer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * Who may see a transfer and who may act on it: the member themselves, the sending side, the receiving
 * side (who sees the transfer, not the member, until it accepts), the side of the stage where it waits, the
 * committee for the letters. What a page offers and what a call is let do are answered here alike; outside
 * it the answer is the audited 404.
 */
@Service
@Transactional(readOnly = true)
class TransferPermissions {

	/** Those who manage transfers at an organisation (and below it). */
	static final Role[] MANAGE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private final Transfers transfers;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	TransferPermissions(Transfers transfers, MemberDirectory members, OrganizationScope scope) {
		this.transfers = transfers;
		this.members = members;
		this.scope = scope;
	}

	/** The transfer, if the caller has a part in it: the member, or either side's managers (else the audited 404). */
	TransferView visible(Caller caller, long id) {
		TransferView t = transfers.find(id);
		if (isMember(caller, t) || scope.reaches(caller, t.fromOrgId(), MANAGE)
				|| t.toOrgId() != null && scope.reaches(caller, t.toOrgId(), MANAGE)) {
			return t;
		}
		throw new OutOfScopeException("transfer", id);
	}

	/** The open transfer, if the caller may act at its stage — and is not the member moving. */
	TransferView actionable(Caller caller, long id) {
		TransferView t = visible(caller, id);
		if (t.state() != TransferState.PENDING) {
			throw new FieldProblem("state", "transfer.closed");
		}
		if (!mayAct(caller, t)) {
			throw new NotPermittedException("transfer", id, t.stage().name());
		}
		if (isMember(caller, t)) {
			throw new FieldProblem("memberId", "transfer.self");
		}
		return t;
	}

	/** Whether the caller may act at the transfer's current stage. */
	boolean mayAct(Caller caller, TransferView t) {
		if (t.state() != TransferState.PENDING) {
			return false;
		}
		long org = t.actingOrg(transfers::lineage);
		return org >= 0 && mayActAt(caller, t.kind(), t.stage(), org);
	}

	/**
	 * Those waiting for the caller (at a stage whose side and roles the caller holds), newest first, at most
	 * {@link Transfers#LIMIT}: the pending transfers of the groups {@link #waitingGroupsFor} keeps. Before, the newest
	 * 500 pending in scope were read with names and steps and filtered, so one waiting behind 500 others went unlisted.
	 */
	List<TransferView> waitingFor(Caller caller) {
		return transfers.pendingIn(waitingGroupsFor(caller), Transfers.LIMIT);
	}

	/**
	 * The groups of pending transfers (kind, stage, the two organisations) waiting for the caller, counted: who may act
	 * on a transfer depends on nothing else, so each group is checked once by {@link #mayAct}'s rule. Kept until a
	 * transfer or an organisation changes, on any node.
	 */
	List<Transfers.PendingGroup> waitingGroupsFor(Caller caller) {
		// the versions before the groups: a change read with them is worked out again next time, never kept as older
		long changes = transfers.version();
		long tree = scope.version();
		KeptGroups held = kept.get(caller);
		if (held != null && held.transfers() == changes && held.tree() == tree) {
			return held.groups();
		}
		List<Transfers.PendingGroup> groups = workOutWaitingGroups(caller);
		if (kept.size() >= KEPT_CALLERS) {
			kept.clear();
		}
		kept.put(caller, new KeptGroups(changes, tree, groups));
		return groups;
	}

	/**
	 * The groups waiting for each caller as worked out at the transfers' version and the tree's: they depend on nothing
	 * else (the caller's roles are part of the key). A province's administrator has 3 000 groups, read and checked on
	 * every page and every home page (a seventh of the transfers page's time) though they change a few times an hour.
	 * The price is V142's: transactions writing transfers queue on its one row until they commit (a graduates' batch for
	 * a chunk of 100), as organisation writes do on the tree's.
	 */
	private final Map<Caller, KeptGroups> kept = new ConcurrentHashMap<>();

	/** Callers whose groups are kept at most; past it they are worked out afresh (a few kilobytes each, most of them). */
	static final int KEPT_CALLERS = 2_000;

	private record KeptGroups(long transfers, long tree, List<Transfers.PendingGroup> groups) {
	}

	private List<Transfers.PendingGroup> workOutWaitingGroups(Caller caller) {
		Map<Long, Lineage> lineages = new HashMap<>();
		// a list, not a map by group: the groups come distinct from the query, and a province's 3 000 hashed as keys
		// were a twelfth of the transfers page's time
		List<Acting> acting = new ArrayList<>();
		for (Transfers.PendingGroup g : transfers.pendingGroups(caller)) {
			long org = g.stage().actingOrg(g.fromOrgId(), g.toOrgId(), id -> lineages.computeIfAbsent(id, transfers::lineage));
			if (org >= 0) {
				acting.add(new Acting(g, org));
			}
		}
		// a province's groups wait at hundreds of branches: their reach asked once a stage (its roles), not once a group
		Map<Stage, Set<Long>> reached = new EnumMap<>(Stage.class);
		acting.forEach(a -> reached.computeIfAbsent(a.group().stage(), s -> new HashSet<>()).add(a.org()));
		reached.replaceAll((stage, orgs) -> scope.reachable(caller, orgs, stage.roles()));
		Map<Long, Boolean> revealed = new HashMap<>();
		// an arrival registers a member: only those the member database lets register (as mayActAt)
		return acting.stream().filter(a -> reached.get(a.group().stage()).contains(a.org())
				&& (a.group().kind() != TransferKind.INCOMING
						|| revealed.computeIfAbsent(a.org(), org -> members.mayReveal(caller, org))))
			.map(Acting::group).toList();
	}

	/** A group of pending transfers and the organisation whose officers act on it. */
	private record Acting(Transfers.PendingGroup group, long org) {
	}

	/** What waits for the caller: how many, and the newest few of them. */
	record Waiting(List<TransferView> newest, long count) {
	}

	/**
	 * As {@link #waitingFor}, for a page: counted by group and only the newest {@code limit} read, since a province's
	 * administrator may have hundreds waiting and the page listed every one with its names and steps.
	 */
	Waiting waitingNewest(Caller caller, int limit) {
		List<Transfers.PendingGroup> groups = waitingGroupsFor(caller);
		return new Waiting(transfers.pendingIn(groups, limit), groups.stream().mapToLong(Transfers.PendingGroup::count).sum());
	}

	private boolean mayActAt(Caller caller, TransferKind kind, Stage stage, long org) {
		// an arrival registers a member: only those the member database lets register
		if (kind == TransferKind.INCOMING && !members.mayReveal(caller, org)) {
			return false;
		}
		// the committee's administrators may stand in for a general branch that has none
		return scope.reaches(caller, org, stage.roles());
	}

	/** The member a transfer may be asked for by the caller: themselves, or one of their branch (else the audited 404). */
	MemberSummary starter(Caller caller, long memberId) {
		MemberSummary member = members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		if (!isSelf(caller, member) && !scope.reaches(caller, member.organizationId(), MANAGE)) {
			throw new OutOfScopeException("member", memberId);
		}
		return member;
	}

	/** Whether the caller is the member (an officer asking for their own move is a member like any other). */
	static boolean isSelf(Caller caller, MemberSummary member) {
		return member.accountId() != null && member.accountId() == caller.accountId();
	}

	/** Whether the caller may withdraw it: the member, or the sending side, while it is open. */
	boolean mayWithdraw(Caller caller, TransferView t) {
		return t.state() == TransferState.PENDING && withdrawer(caller, t);
	}

	/** The member, or the sending side's managers. */
	boolean withdrawer(Caller caller, TransferView t) {
		return isMember(caller, t) || scope.reaches(caller, t.fromOrgId(), MANAGE);
	}

	/** Whether the caller may record the 回执 of this transfer's letter (the committee, while the letter is out). */
	boolean mayRecordReceipt(Caller caller, TransferView t) {
		return t.state() == TransferState.ISSUED && isCommitteeOf(caller, t);
	}

	/** Whether the caller may add the 回执's scan (the committee, once the 回执 is recorded). */
	boolean mayUploadScan(Caller caller, TransferView t) {
		return t.state() == TransferState.RECEIPTED && isCommitteeOf(caller, t);
	}

	/** Whether the caller administers the committee the transfer's sending side belongs to. */
	boolean isCommitteeOf(Caller caller, TransferView t) {
		return scope.reaches(caller, transfers.lineage(t.fromOrgId()).committee(), Role.COMMITTEE_ADMIN);
	}

	/** Whether the caller is the member the transfer moves. */
	boolean isMember(Caller caller, TransferView t) {
		return members.memberOfAccount(caller.accountId()).map(m -> m.equals(t.memberId())).orElse(false);
	}
}
