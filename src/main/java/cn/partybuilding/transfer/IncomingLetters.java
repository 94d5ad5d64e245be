package cn.partybuilding.transfer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.RegisteredMember;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * 转入: an introduction letter from outside the school, registered as it reads for the branch chosen to
 * receive the member; the member-to-be is sealed until that branch accepts, and then registered there with
 * their account, the letter's 党费交至 telling the dues module where this school's bills begin.
 */
@Service
@Transactional
class IncomingLetters {

	private final JdbcTemplate jdbc;

	private final Transfers transfers;

	private final TransferPermissions permissions;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final DuesManagement dues;

	private final Clock clock;

	/** Whether a letter past its validity may still be registered and accepted (local practice varies). */
	private final boolean acceptExpired;

	IncomingLetters(JdbcTemplate jdbc, Transfers transfers, TransferPermissions permissions, MemberDirectory members,
			OrganizationScope scope, DuesManagement dues, Clock clock,
			@Value("${party.transfer.accept-expired-letters:false}") boolean acceptExpired) {
		this.acceptExpired = acceptExpired;
		this.jdbc = jdbc;
		this.transfers = transfers;
		this.permissions = permissions;
		this.members = members;
		this.scope = scope;
		this.dues = dues;
		this.clock = clock;
	}

	/**
	 * An introduction letter from outside the school (转入), as it reads: its number, the sending
	 * organisation, its last valid day, 党费交至 (YYYY-MM), the member's details, and the branch chosen to
	 * receive them.
	 */
	record Incoming(@Size(max = 40) String letterNo, @Size(max = 100) String fromOrgName, LocalDate validUntil,
			@Size(max = 7) String paidUpTo, Long toOrgId, @Size(max = 200) String reason, @Valid MemberForm member) {
	}

	/** The member who arrived, with their new account's one-time password (only at the acceptance itself). */
	record Arrival(TransferView transfer, String username, String initialPassword) {
	}

	/**
	 * Registers an incoming letter: by whoever manages the receiving branch (the committee, its general
	 * branch, the branch). The member's details pass the member database's rules now and are sealed until
	 * the branch accepts; a letter already past its validity is refused (the sender must reissue it) unless
	 * {@code party.transfer.accept-expired-letters} says otherwise.
	 */
	TransferView register(Caller caller, Incoming in) {
		OrgRef to = in.toOrgId() == null ? null : scope.find(in.toOrgId()).orElse(null);
		if (to != null && !scope.reaches(caller, to.id(), TransferPermissions.MANAGE)) {
			throw new OutOfScopeException("organization", to.id());
		}
		// registering a member is for those the member database lets register (a branch's committee member is not)
		if (to != null && !members.mayReveal(caller, to.id())) {
			throw new NotPermittedException("organization", to.id(), "register incoming");
		}
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String letterNo = PlainText.clean(in.letterNo());
		String fromName = PlainText.clean(in.fromOrgName());
		String reason = PlainText.clean(in.reason());
		if (letterNo.isEmpty() || letterNo.length() > 40) {
			problems.add(new FieldProblem.Problem("letterNo", "transfer.incoming.letterNo", new Object[0]));
		}
		if (fromName.isEmpty() || fromName.length() > 100) {
			problems.add(new FieldProblem.Problem("fromOrgName", "transfer.incoming.from", new Object[0]));
		}
		LocalDate today = LocalDate.now(clock);
		if (in.validUntil() == null) {
			problems.add(new FieldProblem.Problem("validUntil", "transfer.incoming.validUntil", new Object[0]));
		}
		else if (!acceptExpired && in.validUntil().isBefore(today)) {
			problems.add(new FieldProblem.Problem("validUntil", "transfer.incoming.expired", new Object[] { in.validUntil().toString() }));
		}
		String paidUpTo = in.paidUpTo() == null || in.paidUpTo().isBlank() ? null : in.paidUpTo().trim();
		if (paidUpTo != null && !paidUpTo.matches("\\d{4}-(0[1-9]|1[0-2])")) {
			problems.add(new FieldProblem.Problem("paidUpTo", "transfer.incoming.paidUpTo", new Object[0]));
		}
		if (to == null || to.type() != OrgType.BRANCH) {
			problems.add(new FieldProblem.Problem("toOrgId", "transfer.to.branch", new Object[0]));
		}
		if (reason.length() > 200) {
			problems.add(new FieldProblem.Problem("reason", "transfer.reason.required", new Object[0]));
		}
		if (in.member() == null) {
			problems.add(new FieldProblem.Problem("member", "transfer.incoming.member", new Object[0]));
		}
		String sealed = null;
		if (in.member() != null && to != null && to.type() == OrgType.BRANCH) {
			MemberForm m = in.member();
			try {
				sealed = members.seal(new MemberForm(m.name(), m.gender(), m.ethnicity(), m.birthDate(), m.idCard(),
						m.nativePlace(), m.education(), m.category(), m.staffNumber(), m.phone(), to.id(), m.status(), m.joinDate(),
						m.conversionDate(), m.graduationYear()));
			}
			catch (FieldProblem e) {
				// the member's own fields answer as member.name, member.idCard, … beside the letter's
				e.problems().forEach(p -> problems.add(new FieldProblem.Problem("member." + p.field(), p.messageKey(), p.args())));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		String name = PlainText.clean(in.member().name());
		Instant now = clock.instant();
		long id;
		try {
			id = jdbc.queryForObject("""
					insert into transfer (kind, state, stage, from_org_id, to_org_id, from_org_name, incoming_letter_no, incoming_name,
					  incoming_sealed, valid_until, paid_up_to, crosses, reason, started_by, started_at)
					values ('INCOMING', 'PENDING', 'RECEIVING_BRANCH', ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?) returning id""", Long.class,
					to.id(), to.id(), fromName, letterNo, name, sealed, Date.valueOf(in.validUntil()), paidUpTo,
					reason.isEmpty() ? "持介绍信转入" : reason, caller.username(), Timestamp.from(now));
		}
		catch (DuplicateKeyException e) {
			throw new ConflictProblem("letterNo", "transfer.incoming.duplicate", letterNo);
		}
		transfers.step(id, Stage.RECEIVING_BRANCH, "REGISTER", caller.username(), fromName + " 介绍信 " + letterNo, now);
		TransferView view = transfers.find(id);
		transfers.announce(view, "REGISTER", Stage.RECEIVING_BRANCH, letterNo, caller.username());
		return view;
	}

	/**
	 * The receiving branch accepts an incoming letter: the member is registered in the branch and their
	 * account opened (its one-time password shown once, here). Not with a letter past its validity.
	 * Accepting again changes nothing.
	 */
	Arrival arrive(Caller caller, long id) {
		TransferView t = permissions.visible(caller, id);
		if (t.kind() != TransferKind.INCOMING) {
			throw new FieldProblem("kind", "transfer.incoming.only");
		}
		if (t.state() == TransferState.ACCEPTED) {
			return new Arrival(t, null, null);
		}
		t = permissions.actionable(caller, id);
		if (!acceptExpired && t.letter().validUntil().isBefore(LocalDate.now(clock))) {
			throw new FieldProblem("validUntil", "transfer.incoming.expired", t.letter().validUntil().toString());
		}
		scope.holdStructure();
		if (scope.find(t.toOrgId()).isEmpty()) {
			throw new ConflictProblem("toOrgId", "transfer.to.gone");
		}
		// two acceptances at once: the second waits here, then finds it accepted
		String sealed = jdbc.queryForList("select incoming_sealed from transfer where id = ? and state = 'PENDING' for update",
				String.class, id).stream().findFirst().orElse(null);
		if (sealed == null) {
			return new Arrival(transfers.find(id), null, null);
		}
		RegisteredMember registered = members.registerSealed(caller, sealed);
		Instant now = clock.instant();
		if (jdbc.update("""
				update transfer set state = 'ACCEPTED', stage = null, closed_at = ?, member_id = ?, incoming_sealed = null
				where id = ? and state = 'PENDING'""", Timestamp.from(now), registered.id(), id) == 0) {
			throw new ConflictProblem("stage", "transfer.changed");
		}
		if (t.letter().paidUpTo() != null) {
			// record once: the letter's 党费交至 is where this school's bills begin
			dues.paidElsewhere(registered.id(), YearMonth.parse(t.letter().paidUpTo()),
					t.fromName() + " 介绍信 " + t.letter().number());
		}
		transfers.step(id, Stage.RECEIVING_BRANCH, "ACCEPT", caller.username(), null, now);
		TransferView done = transfers.find(id);
		transfers.announce(done, "ACCEPT", Stage.RECEIVING_BRANCH, null, caller.username());
		return new Arrival(done, registered.username(), registered.initialPassword());
	}
}
