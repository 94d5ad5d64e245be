package cn.partybuilding.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.PlainText;

/**
 * A transfer from stage to stage ({@link Stage} holds the route): started by the member or their branch;
 * the sending branch approves (its own start counts as that); when the move crosses general branches both
 * general branches approve; the receiving branch accepts, and only then does the member move. Until then
 * the sending branch stays responsible and the receiving one sees the transfer, not the member. A letter
 * out ends at the committee, which issues it ({@link OutgoingLetters}); a letter from outside ends at the
 * receiving branch, whose acceptance registers the member ({@link IncomingLetters}). Refused with a reason,
 * withdrawn, submitted again; one open transfer per member; every step kept, audited and in the 纪实.
 */
@Service
@Transactional
class TransferWorkflow {

	private final JdbcTemplate jdbc;

	private final Transfers transfers;

	private final TransferPermissions permissions;

	private final OutgoingLetters outgoing;

	private final IncomingLetters incoming;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final Clock clock;

	TransferWorkflow(JdbcTemplate jdbc, Transfers transfers, TransferPermissions permissions, OutgoingLetters outgoing,
			IncomingLetters incoming, MemberDirectory members, OrganizationScope scope, Clock clock) {
		this.jdbc = jdbc;
		this.transfers = transfers;
		this.permissions = permissions;
		this.outgoing = outgoing;
		this.incoming = incoming;
		this.members = members;
		this.scope = scope;
		this.clock = clock;
	}

	/** A new transfer; 201 with where it waits now. */
	TransferView start(Caller caller, TransferRequest request) {
		if (request.memberId() == null) {
			throw new FieldProblem("memberId", "transfer.member.required");
		}
		MemberSummary member = permissions.starter(caller, request.memberId());
		// an officer asking for their own move is a member like any other: someone else approves it
		boolean branch = !TransferPermissions.isSelf(caller, member)
				&& scope.reaches(caller, member.organizationId(), TransferPermissions.MANAGE);
		scope.holdStructure();
		TransferKind kind = request.kind() == null ? TransferKind.INTERNAL : request.kind();
		if (kind == TransferKind.INCOMING) {
			throw new FieldProblem("kind", "transfer.kind.notYet");
		}
		String reason = PlainText.clean(request.reason());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (reason.isEmpty() || reason.length() > 200) {
			problems.add(new FieldProblem.Problem("reason", "transfer.reason.required", new Object[0]));
		}
		OrgRef to = null;
		Addressee addressee = null;
		if (kind == TransferKind.INTERNAL) {
			to = request.toOrgId() == null ? null : scope.find(request.toOrgId()).orElse(null);
			if (to == null || to.type() != OrgType.BRANCH) {
				problems.add(new FieldProblem.Problem("toOrgId", "transfer.to.branch", new Object[0]));
			}
			else if (to.id() == member.organizationId()) {
				problems.add(new FieldProblem.Problem("toOrgId", "transfer.to.same", new Object[0]));
			}
		}
		else {
			addressee = Addressee.checked(request.toOrgName(), request.toOrgKind(), request.toOrgAddress(), "", "toOrgKind", problems);
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		boolean crosses = Stage.crosses(kind, transfers.lineage(member.organizationId()),
				to == null ? null : transfers.lineage(to.id()));
		// the branch starting it has approved it by starting it
		Stage stage = branch && scope.reaches(caller, member.organizationId(), Stage.SENDING_BRANCH.roles())
				? Stage.SENDING_BRANCH.next(kind, crosses) : Stage.SENDING_BRANCH;
		Instant now = clock.instant();
		long id;
		try {
			id = jdbc.queryForObject("""
					insert into transfer (member_id, kind, state, stage, from_org_id, to_org_id, to_org_name, to_org_kind, to_org_address,
					  crosses, reason, started_by, started_at)
					values (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, member.id(), kind.name(),
					stage.name(), member.organizationId(), to == null ? null : to.id(), addressee == null ? null : addressee.name(),
					addressee == null ? null : addressee.destination().name(), addressee == null ? null : addressee.storedAddress(),
					crosses, reason, caller.username(), Timestamp.from(now));
		}
		catch (DuplicateKeyException e) {
			throw new ConflictProblem("memberId", "transfer.open", member.name());
		}
		transfers.step(id, Stage.SENDING_BRANCH, "SUBMIT", caller.username(), reason, now);
		if (stage != Stage.SENDING_BRANCH) {
			transfers.step(id, Stage.SENDING_BRANCH, "APPROVE", caller.username(), null, now);
		}
		TransferView view = transfers.find(id);
		transfers.announce(view, "SUBMIT", Stage.SENDING_BRANCH, reason, caller.username());
		if (stage != Stage.SENDING_BRANCH) {
			transfers.announce(view, "APPROVE", Stage.SENDING_BRANCH, null, caller.username());
		}
		return view;
	}

	/** The stage's side approves; the transfer moves on to the next stage. */
	TransferView approve(Caller caller, long id) {
		TransferView t = permissions.actionable(caller, id);
		if (t.stage() == Stage.RECEIVING_BRANCH) {
			return t.kind() == TransferKind.INCOMING ? incoming.arrive(caller, id).transfer() : accept(caller, id);
		}
		if (t.stage() == Stage.COMMITTEE_ISSUE) {
			return outgoing.issue(caller.username(), t);
		}
		// the route as the tree stands now: a branch moved under another college meanwhile brings that college in
		boolean crosses = Stage.crosses(t.kind(), transfers.lineage(t.fromOrgId()),
				t.toOrgId() == null ? null : transfers.lineage(t.toOrgId()));
		if (crosses != t.crosses()) {
			jdbc.update("update transfer set crosses = ? where id = ?", crosses, id);
		}
		transfers.moveOn(t, t.stage().next(t.kind(), crosses));
		transfers.step(id, t.stage(), "APPROVE", caller.username(), null, clock.instant());
		TransferView view = transfers.find(id);
		transfers.announce(view, "APPROVE", t.stage(), null, caller.username());
		return view;
	}

	/** The receiving branch accepts: the member moves now. Accepting an accepted transfer changes nothing. */
	TransferView accept(Caller caller, long id) {
		TransferView t = permissions.visible(caller, id);
		if (t.state() == TransferState.ACCEPTED) {
			return t;
		}
		if (t.kind() == TransferKind.INCOMING) {
			return incoming.arrive(caller, id).transfer();
		}
		t = permissions.actionable(caller, id);
		if (t.stage() != Stage.RECEIVING_BRANCH) {
			throw new FieldProblem("stage", "transfer.notYet", new DefaultMessageSourceResolvable("transfer.stage." + t.stage()));
		}
		scope.holdStructure();
		long toOrg = t.toOrgId();
		if (scope.find(toOrg).isEmpty()) {
			throw new ConflictProblem("toOrgId", "transfer.to.gone");
		}
		MemberSummary member = members.summary(t.memberId()).orElseThrow();
		if (member.organizationId() != t.fromOrgId()) {
			// the member was moved another way meanwhile: this transfer no longer describes a move
			throw new ConflictProblem("memberId", "transfer.memberMoved");
		}
		Instant now = clock.instant();
		int closed = jdbc.update("update transfer set state = 'ACCEPTED', stage = null, closed_at = ? where id = ? and state = 'PENDING'",
				Timestamp.from(now), id);
		if (closed == 0) {
			throw new ConflictProblem("stage", "transfer.changed");
		}
		members.transferTo(t.memberId(), toOrg);
		transfers.step(id, Stage.RECEIVING_BRANCH, "ACCEPT", caller.username(), null, now);
		TransferView done = transfers.find(id);
		transfers.announce(done, "ACCEPT", Stage.RECEIVING_BRANCH, null, caller.username());
		return done;
	}

	/** The stage's side refuses, with a reason; the member may submit again. */
	TransferView reject(Caller caller, long id, String reason) {
		TransferView t = permissions.actionable(caller, id);
		String why = PlainText.clean(reason);
		if (why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("reason", "transfer.rejectReason");
		}
		return close(t, TransferState.REJECTED, "REJECT", caller.username(), why);
	}

	/** The member, or the sending branch, takes it back while it is still open. */
	TransferView withdraw(Caller caller, long id) {
		TransferView t = permissions.visible(caller, id);
		if (!permissions.withdrawer(caller, t)) {
			throw new NotPermittedException("transfer", id, "withdraw");
		}
		if (t.state() != TransferState.PENDING) {
			throw new FieldProblem("state", "transfer.closed");
		}
		return close(t, TransferState.WITHDRAWN, "WITHDRAW", caller.username(), null);
	}

	/** Refused or withdrawn where it waits: closed, the step kept and told. */
	private TransferView close(TransferView t, TransferState state, String action, String actor, String note) {
		transfers.close(t, state);
		transfers.step(t.id(), t.stage(), action, actor, note, clock.instant());
		TransferView done = transfers.find(t.id());
		transfers.announce(done, action, t.stage(), note, actor);
		return done;
	}

	/** A graduate staying at the school in another branch than their own: moved now, the move kept as a transfer. */
	void moveForStay(String actor, long memberId, long fromOrgId, long toOrgId, long batchId) {
		Instant now = clock.instant();
		long id = jdbc.queryForObject("""
				insert into transfer (member_id, kind, state, from_org_id, to_org_id, crosses, reason, started_by, started_at, closed_at,
				  batch_id)
				values (?, 'INTERNAL', 'ACCEPTED', ?, ?, false, '毕业生暂留学校', ?, ?, ?, ?) returning id""", Long.class, memberId,
				fromOrgId, toOrgId, actor, Timestamp.from(now), Timestamp.from(now), batchId);
		members.transferTo(memberId, toOrgId);
		transfers.step(id, Stage.RECEIVING_BRANCH, "ACCEPT", actor, "毕业生暂留学校", now);
		transfers.announce(transfers.find(id), "ACCEPT", Stage.RECEIVING_BRANCH, "毕业生暂留学校", actor);
	}
}
