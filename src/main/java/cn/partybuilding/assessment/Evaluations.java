package cn.partybuilding.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.interaction.AnonymousBallots;
import cn.partybuilding.interaction.BallotBox;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberSummary;
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
 * 民主评议党员: once a year per branch. Every member of the branch (its roll, with its 党小组) is evaluated and may
 * write a self-assessment; the voters (the full members, and the probationary ones when the setting says so) each
 * cast one ballot within the window. A ballot is split into secret ballots, one in the box of each member graded
 * (the grade only, or ABSTAIN), after the voter is recorded once in the evaluation's own box: so no ballot holds
 * anything that tells who cast it, not even whom it leaves out. At the close every box is counted into counts per
 * member; the branch committee proposes the grades and the general branch approves them or returns them.
 */
@Service
@Transactional
class Evaluations {

	static final Role[] MANAGERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	static final Role[] APPROVERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN };

	static final int MAX_SELF = 3000;

	static final String ABSTAIN = "ABSTAIN";

	static final String PURPOSE = "evaluation";

	static final String MEMBER_PURPOSE = "evaluation-member";

	/** Times as ISO date-times, with an offset or as Beijing local time. */
	record NewEvaluation(Long branchId, Integer year, @Size(max = 40) String opensAt, @Size(max = 40) String closesAt) {
	}

	record Vote(Long memberId, @Size(max = 30) String grade) {
	}

	record BallotRequest(@Size(max = 2000) List<@Valid Vote> votes) {
	}

	record SelfAssessment(@Size(max = MAX_SELF) String text) {
	}

	record ProposedGrade(Long memberId, @Size(max = 30) String grade, @Size(max = 30) String step,
			@Size(max = 500) String note) {
	}

	record ProposalRequest(@Size(max = 2000) List<@Valid ProposedGrade> grades) {
	}

	record ReturnRequest(@Size(max = 500) String reason) {
	}

	record Evaluation(long id, long branchId, int year, Instant opensAt, Instant closesAt, Instant closedEarlyAt,
			long boxId, Instant talliedAt, String stage, String returnedReason, String createdBy, Instant createdAt,
			String proposedBy, Instant proposedAt, String approvedBy, Instant approvedAt) {

		public Instant end() {
			return closedEarlyAt != null && closedEarlyAt.isBefore(closesAt) ? closedEarlyAt : closesAt;
		}

		/** UPCOMING, OPEN, CLOSED (ended, not yet tallied), then TALLIED, PROPOSED, RETURNED, APPROVED. */
		public String state(Instant now) {
			if (talliedAt != null) {
				return stage;
			}
			return now.isBefore(opensAt) ? "UPCOMING" : now.isBefore(end()) ? "OPEN" : "CLOSED";
		}
	}

	/** An evaluation in a list, with how many of its voters have voted. */
	record EvaluationLine(long id, long branchId, String branchName, int year, Instant opensAt, Instant closesAt,
			String state, long voted, long voters, Boolean votedByMe) {
	}

	/** One person on the ballot: name and self-assessment. */
	record BallotEntry(long memberId, String name, String selfAssessment) {
	}

	/** One member's counts after the close, the grade the counts suggest, and the proposed and approved grades. */
	record MemberResult(long memberId, String name, int excellent, int qualified, int basicallyQualified,
			int unqualified, int abstained, EvaluationGrade suggested, EvaluationGrade proposedGrade,
			EvaluationStep step, String note, EvaluationGrade approvedGrade) {
	}

	record Results(long evaluationId, long branchId, String branchName, int year, String state, long voted,
			long voters, String returnedReason, List<MemberResult> members) {
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final AnonymousBallots ballots;

	private final EvaluationSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Evaluations(JdbcTemplate jdbc, OrganizationScope scope, MemberDirectory members, AnonymousBallots ballots,
			EvaluationSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.members = members;
		this.ballots = ballots;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	static boolean manages(Caller caller) {
		return caller.has(MANAGERS);
	}

	// ---- setting one ----

	long create(Caller caller, NewEvaluation form) {
		if (form.branchId() == null) {
			throw new FieldProblem("branchId", "assessment.evaluation.branchId.required");
		}
		scope.requireReach(caller, form.branchId(), MANAGERS);
		OrgRef branch = scope.find(form.branchId()).orElseThrow(() -> new OutOfScopeException("organization", form.branchId()));
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (branch.type() != OrgType.BRANCH) {
			problems.add(new FieldProblem.Problem("branchId", "assessment.evaluation.branchId.notBranch", null));
		}
		if (form.year() == null || form.year() < 2000 || form.year() > 2100) {
			problems.add(new FieldProblem.Problem("year", "assessment.evaluation.year.range", null));
		}
		Instant opensAt = time(form.opensAt(), "opensAt", problems);
		Instant closesAt = time(form.closesAt(), "closesAt", problems);
		if (opensAt != null && closesAt != null && !closesAt.isAfter(opensAt)) {
			problems.add(new FieldProblem.Problem("closesAt", "assessment.evaluation.closesAt.beforeOpen", null));
		}
		else if (closesAt != null && !closesAt.isAfter(clock.instant())) {
			problems.add(new FieldProblem.Problem("closesAt", "assessment.evaluation.closesAt.past", null));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		scope.holdStructure();
		if (Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from assessment_evaluation where branch_id = ? and year = ?)", Boolean.class,
				branch.id(), form.year()))) {
			throw new ConflictProblem("year", "assessment.evaluation.year.taken", form.year());
		}
		long boxId = ballots.open(PURPOSE, "new-" + java.util.UUID.randomUUID());
		List<Long> inserted = jdbc.queryForList("""
				insert into assessment_evaluation (branch_id, year, opens_at, closes_at, box_id, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (branch_id, year) do nothing returning id""", Long.class,
				branch.id(), form.year(), Timestamp.from(opensAt), Timestamp.from(closesAt), boxId, caller.username(),
				Timestamp.from(clock.instant()));
		if (inserted.isEmpty()) {
			throw new ConflictProblem("year", "assessment.evaluation.year.taken", form.year());
		}
		long id = inserted.get(0);
		jdbc.update("update interaction_ballot_box set reference = ? where id = ?", Long.toString(id), boxId);
		events.publishEvent(new EvaluationChanged("assessment.evaluation.create", id, branch.name() + " " + form.year()));
		return id;
	}

	private static Instant time(String text, String field, List<FieldProblem.Problem> problems) {
		if (text == null || text.isBlank()) {
			problems.add(new FieldProblem.Problem(field, "assessment.evaluation.time.required", null));
			return null;
		}
		Optional<Instant> parsed = PlatformZone.parse(text.strip());
		if (parsed.isEmpty()) {
			problems.add(new FieldProblem.Problem(field, "assessment.evaluation.time.format", null));
		}
		return parsed.orElse(null);
	}

	// ---- the member's part ----

	/** Writes (or rewrites) the caller's self-assessment, until the evaluation closes. */
	void selfAssess(Caller caller, long id, SelfAssessment request) {
		Evaluation evaluation = load(id).orElseThrow(() -> new OutOfScopeException("evaluation", id));
		MemberSummary me = seat(caller, evaluation).orElseThrow(() -> new OutOfScopeException("evaluation", id));
		if (evaluation.talliedAt() != null || !clock.instant().isBefore(evaluation.end())) {
			throw new ConflictProblem("text", "assessment.evaluation.closed");
		}
		String text = request == null || request.text() == null ? "" : PlainText.clean(request.text()).strip();
		if (text.isEmpty()) {
			throw new FieldProblem("text", "assessment.evaluation.self.required");
		}
		if (text.length() > MAX_SELF) {
			throw new FieldProblem("text", "assessment.evaluation.self.long", MAX_SELF);
		}
		jdbc.update("""
				insert into assessment_evaluation_self (evaluation_id, member_id, text, updated_at) values (?, ?, ?, ?)
				on conflict (evaluation_id, member_id) do update set text = excluded.text, updated_at = excluded.updated_at""",
				id, me.id(), text, Timestamp.from(clock.instant()));
		events.publishEvent(new EvaluationChanged("assessment.evaluation.self", id, me.name()));
	}

	@Transactional(readOnly = true)
	Optional<String> ownSelfAssessment(Caller caller, Evaluation evaluation) {
		return seat(caller, evaluation).flatMap(me -> jdbc.queryForList(
				"select text from assessment_evaluation_self where evaluation_id = ? and member_id = ?", String.class,
				evaluation.id(), me.id()).stream().findFirst());
	}

	/**
	 * Casts the caller's ballot, once, within the window: a grade for each other member of the roll (one left out
	 * is an abstention). Every problem of the ballot at once (400); a second ballot or one outside the window: 409.
	 */
	void vote(Caller caller, long id, BallotRequest request) {
		Evaluation evaluation = load(id).orElseThrow(() -> new OutOfScopeException("evaluation", id));
		Optional<MemberSummary> seat = seat(caller, evaluation);
		if (seat.isEmpty()) {
			if (scope.reaches(caller, evaluation.branchId(), MANAGERS)) {
				throw new NotPermittedException("evaluation", id, "vote");
			}
			throw new OutOfScopeException("evaluation", id);
		}
		MemberSummary me = seat.get();
		if (!votes(me)) {
			throw new NotPermittedException("evaluation", id, "vote");
		}
		Instant now = clock.instant();
		if (now.isBefore(evaluation.opensAt())) {
			throw new ConflictProblem("opensAt", "assessment.evaluation.notOpen");
		}
		if (evaluation.talliedAt() != null || !now.isBefore(evaluation.end())) {
			throw new ConflictProblem("closesAt", "assessment.evaluation.closed");
		}
		if (ballots.hasVoted(evaluation.boxId(), caller.accountId())) {
			throw new ConflictProblem("votes", "assessment.evaluation.already");
		}
		Map<Long, MemberSummary> roll = roll(evaluation.branchId());
		Map<Long, EvaluationGrade> grades = checkBallot(request == null ? null : request.votes(), roll.keySet(),
				me.id());
		ballots.participate(evaluation.boxId(), caller.accountId(), null);
		for (Long memberId : roll.keySet()) {
			if (memberId == me.id()) {
				continue;
			}
			EvaluationGrade grade = grades.get(memberId);
			ballots.cast(memberBox(id, memberId), caller.accountId(), null, grade == null ? ABSTAIN : grade.name());
		}
		// that someone voted, never what: the caller and the time are the audit log's own
		events.publishEvent(new EvaluationChanged("assessment.evaluation.vote", id, Integer.toString(evaluation.year())));
	}

	static Map<Long, EvaluationGrade> checkBallot(List<Vote> votes, Set<Long> roll, long self) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		Map<Long, EvaluationGrade> grades = new LinkedHashMap<>();
		if (votes == null || votes.isEmpty()) {
			throw new FieldProblem("votes", "assessment.evaluation.votes.required");
		}
		for (int i = 0; i < votes.size(); i++) {
			Vote v = votes.get(i);
			String at = "votes[" + i + "].";
			if (v == null || v.memberId() == null) {
				problems.add(new FieldProblem.Problem(at + "memberId", "assessment.evaluation.vote.member.required", null));
				continue;
			}
			if (v.memberId() == self) {
				problems.add(new FieldProblem.Problem(at + "memberId", "assessment.evaluation.vote.member.self", null));
				continue;
			}
			if (!roll.contains(v.memberId())) {
				problems.add(new FieldProblem.Problem(at + "memberId", "assessment.evaluation.vote.member.unknown",
						new Object[] { v.memberId() }));
				continue;
			}
			if (grades.containsKey(v.memberId())) {
				problems.add(new FieldProblem.Problem(at + "memberId", "assessment.evaluation.vote.member.twice",
						new Object[] { v.memberId() }));
				continue;
			}
			Optional<EvaluationGrade> grade = grade(v.grade());
			if (grade.isEmpty()) {
				problems.add(new FieldProblem.Problem(at + "grade", "assessment.evaluation.vote.grade", null));
				grades.put(v.memberId(), null);
				continue;
			}
			grades.put(v.memberId(), grade.get());
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		return grades;
	}

	static Optional<EvaluationGrade> grade(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(EvaluationGrade.valueOf(text.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The secret box of the grades given to one member in this evaluation, opened the first time. */
	private long memberBox(long evaluationId, long memberId) {
		List<Long> found = jdbc.queryForList(
				"select box_id from assessment_evaluation_box where evaluation_id = ? and member_id = ?", Long.class,
				evaluationId, memberId);
		if (!found.isEmpty()) {
			return found.get(0);
		}
		long box = ballots.open(MEMBER_PURPOSE, evaluationId + ":" + memberId);
		jdbc.update("""
				insert into assessment_evaluation_box (evaluation_id, member_id, box_id) values (?, ?, ?)
				on conflict do nothing""", evaluationId, memberId, box);
		return box;
	}

	// ---- closing and tallying ----

	/** Closes the evaluation now (before its end) and tallies it. */
	void closeNow(Caller caller, long id) {
		Evaluation evaluation = managed(caller, id);
		if (evaluation.talliedAt() != null) {
			return;
		}
		jdbc.update("update assessment_evaluation set closed_early_at = coalesce(closed_early_at, ?) where id = ?",
				Timestamp.from(clock.instant()), id);
		tally(id);
		events.publishEvent(new EvaluationChanged("assessment.evaluation.close", id, Integer.toString(evaluation.year())));
	}

	/** Evaluations past their end, not yet tallied: the sweep tallies them. */
	@Transactional(readOnly = true)
	List<Long> due(int limit) {
		return jdbc.queryForList("""
				select id from assessment_evaluation
				where tallied_at is null and (closes_at <= ? or closed_early_at is not null) order by id limit ?""",
				Long.class, Timestamp.from(clock.instant()), limit);
	}

	/**
	 * Counts every box of the evaluation into counts per member, once: the evaluation's row is locked, and one that
	 * is tallied already is left alone. Returns whether this call tallied it.
	 */
	boolean tally(long id) {
		List<Boolean> open = jdbc.query("select tallied_at is null from assessment_evaluation where id = ? for update",
				(rs, n) -> rs.getBoolean(1), id);
		if (open.isEmpty() || !open.get(0)) {
			return false;
		}
		Evaluation evaluation = load(id).orElseThrow();
		if (clock.instant().isBefore(evaluation.end())) {
			return false;
		}
		Set<Long> evaluated = new LinkedHashSet<>(roll(evaluation.branchId()).keySet());
		Map<Long, Long> boxes = new HashMap<>();
		jdbc.query("select member_id, box_id from assessment_evaluation_box where evaluation_id = ?",
				rs -> {
					boxes.put(rs.getLong(1), rs.getLong(2));
				}, id);
		evaluated.addAll(boxes.keySet());
		List<Object[]> rows = new ArrayList<>();
		for (Long memberId : evaluated) {
			Map<String, Integer> counts = new HashMap<>();
			Long box = boxes.get(memberId);
			if (box != null) {
				ballots.close(box);
				ballots.counted(box).forEach(c -> counts.merge(c, 1, Integer::sum));
			}
			rows.add(new Object[] { id, memberId, counts.getOrDefault("EXCELLENT", 0),
					counts.getOrDefault("QUALIFIED", 0), counts.getOrDefault("BASICALLY_QUALIFIED", 0),
					counts.getOrDefault("UNQUALIFIED", 0), counts.getOrDefault(ABSTAIN, 0) });
		}
		jdbc.batchUpdate("""
				insert into assessment_evaluation_result (evaluation_id, member_id, excellent, qualified,
				    basically_qualified, unqualified, abstained) values (?, ?, ?, ?, ?, ?, ?)
				on conflict do nothing""", rows);
		ballots.close(evaluation.boxId());
		jdbc.update("update assessment_evaluation set tallied_at = ?, state = 'TALLIED' where id = ?",
				Timestamp.from(clock.instant()), id);
		return true;
	}

	// ---- proposing and approving ----

	/**
	 * The branch committee proposes a grade for every member evaluated (for 不合格 the step it records); again after
	 * a return, or before the approval. All problems at once (400); before the tally or after the approval: 409.
	 */
	void propose(Caller caller, long id, ProposalRequest request) {
		Evaluation evaluation = managed(caller, id);
		String state = evaluation.state(clock.instant());
		if (state.equals("APPROVED")) {
			throw new ConflictProblem("grades", "assessment.evaluation.approved");
		}
		if (evaluation.talliedAt() == null) {
			throw new ConflictProblem("grades", "assessment.evaluation.notTallied");
		}
		Map<Long, MemberResult> results = new LinkedHashMap<>();
		resultRows(id).forEach(r -> results.put(r.memberId(), r));
		List<ProposedGrade> given = request == null || request.grades() == null ? List.of() : request.grades();
		List<FieldProblem.Problem> problems = new ArrayList<>();
		Map<Long, EvaluationProposal> proposals = new LinkedHashMap<>();
		for (int i = 0; i < given.size(); i++) {
			ProposedGrade g = given.get(i);
			String at = "grades[" + i + "].";
			if (g == null || g.memberId() == null || !results.containsKey(g.memberId())) {
				problems.add(new FieldProblem.Problem(at + "memberId", "assessment.evaluation.vote.member.unknown",
						new Object[] { g == null ? null : g.memberId() }));
				continue;
			}
			if (proposals.containsKey(g.memberId())) {
				problems.add(new FieldProblem.Problem(at + "memberId", "assessment.evaluation.vote.member.twice",
						new Object[] { g.memberId() }));
				continue;
			}
			Optional<EvaluationGrade> grade = grade(g.grade());
			if (grade.isEmpty()) {
				problems.add(new FieldProblem.Problem(at + "grade", "assessment.evaluation.vote.grade", null));
				proposals.put(g.memberId(), null);
				continue;
			}
			EvaluationStep step = null;
			String stepText = g.step() == null ? "" : g.step().strip().toUpperCase(Locale.ROOT);
			if (grade.get() == EvaluationGrade.UNQUALIFIED) {
				try {
					step = EvaluationStep.valueOf(stepText);
				}
				catch (IllegalArgumentException ex) {
					problems.add(new FieldProblem.Problem(at + "step", "assessment.evaluation.step.required", null));
				}
			}
			else if (!stepText.isEmpty()) {
				problems.add(new FieldProblem.Problem(at + "step", "assessment.evaluation.step.onlyUnqualified", null));
			}
			String note = g.note() == null || g.note().isBlank() ? null : PlainText.clean(g.note()).strip();
			if (note != null && note.length() > 500) {
				problems.add(new FieldProblem.Problem(at + "note", "assessment.evaluation.note.long", null));
			}
			proposals.put(g.memberId(), new EvaluationProposal(g.memberId(), grade.get(), step, note));
		}
		long missing = results.keySet().stream().filter(m -> !proposals.containsKey(m)).count();
		if (missing > 0) {
			problems.add(new FieldProblem.Problem("grades", "assessment.evaluation.proposal.missing",
					new Object[] { missing }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		String branchName = branchName(evaluation.branchId());
		for (EvaluationProposal p : proposals.values()) {
			jdbc.update("""
					update assessment_evaluation_result set proposed_grade = ?, step = ?, note = ?
					where evaluation_id = ? and member_id = ?""", p.grade().name(),
					p.step() == null ? null : p.step().name(), p.note(), id, p.memberId());
			events.publishEvent(new EvaluationGradeProposed(id, p.memberId(), evaluation.branchId(), branchName,
					evaluation.year(), p.grade(), p.step(), p.note(), caller.displayName()));
		}
		jdbc.update("""
				update assessment_evaluation set state = 'PROPOSED', proposed_by = ?, proposed_at = ?, returned_reason = null
				where id = ?""", caller.username(), Timestamp.from(clock.instant()), id);
	}

	/** The general branch (or the committee for a branch directly under it) approves the proposed grades. */
	void approve(Caller caller, long id) {
		Evaluation evaluation = approvable(caller, id);
		String branchName = branchName(evaluation.branchId());
		jdbc.update("update assessment_evaluation_result set approved_grade = proposed_grade where evaluation_id = ?", id);
		for (MemberResult r : resultRows(id)) {
			events.publishEvent(new EvaluationGradeApproved(id, r.memberId(), evaluation.branchId(), branchName,
					evaluation.year(), r.proposedGrade(), r.step(), caller.displayName()));
		}
		jdbc.update("update assessment_evaluation set state = 'APPROVED', approved_by = ?, approved_at = ? where id = ?",
				caller.username(), Timestamp.from(clock.instant()), id);
	}

	/** The general branch returns the proposal to the branch with a reason; the branch proposes again. */
	void returnToBranch(Caller caller, long id, ReturnRequest request) {
		String reason = request == null || request.reason() == null ? "" : PlainText.clean(request.reason()).strip();
		if (reason.isEmpty()) {
			throw new FieldProblem("reason", "assessment.evaluation.return.reason");
		}
		Evaluation evaluation = approvable(caller, id);
		jdbc.update("update assessment_evaluation set state = 'RETURNED', returned_reason = ? where id = ?", reason, id);
		events.publishEvent(new EvaluationChanged("assessment.evaluation.return", id, evaluation.year() + "：" + reason));
	}

	private Evaluation approvable(Caller caller, long id) {
		Evaluation evaluation = visible(caller, id);
		if (!scope.reaches(caller, evaluation.branchId(), APPROVERS)) {
			throw new NotPermittedException("evaluation", id, "approve");
		}
		if (!evaluation.state(clock.instant()).equals("PROPOSED")) {
			throw new ConflictProblem("state", "assessment.evaluation.notProposed");
		}
		return evaluation;
	}

	// ---- reading ----

	@Transactional(readOnly = true)
	Optional<Evaluation> load(long id) {
		return jdbc.query("""
				select id, branch_id, year, opens_at, closes_at, closed_early_at, box_id, tallied_at, state,
				    returned_reason, created_by, created_at, proposed_by, proposed_at, approved_by, approved_at
				from assessment_evaluation where id = ?""", (rs, n) -> new Evaluation(rs.getLong(1), rs.getLong(2),
				rs.getInt(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)),
				rs.getLong(7), instant(rs.getTimestamp(8)), rs.getString(9), rs.getString(10), rs.getString(11),
				rs.getTimestamp(12).toInstant(), rs.getString(13), instant(rs.getTimestamp(14)), rs.getString(15),
				instant(rs.getTimestamp(16))), id).stream().findFirst();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	/** An evaluation of a branch the caller manages; the audited 404 otherwise. */
	@Transactional(readOnly = true)
	Evaluation managed(Caller caller, long id) {
		Evaluation evaluation = load(id).orElseThrow(() -> new OutOfScopeException("evaluation", id));
		if (!scope.reaches(caller, evaluation.branchId(), MANAGERS)) {
			throw new OutOfScopeException("evaluation", id);
		}
		return evaluation;
	}

	/** An evaluation the caller manages or is evaluated in; the audited 404 otherwise. */
	@Transactional(readOnly = true)
	Evaluation visible(Caller caller, long id) {
		Evaluation evaluation = load(id).orElseThrow(() -> new OutOfScopeException("evaluation", id));
		if (!scope.reaches(caller, evaluation.branchId(), MANAGERS) && seat(caller, evaluation).isEmpty()) {
			throw new OutOfScopeException("evaluation", id);
		}
		return evaluation;
	}

	boolean manages(Caller caller, Evaluation evaluation) {
		return scope.reaches(caller, evaluation.branchId(), MANAGERS);
	}

	boolean approves(Caller caller, Evaluation evaluation) {
		return scope.reaches(caller, evaluation.branchId(), APPROVERS);
	}

	/** The caller as a member of the evaluated branch's roll (its own members and those of its 党小组). */
	@Transactional(readOnly = true)
	Optional<MemberSummary> seat(Caller caller, Evaluation evaluation) {
		if (!caller.has(Role.MEMBER)) {
			return Optional.empty();
		}
		return members.memberOfAccount(caller.accountId())
			.flatMap(members::summary)
			.filter(m -> rollOrganizations(evaluation.branchId()).contains(m.organizationId()));
	}

	/** Whether this member votes: full members, and probationary ones when the setting says so. */
	boolean votes(MemberSummary member) {
		return member.accountId() != null
				&& (member.status() == MemberStatus.FULL || settings.probationaryVote() && member.status() == MemberStatus.PROBATIONARY);
	}

	@Transactional(readOnly = true)
	boolean mayVote(Caller caller, Evaluation evaluation) {
		return seat(caller, evaluation).map(this::votes).orElse(false);
	}

	@Transactional(readOnly = true)
	boolean hasVoted(Caller caller, Evaluation evaluation) {
		return ballots.hasVoted(evaluation.boxId(), caller.accountId());
	}

	/** The branch and its 党小组. */
	@Transactional(readOnly = true)
	Set<Long> rollOrganizations(long branchId) {
		Set<Long> subtree = scope.subtree(branchId);
		Set<Long> own = new HashSet<>();
		own.add(branchId);
		scope.findAll(subtree).stream()
			.filter(o -> o.type() == OrgType.GROUP && Objects.equals(o.parentId(), branchId))
			.map(OrgRef::id)
			.forEach(own::add);
		own.retainAll(subtree);
		return own;
	}

	/** Everyone evaluated: the branch's members (full and probationary), by name. */
	@Transactional(readOnly = true)
	Map<Long, MemberSummary> roll(long branchId) {
		Map<Long, MemberSummary> roll = new LinkedHashMap<>();
		members.summaries(rollOrganizations(branchId)).stream()
			.sorted(java.util.Comparator.comparing(MemberSummary::name).thenComparing(MemberSummary::id))
			.forEach(m -> roll.put(m.id(), m));
		return roll;
	}

	@Transactional(readOnly = true)
	long voterCount(long branchId) {
		return roll(branchId).values().stream().filter(this::votes).count();
	}

	@Transactional(readOnly = true)
	long voted(Evaluation evaluation) {
		return ballots.box(evaluation.boxId()).map(BallotBox::voters).orElse(0L);
	}

	/** The ballot sheet of a voter: every other member of the roll with their self-assessment. */
	@Transactional(readOnly = true)
	List<BallotEntry> ballotSheet(Caller caller, long id) {
		Evaluation evaluation = visible(caller, id);
		long self = seat(caller, evaluation).map(MemberSummary::id).orElse(-1L);
		Map<Long, String> texts = new HashMap<>();
		jdbc.query("select member_id, text from assessment_evaluation_self where evaluation_id = ?", rs -> {
			texts.put(rs.getLong(1), rs.getString(2));
		}, id);
		return roll(evaluation.branchId()).values().stream()
			.filter(m -> m.id() != self)
			.map(m -> new BallotEntry(m.id(), m.name(), texts.get(m.id())))
			.toList();
	}

	String branchName(long branchId) {
		return scope.qualifiedNames(List.of(branchId)).getOrDefault(branchId, "");
	}

	/** The evaluations of the branches the caller manages, newest first. */
	@Transactional(readOnly = true)
	List<EvaluationLine> managedList(Caller caller, Long orgId) {
		Set<Long> orgs = scope.covered(caller, orgId, "evaluation", MANAGERS);
		return lines("branch_id = any (?)", orgs.toArray(Long[]::new), null);
	}

	/** The evaluations of the caller's own branch, newest first, with whether they voted. */
	@Transactional(readOnly = true)
	List<EvaluationLine> mine(Caller caller) {
		if (!caller.has(Role.MEMBER)) {
			return List.of();
		}
		Optional<Long> org = members.memberOfAccount(caller.accountId())
			.flatMap(m -> members.refs(List.of(m)).stream().findFirst())
			.map(MemberRef::organizationId);
		if (org.isEmpty()) {
			return List.of();
		}
		Optional<OrgRef> ref = scope.find(org.get());
		Long branch = ref.map(o -> o.type() == OrgType.GROUP ? o.parentId() : o.id()).orElse(null);
		if (branch == null) {
			return List.of();
		}
		return lines("branch_id = ?", branch, caller.accountId());
	}

	private List<EvaluationLine> lines(String where, Object arg, Long accountId) {
		List<Evaluation> found = jdbc.query("select id from assessment_evaluation where " + where
				+ " order by year desc, id desc limit 200", (rs, n) -> rs.getLong(1), arg).stream()
			.map(i -> load(i).orElseThrow())
			.toList();
		Map<Long, String> names = scope.qualifiedNames(found.stream().map(Evaluation::branchId).toList());
		Map<Long, Long> voterCounts = new HashMap<>();
		Instant now = clock.instant();
		return found.stream().map(e -> new EvaluationLine(e.id(), e.branchId(), names.get(e.branchId()), e.year(),
				e.opensAt(), e.end(), e.state(now), voted(e),
				voterCounts.computeIfAbsent(e.branchId(), this::voterCount),
				accountId == null ? null : ballots.hasVoted(e.boxId(), accountId))).toList();
	}

	/**
	 * The results: every member's counts for those who manage the branch; for a member of it only their own, once
	 * approved (before that, none).
	 */
	@Transactional(readOnly = true)
	Results results(Caller caller, long id) {
		Evaluation evaluation = visible(caller, id);
		String state = evaluation.state(clock.instant());
		List<MemberResult> rows;
		if (manages(caller, evaluation)) {
			rows = resultRows(id);
		}
		else {
			long me = seat(caller, evaluation).map(MemberSummary::id).orElse(-1L);
			rows = state.equals("APPROVED") ? resultRows(id).stream().filter(r -> r.memberId() == me).toList()
					: List.of();
		}
		return new Results(id, evaluation.branchId(), branchName(evaluation.branchId()), evaluation.year(), state,
				voted(evaluation), voterCount(evaluation.branchId()), evaluation.returnedReason(), rows);
	}

	List<MemberResult> resultRows(long id) {
		List<Object[]> raw = jdbc.query("""
				select member_id, excellent, qualified, basically_qualified, unqualified, abstained, proposed_grade, step,
				    note, approved_grade
				from assessment_evaluation_result where evaluation_id = ?""", (rs, n) -> new Object[] { rs.getLong(1),
				rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getString(7), rs.getString(8),
				rs.getString(9), rs.getString(10) }, id);
		Map<Long, String> names = new HashMap<>();
		members.refs(raw.stream().map(r -> (Long) r[0]).toList()).forEach(r -> names.put(r.id(), r.name()));
		return raw.stream().map(r -> {
			int[] counts = { (Integer) r[1], (Integer) r[2], (Integer) r[3], (Integer) r[4] };
			return new MemberResult((Long) r[0], names.getOrDefault((Long) r[0], ""), counts[0], counts[1], counts[2],
					counts[3], (Integer) r[5], suggested(counts), r[6] == null ? null : EvaluationGrade.valueOf((String) r[6]),
					r[7] == null ? null : EvaluationStep.valueOf((String) r[7]), (String) r[8],
					r[9] == null ? null : EvaluationGrade.valueOf((String) r[9]));
		}).sorted(java.util.Comparator.comparing(MemberResult::name).thenComparing(MemberResult::memberId)).toList();
	}

	/**
	 * The grade the counts suggest: the one with most votes; a tie goes to the lower grade; none when nobody
	 * graded the member.
	 */
	static EvaluationGrade suggested(int[] counts) {
		EvaluationGrade best = null;
		int most = 0;
		EvaluationGrade[] grades = EvaluationGrade.values();
		for (int g = 0; g < grades.length; g++) {
			if (counts[g] > 0 && counts[g] >= most) {
				most = counts[g];
				best = grades[g];
			}
		}
		return best;
	}
}
