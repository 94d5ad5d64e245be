package cn.partybuilding.transfer;

import java.security.SecureRandom;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.dues.DuesManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.member.RegisteredMember;
import cn.partybuilding.organization.DissolutionBlocker;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * Transfers within the school: started by the member or their branch; the sending branch approves (its
 * own start counts as that); when the move crosses general branches both general branches approve; the
 * receiving branch accepts, and only then does the member move. Until then the sending branch stays
 * responsible and the receiving one sees the transfer, not the member. Refused with a reason, withdrawn,
 * submitted again; one open transfer per member; every step kept, audited and in the 纪实.
 */
@Service
@Transactional
public class Transfers implements DissolutionBlocker {

	static final Role[] MANAGE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private final JdbcTemplate jdbc;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final DuesManagement dues;

	private final int validityDays;

	private final int reissueMonths;

	private static final SecureRandom RANDOM = new SecureRandom();

	Transfers(JdbcTemplate jdbc, MemberDirectory members, OrganizationScope scope, ApplicationEventPublisher events,
			Clock clock, DuesManagement dues,
			@Value("${party.transfer.letter-validity-days:90}") int validityDays,
			@Value("${party.transfer.reissue-months:6}") int reissueMonths) {
		this.reissueMonths = reissueMonths;
		this.dues = dues;
		this.validityDays = validityDays;
		this.jdbc = jdbc;
		this.members = members;
		this.scope = scope;
		this.events = events;
		this.clock = clock;
	}

	public enum Kind { INTERNAL, OUTGOING, INCOMING }

	public enum State { PENDING, ACCEPTED, REJECTED, WITHDRAWN, ISSUED, RECEIPTED }

	/** Where an outgoing letter goes: an employer's party organisation, a 街道/乡镇, a talent service agency, other. */
	public enum Destination { EMPLOYER, STREET, TALENT_CENTER, OTHER }

	public record Request(Long memberId, Kind kind, Long toOrgId, String toOrgName, String toOrgKind, String reason,
			String toOrgAddress) {

		public Request(Long memberId, Kind kind, Long toOrgId, String toOrgName, String toOrgKind, String reason) {
			this(memberId, kind, toOrgId, toOrgName, toOrgKind, reason, null);
		}
	}

	/** The introduction letter of an outgoing transfer, once the committee has issued it. */
	public record Letter(String number, String verifyCode, Instant issuedAt, LocalDate validUntil, String paidUpTo,
			String receiptNo, LocalDate receiptOn) {
	}

	public record Step(Stage stage, String action, String actor, String note, Instant at) {
	}

	/** {@code memberId} is null only for a letter from outside not yet accepted: the member does not exist yet. */
	public record TransferView(long id, Long memberId, String memberName, Kind kind, State state, Stage stage,
			long fromOrgId, String fromName, Long toOrgId, String toName, Destination destination, String toAddress,
			boolean crosses, String reason, String startedBy, Instant startedAt, Instant closedAt, Letter letter,
			List<Step> steps) {
	}

	/** A new transfer; 201 with where it waits now. */
	public TransferView start(Caller caller, Request request) {
		if (request.memberId() == null) {
			throw new FieldProblem("memberId", "transfer.member.required");
		}
		MemberSummary member = starter(caller, request.memberId());
		// an officer asking for their own move is a member like any other: someone else approves it
		boolean self = member.accountId() != null && member.accountId() == caller.accountId();
		boolean branch = !self && scope.reaches(caller, member.organizationId(), MANAGE);
		scope.holdStructure();
		Kind kind = request.kind() == null ? Kind.INTERNAL : request.kind();
		if (kind == Kind.INCOMING) {
			throw new FieldProblem("kind", "transfer.kind.notYet");
		}
		String reason = PlainText.clean(request.reason());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (reason.isEmpty() || reason.length() > 200) {
			problems.add(new FieldProblem.Problem("reason", "transfer.reason.required", new Object[0]));
		}
		OrgRef to = null;
		Destination destination = null;
		String toName = null;
		String toAddress = null;
		if (kind == Kind.INTERNAL) {
			to = request.toOrgId() == null ? null : scope.find(request.toOrgId()).orElse(null);
			if (to == null || to.type() != OrgType.BRANCH) {
				problems.add(new FieldProblem.Problem("toOrgId", "transfer.to.branch", new Object[0]));
			}
			else if (to.id() == member.organizationId()) {
				problems.add(new FieldProblem.Problem("toOrgId", "transfer.to.same", new Object[0]));
			}
		}
		else {
			toName = PlainText.clean(request.toOrgName());
			toAddress = PlainText.clean(request.toOrgAddress());
			destination = destination(request.toOrgKind());
			if (toName.isEmpty() || toName.length() > 100) {
				problems.add(new FieldProblem.Problem("toOrgName", "transfer.toName.required", new Object[0]));
			}
			if (destination == null) {
				problems.add(new FieldProblem.Problem("toOrgKind", "transfer.toKind.required", new Object[0]));
			}
			if (toAddress.length() > 200) {
				problems.add(new FieldProblem.Problem("toOrgAddress", "transfer.toAddress.length", new Object[0]));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long fromGeneral = generalOf(member.organizationId());
		// internal: does it cross general branches; outgoing: is there a general branch between branch and committee
		boolean crosses = kind == Kind.INTERNAL ? fromGeneral != generalOf(to.id()) : fromGeneral != rootOf(member.organizationId());
		// the branch starting it has approved it by starting it
		Stage stage = branch && scope.reaches(caller, member.organizationId(), Stage.SENDING_BRANCH.roles())
				? after(kind, Stage.SENDING_BRANCH, crosses) : Stage.SENDING_BRANCH;
		Instant now = clock.instant();
		long id;
		try {
			id = jdbc.queryForObject("""
					insert into transfer (member_id, kind, state, stage, from_org_id, to_org_id, to_org_name, to_org_kind, to_org_address,
					  crosses, reason, started_by, started_at)
					values (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, member.id(), kind.name(),
					stage.name(), member.organizationId(), to == null ? null : to.id(), toName,
					destination == null ? null : destination.name(), toAddress == null || toAddress.isEmpty() ? null : toAddress,
					crosses, reason, caller.username(), Timestamp.from(now));
		}
		catch (DuplicateKeyException e) {
			throw new ConflictProblem("memberId", "transfer.open", member.name());
		}
		step(id, Stage.SENDING_BRANCH, "SUBMIT", caller.username(), reason, now);
		if (stage != Stage.SENDING_BRANCH) {
			step(id, Stage.SENDING_BRANCH, "APPROVE", caller.username(), null, now);
		}
		TransferView view = find(id);
		announce(view, "SUBMIT", Stage.SENDING_BRANCH, reason, caller.username());
		if (stage != Stage.SENDING_BRANCH) {
			announce(view, "APPROVE", Stage.SENDING_BRANCH, null, caller.username());
		}
		return view;
	}

	/** The stage's side approves; the transfer moves on to the next stage. */
	public TransferView approve(Caller caller, long id) {
		TransferView t = actionable(caller, id);
		if (t.stage() == Stage.RECEIVING_BRANCH) {
			return t.kind() == Kind.INCOMING ? arrive(caller, id).transfer() : accept(caller, id);
		}
		if (t.stage() == Stage.COMMITTEE_ISSUE) {
			return issue(caller.username(), t);
		}
		// the route as the tree stands now: a branch moved under another college meanwhile brings that college in
		boolean crosses = t.kind() == Kind.INTERNAL ? generalOf(t.fromOrgId()) != generalOf(t.toOrgId())
				: generalOf(t.fromOrgId()) != rootOf(t.fromOrgId());
		if (crosses != t.crosses()) {
			jdbc.update("update transfer set crosses = ? where id = ?", crosses, id);
		}
		Stage next = after(t.kind(), t.stage(), crosses);
		move(t, next);
		step(id, t.stage(), "APPROVE", caller.username(), null, clock.instant());
		TransferView view = find(id);
		announce(view, "APPROVE", t.stage(), null, caller.username());
		return view;
	}

	/** The receiving branch accepts: the member moves now. Accepting an accepted transfer changes nothing. */
	public TransferView accept(Caller caller, long id) {
		TransferView t = visible(caller, id);
		if (t.state() == State.ACCEPTED) {
			return t;
		}
		if (t.kind() == Kind.INCOMING) {
			return arrive(caller, id).transfer();
		}
		t = actionable(caller, id);
		if (t.stage() != Stage.RECEIVING_BRANCH) {
			throw new FieldProblem("stage", "transfer.notYet", t.stage().title());
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
		step(id, Stage.RECEIVING_BRANCH, "ACCEPT", caller.username(), null, now);
		TransferView done = find(id);
		announce(done, "ACCEPT", Stage.RECEIVING_BRANCH, null, caller.username());
		return done;
	}

	/**
	 * The committee issues the introduction letter of an outgoing transfer: a number of the year, a code to
	 * verify it by, its validity ({@code party.transfer.letter-validity-days}, 90) and 党费交至年月 as the
	 * dues module knows it. The transfer then waits for the 回执.
	 */
	TransferView issue(String actor, TransferView t) {
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		Fresh fresh = freshLetter(t.memberId(), today);
		String number = fresh.number();
		String code = fresh.code();
		String paidUpTo = fresh.paidUpTo();
		if (jdbc.update("""
				update transfer set state = 'ISSUED', stage = null, letter_no = ?, verify_code = ?, issued_at = ?, valid_until = ?,
				  paid_up_to = ? where id = ? and state = 'PENDING' and stage = 'COMMITTEE_ISSUE'""", number, code,
				Timestamp.from(now), Date.valueOf(today.plusDays(validityDays)), paidUpTo, t.id()) == 0) {
			throw new ConflictProblem("stage", "transfer.changed");
		}
		keepLetter(t.id(), code, number, now, today.plusDays(validityDays));
		step(t.id(), Stage.COMMITTEE_ISSUE, "ISSUE", actor, "介绍信 " + number, now);
		TransferView view = find(t.id());
		announce(view, "ISSUE", Stage.COMMITTEE_ISSUE, number, actor);
		return view;
	}

	private void keepLetter(long transferId, String code, String number, Instant issuedAt, LocalDate validUntil) {
		jdbc.update("insert into transfer_letter (verify_code, transfer_id, letter_no, issued_at, valid_until) values (?, ?, ?, ?, ?)",
				code, transferId, number, Timestamp.from(issuedAt), Date.valueOf(validUntil));
	}

	/**
	 * A letter that lapsed before its 回执 came back is issued again — within
	 * {@code party.transfer.reissue-months} (6) of the first one — with a new number and code; the old one
	 * verifies as superseded, and the history keeps both.
	 */
	public TransferView reissue(Caller caller, long id) {
		TransferView t = visible(caller, id);
		if (!scope.reaches(caller, rootOf(t.fromOrgId()), Role.COMMITTEE_ADMIN)) {
			throw new NotPermittedException("transfer", id, "reissue");
		}
		LocalDate today = LocalDate.now(clock);
		if (t.state() != State.ISSUED || !t.letter().validUntil().isBefore(today)) {
			throw new FieldProblem("state", "transfer.reissue.notLapsed");
		}
		Instant first = jdbc.queryForObject("select min(issued_at) from transfer_letter where transfer_id = ?", Timestamp.class, id)
			.toInstant();
		LocalDate firstDay = LocalDate.ofInstant(first, PlatformZone.ZONE);
		if (firstDay.plusMonths(reissueMonths).isBefore(today)) {
			throw new FieldProblem("state", "transfer.reissue.tooLate", reissueMonths, firstDay.toString());
		}
		Instant now = clock.instant();
		Fresh fresh = freshLetter(t.memberId(), today);
		String number = fresh.number();
		String code = fresh.code();
		String paidUpTo = fresh.paidUpTo();
		jdbc.update("update transfer_letter set superseded_at = ? where transfer_id = ? and superseded_at is null", Timestamp.from(now), id);
		if (jdbc.update("""
				update transfer set letter_no = ?, verify_code = ?, issued_at = ?, valid_until = ?, paid_up_to = ?
				where id = ? and state = 'ISSUED'""", number, code, Timestamp.from(now),
				Date.valueOf(today.plusDays(validityDays)), paidUpTo, id) == 0) {
			throw new ConflictProblem("state", "transfer.changed");
		}
		keepLetter(id, code, number, now, today.plusDays(validityDays));
		step(id, Stage.COMMITTEE_ISSUE, "REISSUE", caller.username(), "原介绍信 " + t.letter().number() + " 作废，重新开具 " + number, now);
		TransferView done = find(id);
		announce(done, "REISSUE", Stage.COMMITTEE_ISSUE, number, caller.username());
		return done;
	}

	/**
	 * An introduction letter from outside the school (转入), as it reads: its number, the sending
	 * organisation, its last valid day, 党费交至 (YYYY-MM), the member's details, and the branch chosen to
	 * receive them.
	 */
	public record Incoming(String letterNo, String fromOrgName, LocalDate validUntil, String paidUpTo, Long toOrgId,
			String reason, MemberForm member) {
	}

	/** The member who arrived, with their new account's one-time password (only at the acceptance itself). */
	public record Arrival(TransferView transfer, String username, String initialPassword) {
	}

	/**
	 * Registers an incoming letter: by whoever manages the receiving branch (the committee, its general
	 * branch, the branch). The member's details pass the member database's rules now and are sealed until
	 * the branch accepts; a letter already past its validity is refused (the sender must reissue it).
	 */
	public TransferView registerIncoming(Caller caller, Incoming in) {
		OrgRef to = in.toOrgId() == null ? null : scope.find(in.toOrgId()).orElse(null);
		if (to != null && !scope.reaches(caller, to.id(), MANAGE)) {
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
		else if (in.validUntil().isBefore(today)) {
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
		step(id, Stage.RECEIVING_BRANCH, "REGISTER", caller.username(), fromName + " 介绍信 " + letterNo, now);
		TransferView view = find(id);
		announce(view, "REGISTER", Stage.RECEIVING_BRANCH, letterNo, caller.username());
		return view;
	}

	/**
	 * The receiving branch accepts an incoming letter: the member is registered in the branch and their
	 * account opened (its one-time password shown once, here). Not with a letter past its validity.
	 * Accepting again changes nothing.
	 */
	public Arrival arrive(Caller caller, long id) {
		TransferView t = visible(caller, id);
		if (t.kind() != Kind.INCOMING) {
			throw new FieldProblem("kind", "transfer.incoming.only");
		}
		if (t.state() == State.ACCEPTED) {
			return new Arrival(t, null, null);
		}
		t = actionable(caller, id);
		if (t.letter().validUntil().isBefore(LocalDate.now(clock))) {
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
			return new Arrival(find(id), null, null);
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
		step(id, Stage.RECEIVING_BRANCH, "ACCEPT", caller.username(), null, now);
		TransferView done = find(id);
		announce(done, "ACCEPT", Stage.RECEIVING_BRANCH, null, caller.username());
		return new Arrival(done, registered.username(), registered.initialPassword());
	}

	/** A graduate's letter-to-be in a batch: who, from where, to whom. */
	record Outgoing(long memberId, long fromOrgId, String toOrgName, String toOrgKind, String toOrgAddress, String reason) {
	}

	/**
	 * The batch's outgoing transfers, started by the committee and waiting for their letters (the batch
	 * issues them next). Nobody is asked to approve: the committee that issues them started them.
	 */
	void startForBatch(String actor, List<Outgoing> rows, long batchId) {
		Timestamp now = Timestamp.from(clock.instant());
		for (int from = 0; from < rows.size(); from += 1000) {
			List<Outgoing> chunk = rows.subList(from, Math.min(rows.size(), from + 1000));
			jdbc.update("""
					insert into transfer (member_id, kind, state, stage, from_org_id, to_org_name, to_org_kind, to_org_address, crosses,
					  reason, started_by, started_at, batch_id)
					select m, 'OUTGOING', 'PENDING', 'COMMITTEE_ISSUE', f, n, k, nullif(a, ''), false, r, ?, ?, ?
					from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) as u(m, f, n, k, a, r)""",
					actor, now, batchId, chunk.stream().map(Outgoing::memberId).toArray(Long[]::new),
					chunk.stream().map(Outgoing::fromOrgId).toArray(Long[]::new), chunk.stream().map(Outgoing::toOrgName).toArray(String[]::new),
					chunk.stream().map(Outgoing::toOrgKind).toArray(String[]::new),
					chunk.stream().map(Outgoing::toOrgAddress).toArray(String[]::new), chunk.stream().map(Outgoing::reason).toArray(String[]::new));
		}
		jdbc.update("""
				insert into transfer_step (transfer_id, stage, action, actor, note, at)
				select id, 'SENDING_BRANCH', 'SUBMIT', ?, '毕业生批量转出', ? from transfer where batch_id = ? and kind = 'OUTGOING'""",
				actor, now, batchId);
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
		step(id, Stage.RECEIVING_BRANCH, "ACCEPT", actor, "毕业生暂留学校", now);
		announce(find(id), "ACCEPT", Stage.RECEIVING_BRANCH, "毕业生暂留学校", actor);
	}

	private record Fresh(String number, String code, String paidUpTo) {
	}

	/** A new letter's number of the year, its verification code, and 党费交至 as the dues module knows it now. */
	private Fresh freshLetter(long memberId, LocalDate today) {
		long seq = jdbc.queryForObject("select nextval('transfer_letter_seq')", Long.class);
		return new Fresh(today.getYear() + "-" + String.format("%04d", seq), verifyCode(),
				dues.paidUpTo(memberId).map(YearMonth::toString).orElse(null));
	}

	/** 12 letters and digits without look-alikes (0/O, 1/I/L), for reading off a printed letter. */
	private static String verifyCode() {
		String alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return code.toString();
	}

	/**
	 * The 回执 came back: recorded by the committee, the transfer closes and the member leaves the active
	 * lists (their history stays). A letter past its validity needs a new one first.
	 */
	public TransferView receipt(Caller caller, long id, String receiptNo, LocalDate receivedOn) {
		TransferView t = visible(caller, id);
		if (!scope.reaches(caller, rootOf(t.fromOrgId()), Role.COMMITTEE_ADMIN)) {
			throw new NotPermittedException("transfer", id, "receipt");
		}
		if (t.state() == State.RECEIPTED) {
			return t;
		}
		if (t.state() != State.ISSUED) {
			throw new FieldProblem("state", "transfer.receipt.notIssued");
		}
		String number = PlainText.clean(receiptNo);
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (number.isEmpty() || number.length() > 64) {
			problems.add(new FieldProblem.Problem("receiptNo", "transfer.receipt.no", new Object[0]));
		}
		LocalDate today = LocalDate.now(clock);
		LocalDate issued = LocalDate.ofInstant(t.letter().issuedAt(), PlatformZone.ZONE);
		if (receivedOn == null || receivedOn.isAfter(today) || receivedOn.isBefore(issued)) {
			problems.add(new FieldProblem.Problem("receivedOn", "transfer.receipt.date", new Object[] { issued.toString() }));
		}
		else if (receivedOn.isAfter(t.letter().validUntil())) {
			problems.add(new FieldProblem.Problem("receivedOn", "transfer.receipt.expired", new Object[] { t.letter().validUntil().toString() }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		Instant now = clock.instant();
		if (jdbc.update("""
				update transfer set state = 'RECEIPTED', receipt_no = ?, receipt_on = ?, closed_at = ? where id = ? and state = 'ISSUED'""",
				number, Date.valueOf(receivedOn), Timestamp.from(now), id) == 1) {
			members.depart(t.memberId(), receivedOn);
			// a graduate who had stayed at the school has now left it
			jdbc.update("update graduate_stay set ended_on = ? where member_id = ? and ended_on is null", Date.valueOf(receivedOn),
					t.memberId());
			step(id, Stage.COMMITTEE_ISSUE, "RECEIPT", caller.username(), "回执 " + number, now);
			announce(find(id), "RECEIPT", Stage.COMMITTEE_ISSUE, number, caller.username());
		}
		return find(id);
	}

	/** What the public verification page may show of a letter: its number, the masked name, where to, its state. */
	public record Verification(String letterNo, String maskedName, String toName, String state, LocalDate validUntil) {
	}

	@Transactional(readOnly = true)
	public Optional<Verification> verify(String code) {
		if (code == null || !code.matches("[2-9A-Z]{12}")) {
			return Optional.empty();
		}
		record Issued(long transferId, String number, LocalDate validUntil, boolean superseded) {
		}
		return jdbc.query("select transfer_id, letter_no, valid_until, superseded_at is not null from transfer_letter where verify_code = ?",
				(rs, n) -> new Issued(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getBoolean(4)), code)
			.stream().findFirst().map(l -> {
				TransferView t = find(l.transferId());
				String state = l.superseded() ? "SUPERSEDED" : t.state() == State.RECEIPTED ? "RECEIPTED"
						: l.validUntil().isBefore(LocalDate.now(clock)) ? "EXPIRED" : "VALID";
				return new Verification(l.number(), masked(t.memberName()), t.toName(), state, l.validUntil());
			});
	}

	/** 王*明, 李*: the first character and, for longer names, the last. */
	static String masked(String name) {
		if (name == null || name.isEmpty()) {
			return "";
		}
		int[] cps = name.codePoints().toArray();
		if (cps.length == 1) {
			return name;
		}
		StringBuilder out = new StringBuilder().appendCodePoint(cps[0]);
		out.append("*".repeat(Math.max(1, cps.length - 2)));
		if (cps.length > 2) {
			out.appendCodePoint(cps[cps.length - 1]);
		}
		return out.toString();
	}

	/** The stage's side refuses, with a reason; the member may submit again. */
	public TransferView reject(Caller caller, long id, String reason) {
		TransferView t = actionable(caller, id);
		String why = PlainText.clean(reason);
		if (why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("reason", "transfer.rejectReason");
		}
		close(t, "REJECTED");
		step(id, t.stage(), "REJECT", caller.username(), why, clock.instant());
		TransferView done = find(id);
		announce(done, "REJECT", t.stage(), why, caller.username());
		return done;
	}

	/** The member, or the sending branch, takes it back while it is still open. */
	public TransferView withdraw(Caller caller, long id) {
		TransferView t = visible(caller, id);
		if (!withdrawer(caller, t)) {
			throw new NotPermittedException("transfer", id, "withdraw");
		}
		if (t.state() != State.PENDING) {
			throw new FieldProblem("state", "transfer.closed");
		}
		close(t, "WITHDRAWN");
		step(id, t.stage(), "WITHDRAW", caller.username(), null, clock.instant());
		TransferView done = find(id);
		announce(done, "WITHDRAW", t.stage(), null, caller.username());
		return done;
	}

	/** Transfers the caller deals with: from or to their organisations (or one subtree), optionally in one state. */
	@Transactional(readOnly = true)
	public List<TransferView> list(Caller caller, Long orgId, State state) {
		Long[] ids = scope.covered(caller, orgId, "transfer", MANAGE).toArray(Long[]::new);
		return query("""
				where (t.from_org_id = any(?) or t.to_org_id = any(?)) and (?::varchar is null or t.state = ?::varchar)
				order by t.started_at desc limit 500""", ids, ids, state == null ? null : state.name(),
				state == null ? null : state.name());
	}

	/** Those waiting for the caller: at a stage whose side and roles the caller holds. */
	@Transactional(readOnly = true)
	public List<TransferView> waitingFor(Caller caller) {
		// hundreds pending at a committee share a few dozen organisations: each one's lineage and reach looked up once
		Map<Long, List<OrgRef>> lineages = new HashMap<>();
		Map<String, Boolean> reach = new HashMap<>();
		return list(caller, null, State.PENDING).stream().filter(t -> {
			long org = actingOrg(t, id -> lineages.computeIfAbsent(id, scope::lineage));
			return org >= 0 && reach.computeIfAbsent(t.kind() + "/" + t.stage() + "/" + org, k -> mayActAt(caller, t, org));
		}).toList();
	}

	/** The signed-in member's own transfers. */
	@Transactional(readOnly = true)
	public List<TransferView> mine(Caller caller) {
		return members.memberOfAccount(caller.accountId())
			.map(m -> query("where t.member_id = ? order by t.started_at desc", m)).orElse(List.of());
	}

	@Transactional(readOnly = true)
	public TransferView get(Caller caller, long id) {
		return visible(caller, id);
	}

	/** Whether the caller may act at the transfer's current stage. */
	public boolean mayAct(Caller caller, TransferView t) {
		if (t.state() != State.PENDING) {
			return false;
		}
		long org = actingOrg(t);
		return org >= 0 && mayActAt(caller, t, org);
	}

	private boolean mayActAt(Caller caller, TransferView t, long org) {
		// an arrival registers a member: only those the member database lets register
		if (t.kind() == Kind.INCOMING && !members.mayReveal(caller, org)) {
			return false;
		}
		// the committee's administrators may stand in for a general branch that has none
		return scope.reaches(caller, org, t.stage().roles());
	}

	/** The member a transfer may be asked for by the caller: themselves, or one of their branch (else the audited 404). */
	public MemberSummary starter(Caller caller, long memberId) {
		MemberSummary member = members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		boolean self = member.accountId() != null && member.accountId() == caller.accountId();
		if (!self && !scope.reaches(caller, member.organizationId(), MANAGE)) {
			throw new OutOfScopeException("member", memberId);
		}
		return member;
	}

	public record BranchOption(long id, String label) {
	}

	/** "college / branch" for each: many branches share a name like 教工第一党支部. Two look-ups in all. */
	Map<Long, String> labels(Collection<OrgRef> orgs) {
		Map<Long, String> parents = scope.findAll(orgs.stream().map(OrgRef::parentId).filter(Objects::nonNull)
			.collect(Collectors.toSet())).stream().collect(Collectors.toMap(OrgRef::id, OrgRef::name));
		return orgs.stream().collect(Collectors.toMap(OrgRef::id,
				o -> (o.parentId() == null || !parents.containsKey(o.parentId()) ? "" : parents.get(o.parentId()) + " / ") + o.name(),
				(a, b) -> a));
	}

	private List<BranchOption> branchOptions(List<OrgRef> orgs, Predicate<OrgRef> which) {
		List<OrgRef> branches = orgs.stream().filter(o -> o.type() == OrgType.BRANCH && which.test(o))
			.sorted(Comparator.comparing(OrgRef::code)).toList();
		Map<Long, String> labels = labels(branches);
		return branches.stream().map(o -> new BranchOption(o.id(), labels.get(o.id()))).toList();
	}

	/** Every branch of the member's school, as "college / branch", for choosing where to move. */
	@Transactional(readOnly = true)
	public List<BranchOption> branchesFor(long memberId) {
		MemberSummary member = members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		List<OrgRef> lineage = scope.lineage(member.organizationId());
		if (lineage.isEmpty()) {
			return List.of();
		}
		return branchOptions(scope.findAll(scope.subtree(lineage.get(0).id())), o -> o.id() != member.organizationId());
	}

	/** The colleges (and committees) the caller manages, for narrowing a long list to one of them. */
	@Transactional(readOnly = true)
	public List<BranchOption> collegesFor(Caller caller) {
		return scope.findAll(scope.covered(caller, null, "transfer", MANAGE)).stream()
			.filter(o -> o.type() == OrgType.COMMITTEE || o.type() == OrgType.GENERAL_BRANCH)
			.sorted(Comparator.comparing(OrgRef::code)).map(o -> new BranchOption(o.id(), o.name())).toList();
	}

	/** The branches the caller manages, for receiving an incoming member. */
	@Transactional(readOnly = true)
	public List<BranchOption> receivingBranches(Caller caller) {
		return branchOptions(scope.findAll(scope.covered(caller, null, "transfer", MANAGE)), o -> true);
	}

	/** Whether the caller may record the 回执 of this transfer's letter (the committee, while the letter is out). */
	public boolean mayRecordReceipt(Caller caller, TransferView t) {
		return t.state() == State.ISSUED && isCommitteeOf(caller, t);
	}

	/** Whether the caller administers the committee the transfer's sending side belongs to. */
	public boolean isCommitteeOf(Caller caller, TransferView t) {
		return scope.reaches(caller, rootOf(t.fromOrgId()), Role.COMMITTEE_ADMIN);
	}

	/** Whether the caller may withdraw it: the member, or the sending side, while it is open. */
	public boolean mayWithdraw(Caller caller, TransferView t) {
		return t.state() == State.PENDING && withdrawer(caller, t);
	}

	private boolean withdrawer(Caller caller, TransferView t) {
		return members.memberOfAccount(caller.accountId()).map(m -> m.equals(t.memberId())).orElse(false)
				|| scope.reaches(caller, t.fromOrgId(), MANAGE);
	}

	// ---- inside ----

	private TransferView visible(Caller caller, long id) {
		TransferView t = find(id);
		boolean self = members.memberOfAccount(caller.accountId()).map(m -> m.equals(t.memberId())).orElse(false);
		if (self || scope.reaches(caller, t.fromOrgId(), MANAGE) || t.toOrgId() != null && scope.reaches(caller, t.toOrgId(), MANAGE)) {
			return t;
		}
		throw new OutOfScopeException("transfer", id);
	}

	private TransferView actionable(Caller caller, long id) {
		TransferView t = visible(caller, id);
		if (t.state() != State.PENDING) {
			throw new FieldProblem("state", "transfer.closed");
		}
		if (!mayAct(caller, t)) {
			throw new NotPermittedException("transfer", id, t.stage().name());
		}
		if (members.memberOfAccount(caller.accountId()).map(m -> m.equals(t.memberId())).orElse(false)) {
			throw new FieldProblem("memberId", "transfer.self");
		}
		return t;
	}

	private void move(TransferView t, Stage next) {
		if (jdbc.update("update transfer set stage = ? where id = ? and state = 'PENDING' and stage = ?", next.name(), t.id(),
				t.stage().name()) == 0) {
			throw new ConflictProblem("stage", "transfer.changed");
		}
	}

	/** Refused or withdrawn: an incoming letter's sealed details go with it. */
	private void close(TransferView t, String state) {
		if (jdbc.update("""
				update transfer set state = ?, stage = null, closed_at = ?, incoming_sealed = null
				where id = ? and state = 'PENDING' and stage = ?""",
				state, Timestamp.from(clock.instant()), t.id(), t.stage().name()) == 0) {
			throw new ConflictProblem("stage", "transfer.changed");
		}
	}

	private static Stage after(Kind kind, Stage stage, boolean crosses) {
		if (kind == Kind.OUTGOING) {
			return stage == Stage.SENDING_BRANCH && crosses ? Stage.SENDING_GENERAL : Stage.COMMITTEE_ISSUE;
		}
		return switch (stage) {
			case SENDING_BRANCH -> crosses ? Stage.SENDING_GENERAL : Stage.RECEIVING_BRANCH;
			case SENDING_GENERAL -> Stage.RECEIVING_GENERAL;
			case RECEIVING_GENERAL, RECEIVING_BRANCH, COMMITTEE_ISSUE -> Stage.RECEIVING_BRANCH;
		};
	}

	private static Destination destination(String text) {
		try {
			return text == null || text.isBlank() ? null : Destination.valueOf(text.trim());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** The committee above everything: the first of the lineage. */
	long rootOf(long orgId) {
		return rootOf(orgId, scope.lineage(orgId));
	}

	private static long rootOf(long orgId, List<OrgRef> lineage) {
		return lineage.isEmpty() ? orgId : lineage.get(0).id();
	}

	/** Which organisation's people act at the transfer's stage. */
	private long actingOrg(TransferView t) {
		return actingOrg(t, scope::lineage);
	}

	private static long actingOrg(TransferView t, Function<Long, List<OrgRef>> lineage) {
		return switch (t.stage()) {
			case SENDING_BRANCH -> t.fromOrgId();
			case SENDING_GENERAL -> generalOf(t.fromOrgId(), lineage.apply(t.fromOrgId()));
			case RECEIVING_GENERAL -> t.toOrgId() == null ? -1 : generalOf(t.toOrgId(), lineage.apply(t.toOrgId()));
			case RECEIVING_BRANCH -> t.toOrgId() == null ? -1 : t.toOrgId();
			case COMMITTEE_ISSUE -> rootOf(t.fromOrgId(), lineage.apply(t.fromOrgId()));
		};
	}

	/** A branch with a transfer under way, out of it or into it, is not dissolved from under it. */
	@Override
	@Transactional(readOnly = true)
	public Optional<String> whyNotDissolve(long organizationId) {
		Integer open = jdbc.queryForObject("""
				select count(*) from transfer where state in ('PENDING', 'ISSUED') and (from_org_id = ? or to_org_id = ?)""",
				Integer.class, organizationId, organizationId);
		return open == null || open == 0 ? Optional.empty()
				: Optional.of("还有 " + open + " 项组织关系转接正在办理");
	}

	/** The general branch (or the committee, for a branch directly under it) above a branch. */
	long generalOf(long orgId) {
		return generalOf(orgId, scope.lineage(orgId));
	}

	private static long generalOf(long orgId, List<OrgRef> lineage) {
		return lineage.stream().filter(o -> o.id() != orgId && o.type() != OrgType.GROUP && o.type() != OrgType.BRANCH)
			.map(OrgRef::id).reduce((first, second) -> second).orElse(orgId);
	}

	private void step(long id, Stage stage, String action, String actor, String note, Instant at) {
		jdbc.update("insert into transfer_step (transfer_id, stage, action, actor, note, at) values (?, ?, ?, ?, ?, ?)", id,
				stage.name(), action, actor, note, Timestamp.from(at));
	}

	private void announce(TransferView t, String action, Stage stage, String note, String actor) {
		Long nextOrg = t.state() != State.PENDING ? null : actingOrg(t);
		events.publishEvent(new TransferStepTaken(t.id(), t.memberId(), t.memberName(), t.fromName(), t.toName(), action, stage,
				note, t.state() == State.PENDING ? t.stage() : null, nextOrg, actor));
	}

	TransferView find(long id) {
		return query("where t.id = ?", id).stream().findFirst().orElseThrow(() -> new OutOfScopeException("transfer", id));
	}

	private List<TransferView> query(String where, Object... args) {
		record Row(long id, Long memberId, Kind kind, State state, Stage stage, long from, Long to, String toName,
				Destination destination, String toAddress, boolean crosses, String reason, String startedBy, Instant startedAt,
				Instant closedAt, Letter letter, String fromOutside, String incomingName) {
		}
		List<Row> rows = jdbc.query("""
				select t.id, t.member_id, t.kind, t.state, t.stage, t.from_org_id, t.to_org_id, t.to_org_name, t.to_org_kind,
				       t.to_org_address, t.crosses, t.reason, t.started_by, t.started_at, t.closed_at,
				       coalesce(t.letter_no, t.incoming_letter_no), t.verify_code, t.issued_at, t.valid_until, t.paid_up_to,
				       t.receipt_no, t.receipt_on, t.from_org_name, t.incoming_name
				from transfer t""" + " " + where, (rs, n) -> new Row(rs.getLong(1), (Long) rs.getObject(2),
				Kind.valueOf(rs.getString(3)), State.valueOf(rs.getString(4)),
				rs.getString(5) == null ? null : Stage.valueOf(rs.getString(5)), rs.getLong(6),
				(Long) rs.getObject(7), rs.getString(8), rs.getString(9) == null ? null : Destination.valueOf(rs.getString(9)),
				rs.getString(10), rs.getBoolean(11), rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant(),
				rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant(),
				rs.getString(16) == null ? null : new Letter(rs.getString(16), rs.getString(17),
						rs.getTimestamp(18) == null ? null : rs.getTimestamp(18).toInstant(),
						rs.getDate(19) == null ? null : rs.getDate(19).toLocalDate(), rs.getString(20), rs.getString(21),
						rs.getDate(22) == null ? null : rs.getDate(22).toLocalDate()), rs.getString(23), rs.getString(24)), args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = members.refs(rows.stream().map(Row::memberId).filter(Objects::nonNull).distinct().toList()).stream()
			.collect(Collectors.toMap(MemberRef::id, MemberRef::name));
		Set<Long> orgIds = new HashSet<>();
		rows.forEach(r -> {
			orgIds.add(r.from());
			if (r.to() != null) {
				orgIds.add(r.to());
			}
		});
		Map<Long, String> orgNames = labels(scope.findAll(orgIds));
		Map<Long, List<Step>> steps = new HashMap<>();
		jdbc.query("select transfer_id, stage, action, actor, note, at from transfer_step where transfer_id = any(?) order by id",
				rs -> {
					steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Step(Stage.valueOf(rs.getString(2)),
							rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
				}, (Object) rows.stream().map(Row::id).toArray(Long[]::new));
		// a letter from outside names the member and the sending organisation as the letter does
		return rows.stream().map(r -> new TransferView(r.id(), r.memberId(),
				r.memberId() == null ? r.incomingName() : names.getOrDefault(r.memberId(), ""), r.kind(),
				r.state(), r.stage(), r.from(), r.kind() == Kind.INCOMING ? r.fromOutside() : orgNames.getOrDefault(r.from(), ""), r.to(),
				r.to() != null ? orgNames.getOrDefault(r.to(), "") : r.toName(), r.destination(), r.toAddress(), r.crosses(),
				r.reason(), r.startedBy(), r.startedAt(), r.closedAt(), r.letter(), steps.getOrDefault(r.id(), List.of()))).toList();
	}
}
