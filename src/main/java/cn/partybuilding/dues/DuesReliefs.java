package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * Hardship relief (减免), 经党支部研究，报上一级党委批准: the branch proposes that a member pay less (an amount
 * a month) or nothing (0) for some months, with a reason; the general branch / 二级党委 above the branch — or
 * the committee, for a branch directly under it — approves or refuses with a reason. Only an approved relief
 * changes bills: unpaid bills of its months follow at once, and months billed later follow it too.
 */
@Service
@Transactional
class DuesReliefs {

	/** Who decides on a proposal: the administrators of the organisation above the branch. */
	static final Role[] APPROVE = { Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN };

	private final JdbcTemplate jdbc;

	private final DuesAccess access;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DuesReliefs(JdbcTemplate jdbc, DuesAccess access, OrganizationScope scope, MemberDirectory members,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.access = access;
		this.scope = scope;
		this.members = members;
		this.events = events;
		this.clock = clock;
	}

	public enum State { PENDING, APPROVED, REFUSED }

	/** The branch's proposal: months {@code from}–{@code to}, {@code amount} a month (0: waived), and why. */
	public record ReliefForm(YearMonth from, YearMonth to, BigDecimal amount, @Size(max = 200) String reason) {
	}

	/** The approver's decision: a note, required when refusing. */
	public record DecisionForm(@Size(max = 200) String note) {
	}

	public record ReliefView(long id, long memberId, String memberName, Long organizationId, String organizationName,
			YearMonth from, YearMonth to, BigDecimal amount, String reason, State state, String proposedBy, Instant proposedAt,
			Long approverOrgId, String decidedBy, Instant decidedAt, String decisionNote) {

		public boolean waived() {
			return amount.signum() == 0;
		}
	}

	/**
	 * The branch proposes relief for a member it manages (never for the proposer themselves); the proposal
	 * waits for the organisation above the branch, whose administrators see it among their 待办.
	 */
	public ReliefView propose(Caller caller, long memberId, ReliefForm form) {
		MemberSummary member = access.managed(caller, memberId);
		if (access.isSelf(caller, member)) {
			throw new FieldProblem("memberId", "dues.self");
		}
		String reason = PlainText.clean(form.reason());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (form.from() == null || form.to() == null || form.to().isBefore(form.from())
				|| form.to().isAfter(form.from().plusMonths(23))) {
			problems.add(new FieldProblem.Problem("to", "dues.relief.span", new Object[0]));
		}
		if (form.amount() == null || form.amount().signum() < 0 || form.amount().scale() > 2
				|| form.amount().compareTo(new BigDecimal("10000")) >= 0) {
			problems.add(new FieldProblem.Problem("amount", "dues.relief.amount", new Object[0]));
		}
		if (reason.isEmpty() || reason.length() > 200) {
			problems.add(new FieldProblem.Problem("reason", "dues.relief.reason", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long approver = approverOf(member.organizationId());
		if (Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from dues_relief where member_id = ? and state = 'PENDING')", Boolean.class, memberId))) {
			throw new FieldProblem("from", "dues.relief.pendingAlready");
		}
		Long id = jdbc.queryForObject("""
				insert into dues_relief (member_id, from_month, to_month, amount, reason, state, proposed_by, proposed_at, approver_org_id,
				  organization_id)
				values (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?) returning id""", Long.class, memberId, Date.valueOf(form.from().atDay(1)),
				Date.valueOf(form.to().atDay(1)), form.amount(), reason, caller.username(), Timestamp.from(clock.instant()), approver,
				member.organizationId());
		ReliefView view = find(id);
		events.publishEvent(new DuesReliefProposed(id, memberId, member.name(), member.organizationId(), view.organizationName(),
				approver, form.from(), form.to(), form.amount(), reason, caller.username()));
		return view;
	}

	/**
	 * The organisation above the branch decides: approved, the member's unpaid bills of those months follow
	 * at once (those in a payment under way or paid stay as they are); refused, nothing changes and the
	 * branch and member hear why. Anyone else: the audited 404.
	 */
	public ReliefView decide(Caller caller, long reliefId, boolean approve, String note) {
		ReliefView relief = find(reliefId);
		if (relief.approverOrgId() == null) {
			throw new OutOfScopeException("dues-relief", reliefId);
		}
		scope.requireReach(caller, relief.approverOrgId(), APPROVE);
		MemberSummary member = access.member(relief.memberId());
		if (access.isSelf(caller, member) || caller.username().equals(relief.proposedBy())) {
			throw new FieldProblem("state", "dues.relief.ownProposal");
		}
		if (relief.state() != State.PENDING) {
			throw new FieldProblem("state", "dues.relief.decided");
		}
		String why = PlainText.clean(note);
		if (!approve && why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("note", "dues.relief.refusalReason");
		}
		if (jdbc.update("""
				update dues_relief set state = ?, approved_by = ?, approved_at = ?, decision_note = ? where id = ? and state = 'PENDING'""",
				approve ? "APPROVED" : "REFUSED", caller.username(), Timestamp.from(clock.instant()), why.isEmpty() ? null : why,
				reliefId) == 0) {
			throw new FieldProblem("state", "dues.relief.decided");
		}
		if (approve) {
			jdbc.update("""
					update dues_bill set amount = least(amount, ?), relief_id = ?,
					       state = case when least(amount, ?) = 0 then 'EXEMPT' else 'UNPAID' end
					where member_id = ? and month between ? and ? and state = 'UNPAID' and order_id is null""", relief.amount(),
					reliefId, relief.amount(), relief.memberId(), Date.valueOf(relief.from().atDay(1)),
					Date.valueOf(relief.to().atDay(1)));
			events.publishEvent(new DuesReliefGranted(reliefId, relief.memberId(), member.name(), member.organizationId(),
					relief.from(), relief.to(), relief.amount(), relief.reason(), relief.proposedBy(), caller.username(),
					why.isEmpty() ? null : why));
		}
		else {
			events.publishEvent(new DuesReliefRefused(reliefId, relief.memberId(), member.name(), member.organizationId(),
					relief.from(), relief.to(), relief.amount(), relief.reason(), relief.proposedBy(), caller.username(), why));
		}
		return find(reliefId);
	}

	/** Proposals waiting for the caller's decision (in one subtree, or all they decide for). */
	@Transactional(readOnly = true)
	public List<ReliefView> awaitingDecision(Caller caller, Long orgId) {
		Set<Long> orgs = scope.covered(caller, orgId, "dues-relief", APPROVE);
		return query("where r.state = 'PENDING' and r.approver_org_id = any(?) order by r.proposed_at", (Object) orgs.toArray(Long[]::new));
	}

	/** Proposals of the members of the caller's branch (or subtree) still waiting one level up. */
	@Transactional(readOnly = true)
	public List<ReliefView> pendingFor(Caller caller, Long orgId) {
		Set<Long> orgs = access.organizations(caller, orgId);
		return query("where r.state = 'PENDING' and r.organization_id = any(?) order by r.proposed_at",
				(Object) orgs.toArray(Long[]::new));
	}

	/** As {@link #pendingFor}, in organisations already resolved (a roll's; null: the whole tree), the first {@code limit} and how many. */
	@Transactional(readOnly = true)
	DuesBases.Waiting<ReliefView> pendingIn(Set<Long> orgs, int limit) {
		// null: the whole tree, no filter
		Integer count = orgs == null ? jdbc.queryForObject(WAITING_COUNT_ALL, Integer.class, new Object[0])
				: jdbc.queryForObject(WAITING_COUNT.formatted("?"), Integer.class, (Object) orgs.toArray(Long[]::new));
		return pendingIn(orgs, count == null ? 0 : count, limit);
	}

	/**
	 * How many proposals wait in a scope of organisations ({@code %s}: the scope's array), for {@link #pendingIn(Set, int,
	 * int)}: the roll page asks it in one statement with the bases waiting ({@link DuesRollPage}).
	 */
	static final String WAITING_COUNT = "select count(*) from dues_relief r where r.state = 'PENDING' and r.organization_id = any(%s)";

	/** How many proposals wait in the whole tree. */
	static final String WAITING_COUNT_ALL = "select count(*) from dues_relief r where r.state = 'PENDING'";

	/** As {@link #pendingIn(Set, int)}, {@code count} of them known to wait. */
	@Transactional(readOnly = true)
	DuesBases.Waiting<ReliefView> pendingIn(Set<Long> orgs, int count, int limit) {
		if (count == 0) {
			return new DuesBases.Waiting<>(List.of(), 0);
		}
		String first = "where r.state = 'PENDING'" + (orgs == null ? "" : " and r.organization_id = any(?)")
				+ " order by r.proposed_at, r.id limit ?";
		return new DuesBases.Waiting<>(orgs == null ? query(first, limit) : query(first, orgs.toArray(Long[]::new), limit), count);
	}

	/** A member's reliefs, newest first: pending, approved and refused. */
	@Transactional(readOnly = true)
	public List<ReliefView> of(Caller caller, long memberId) {
		access.ownOrManaged(caller, memberId);
		return query("where r.member_id = ? order by r.proposed_at desc, r.id desc", memberId);
	}

	/** How many proposals wait at each of these organisations (for the home page's 待办). */
	@Transactional(readOnly = true)
	Map<Long, Integer> waitingAt(Set<Long> approverOrgs) {
		Map<Long, Integer> counts = new HashMap<>();
		if (approverOrgs.isEmpty()) {
			return counts;
		}
		jdbc.query("select approver_org_id, count(*) from dues_relief where state = 'PENDING' and approver_org_id = any(?) group by 1",
				rs -> {
					counts.put(rs.getLong(1), rs.getInt(2));
				}, (Object) approverOrgs.toArray(Long[]::new));
		return counts;
	}

	@Transactional(readOnly = true)
	ReliefView find(long id) {
		return query("where r.id = ?", id).stream().findFirst().orElseThrow(() -> new OutOfScopeException("dues-relief", id));
	}

	/**
	 * The general branch above a branch (the organisation above it that is neither a branch nor a group), or
	 * the committee for a branch directly under it.
	 */
	long approverOf(long orgId) {
		return access.levelAbove(orgId).orElseThrow(() -> new FieldProblem("memberId", "dues.relief.noApprover"));
	}

	private List<ReliefView> query(String where, Object... args) {
		record Row(long id, long memberId, Long orgId, YearMonth from, YearMonth to, BigDecimal amount, String reason, State state,
				String proposedBy, Instant proposedAt, Long approver, String decidedBy, Instant decidedAt, String note) {
		}
		List<Row> rows = jdbc.query("""
				select r.id, r.member_id, r.organization_id, r.from_month, r.to_month, r.amount, r.reason, r.state, r.proposed_by,
				       r.proposed_at, r.approver_org_id, r.approved_by, r.approved_at, r.decision_note
				from dues_relief r """ + " " + where, (rs, n) -> new Row(rs.getLong(1), rs.getLong(2),
				(Long) rs.getObject(3), YearMonth.from(rs.getDate(4).toLocalDate()), YearMonth.from(rs.getDate(5).toLocalDate()),
				rs.getBigDecimal(6), rs.getString(7), State.valueOf(rs.getString(8)), rs.getString(9),
				rs.getTimestamp(10).toInstant(), (Long) rs.getObject(11), rs.getString(12),
				rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant(), rs.getString(14)), args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = new HashMap<>();
		members.refs(rows.stream().map(Row::memberId).distinct().toList()).forEach(m -> names.put(m.id(), m.name()));
		Map<Long, String> orgs = scope.qualifiedNames(rows.stream().map(Row::orgId).filter(java.util.Objects::nonNull).distinct().toList());
		return rows.stream().map(r -> new ReliefView(r.id(), r.memberId(), names.getOrDefault(r.memberId(), ""), r.orgId(),
				r.orgId() == null ? "" : orgs.getOrDefault(r.orgId(), ""), r.from(), r.to(), r.amount(), r.reason(), r.state(), r.proposedBy(), r.proposedAt(),
				r.approver(), r.decidedBy(), r.decidedAt(), r.note())).toList();
	}
}
