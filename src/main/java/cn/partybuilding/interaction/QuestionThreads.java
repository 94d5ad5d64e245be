package cn.partybuilding.interaction;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.content.ContentScreening;
import cn.partybuilding.content.ScreenVerdict;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * Questions and answers within an audience: a member or an applicant asks their branch, its general branch or the
 * school; everyone in the audience reads (members and applicants below it, its administrators and secretaries
 * above); the organisation's secretary (an administrator at a general branch or committee) and the answerers it
 * names answer; the asker or the secretary marks the best answer. Every text is screened by the content module's
 * word list: a BLOCK word refuses it naming the words, a REVIEW word holds it for the secretary before others see it.
 */
@Service
@Transactional
class QuestionThreads {

	static final String ENTITY = "question";

	/** Who moderates the questions of an organisation, at that organisation itself. */
	static final Role[] MODERATORS = { Role.BRANCH_SECRETARY, Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN };

	/** Roles that read every audience below where they are granted. */
	private static final Role[] READERS_BELOW = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	enum State {
		HELD, OPEN, HIDDEN
	}

	record Asking(@Size(max = 20) String audience, @Size(max = 200) String title, @Size(max = 6000) String body) {
	}

	record Answering(@Size(max = 6000) String body) {
	}

	record Best(Long answerId) {
	}

	record Saved(long id, State state) {
	}

	record Filter(String q, boolean unanswered, boolean mine, Long orgId) {
	}

	record QuestionLine(long id, long organizationId, String organizationName, String askerName, String title,
			State state, int answers, boolean answered, boolean hasBest, Instant createdAt, boolean mine) {
	}

	record QuestionPage(List<QuestionLine> content, long totalElements, int page, int size) {
	}

	record AnswerView(long id, String authorName, String body, State state, boolean best, Instant createdAt,
			boolean mine) {
	}

	record QuestionView(long id, long organizationId, String organizationName, String askerName, String title,
			String body, State state, List<String> flaggedWords, Long bestAnswerId, Instant createdAt, boolean mine,
			boolean mayAnswer, boolean mayMarkBest, boolean moderates, List<AnswerView> answers) {
	}

	record Held(String kind, long id, long questionId, String questionTitle, String authorName, String text,
			String flaggedWords, String organizationName, Instant createdAt) {
	}

	record Answerer(long organizationId, long accountId, String name, String addedBy, Instant addedAt) {
	}

	record Designation(Long orgId, @Size(max = 40) String staffNumber) {
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final ContentScreening screening;

	private final MemberDirectory members;

	private final QuestionSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	QuestionThreads(JdbcTemplate jdbc, OrganizationScope scope, ContentScreening screening, MemberDirectory members,
			QuestionSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.screening = screening;
		this.members = members;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	// ---------------------------------------------------------------- who sees, who answers

	/** The audiences the caller reads: their own organisations and those above; below where they administer. */
	Set<Long> audiencesOf(Caller caller) {
		Set<Long> ids = new LinkedHashSet<>();
		for (Caller.Grant g : caller.grants()) {
			if (g.role().seesOrganizations()) {
				scope.lineage(g.organizationId()).forEach(o -> ids.add(o.id()));
			}
		}
		ids.addAll(scope.visibleTo(caller, READERS_BELOW));
		return ids;
	}

	boolean moderates(Caller caller, long organizationId) {
		return caller.organizationsWith(MODERATORS).contains(organizationId);
	}

	Set<Long> moderated(Caller caller) {
		return caller.organizationsWith(MODERATORS);
	}

	/** The organisations the caller moderates, by name (for the links to their answerers). */
	Map<Long, String> moderatedNames(Caller caller) {
		return scope.qualifiedNames(moderated(caller));
	}

	boolean answers(Caller caller, long organizationId) {
		return moderates(caller, organizationId) || jdbc.queryForObject(
				"select count(*) from interaction_question_answerer where organization_id = ? and account_id = ?",
				Long.class, organizationId, caller.accountId()) > 0;
	}

	// ---------------------------------------------------------------- asking and answering

	Saved ask(Caller caller, Asking asking) {
		long branch = HomeBranch.of(caller, scope).orElseThrow(
				() -> new NotPermittedException(ENTITY, "*", "only members and applicants ask"));
		List<FieldProblem.Problem> problems = new ArrayList<>();
		QuestionAudience audience = null;
		if (asking.audience() == null || asking.audience().isBlank()) {
			problems.add(new FieldProblem.Problem("audience", "questions.audience.required", new Object[0]));
		}
		else {
			try {
				audience = QuestionAudience.valueOf(asking.audience().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				problems.add(new FieldProblem.Problem("audience", "questions.audience.invalid", new Object[0]));
			}
		}
		String title = PlainText.clean(asking.title());
		String body = asking.body() == null ? null : asking.body().strip();
		if (title == null || title.isBlank()) {
			problems.add(new FieldProblem.Problem("title", "questions.title.required", new Object[0]));
		}
		else if (title.length() > settings.titleMax()) {
			problems.add(new FieldProblem.Problem("title", "questions.title.tooLong", new Object[] { settings.titleMax() }));
		}
		if (body == null || body.isBlank()) {
			problems.add(new FieldProblem.Problem("body", "questions.body.required", new Object[0]));
		}
		else if (body.length() > settings.bodyMax()) {
			problems.add(new FieldProblem.Problem("body", "questions.body.tooLong", new Object[] { settings.bodyMax() }));
		}
		OrgRef org = null;
		if (audience != null) {
			org = audienceOrg(branch, audience).orElse(null);
			if (org == null) {
				problems.add(new FieldProblem.Problem("audience", "questions.audience.none", new Object[0]));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		ScreenVerdict t = screening.screen(title);
		ScreenVerdict b = screening.screen(body);
		refuseBlocked(Map.of("title", t, "body", b));
		List<String> flagged = new ArrayList<>(t.reviewWords());
		b.reviewWords().stream().filter(w -> !flagged.contains(w)).forEach(flagged::add);
		State state = flagged.isEmpty() ? State.OPEN : State.HELD;
		long id = jdbc.queryForObject("""
				insert into interaction_question (organization_id, asker_account_id, asker_name, title, body, state,
				    flagged_words, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, org.id(), caller.accountId(),
				caller.displayName(), title, body, state.name(), words(flagged), Timestamp.from(clock.instant()));
		events.publishEvent(new InteractionChanged("questions.ask", ENTITY, id, audience + " " + org.name() + " " + state));
		return new Saved(id, state);
	}

	private Optional<OrgRef> audienceOrg(long branch, QuestionAudience audience) {
		List<OrgRef> lineage = scope.lineage(branch);
		if (lineage.isEmpty()) {
			return Optional.empty();
		}
		return switch (audience) {
			case BRANCH -> Optional.of(lineage.get(lineage.size() - 1));
			case SCHOOL -> OrganizationScope.schoolIn(lineage);
			case GENERAL_BRANCH -> lineage.stream().filter(o -> o.type() == OrgType.GENERAL_BRANCH)
				.reduce((a, b) -> b);
		};
	}

	private static void refuseBlocked(Map<String, ScreenVerdict> verdicts) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		Map<String, List<String>> words = new HashMap<>();
		verdicts.forEach((field, v) -> {
			if (v.blocked()) {
				problems.add(new FieldProblem.Problem(field, "questions.screen.blocked",
						new Object[] { String.join("、", v.blockWords()) }));
				words.put(field, v.blockWords());
			}
		});
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems, words);
		}
	}

	private static String words(List<String> flagged) {
		if (flagged.isEmpty()) {
			return null;
		}
		String joined = String.join("、", flagged);
		return joined.length() > 500 ? joined.substring(0, 500) : joined;
	}

	private record QRow(long id, long organizationId, long askerAccountId, String askerName, String title, String body,
			State state, String flagged, Long best, Instant createdAt) {
	}

	private Optional<QRow> load(long id) {
		return jdbc.query("""
				select id, organization_id, asker_account_id, asker_name, title, body, state, flagged_words, best_answer_id,
				    created_at from interaction_question where id = ?""",
				(rs, n) -> new QRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
						rs.getString(6), State.valueOf(rs.getString(7)), rs.getString(8), (Long) rs.getObject(9),
						rs.getTimestamp(10).toInstant()),
				id).stream().findFirst();
	}

	/** The question if the caller is in its audience and may see it in its state; else the audited 404. */
	private QRow visible(Caller caller, long id) {
		QRow q = load(id).orElseThrow(() -> new OutOfScopeException(ENTITY, id));
		boolean seen = audiencesOf(caller).contains(q.organizationId()) && (q.state() == State.OPEN
				|| q.askerAccountId() == caller.accountId() || moderates(caller, q.organizationId()));
		if (!seen) {
			throw new OutOfScopeException(ENTITY, id);
		}
		return q;
	}

	Saved answer(Caller caller, long questionId, Answering answering) {
		QRow q = visible(caller, questionId);
		if (!answers(caller, q.organizationId())) {
			throw new NotPermittedException(ENTITY, questionId, "only the secretary and the named answerers answer");
		}
		if (q.state() != State.OPEN) {
			throw new ConflictProblem("body", "questions.notOpen");
		}
		String body = answering.body() == null ? null : answering.body().strip();
		if (body == null || body.isEmpty()) {
			throw new FieldProblem("body", "questions.answer.required");
		}
		if (body.length() > settings.bodyMax()) {
			throw new FieldProblem("body", "questions.body.tooLong", settings.bodyMax());
		}
		ScreenVerdict v = screening.screen(body);
		refuseBlocked(Map.of("body", v));
		State state = v.flagged() ? State.HELD : State.OPEN;
		Instant now = clock.instant();
		long id = jdbc.queryForObject("""
				insert into interaction_answer (question_id, author_account_id, author_name, body, state, flagged_words,
				    created_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, questionId, caller.accountId(),
				caller.displayName(), body, state.name(), words(v.reviewWords()), Timestamp.from(now));
		events.publishEvent(new InteractionChanged("questions.answer", "answer", id, "question " + questionId + " " + state));
		if (state == State.OPEN) {
			answered(q, caller.displayName(), caller.accountId(), now);
		}
		return new Saved(id, state);
	}

	private void answered(QRow q, String by, long byAccount, Instant at) {
		jdbc.update("update interaction_question set answer_count = answer_count + 1 where id = ?", q.id());
		if (byAccount != q.askerAccountId()) {
			events.publishEvent(new QuestionAnswered(q.id(), q.askerAccountId(), q.title(), by, at));
		}
	}

	void markBest(Caller caller, long questionId, Long answerId) {
		QRow q = visible(caller, questionId);
		if (q.askerAccountId() != caller.accountId() && !moderates(caller, q.organizationId())) {
			throw new NotPermittedException(ENTITY, questionId, "only the asker or the secretary marks the best answer");
		}
		if (answerId == null) {
			throw new FieldProblem("answerId", "questions.best.required");
		}
		int found = jdbc.queryForObject("select count(*) from interaction_answer where id = ? and question_id = ? and state = 'OPEN'",
				Integer.class, answerId, questionId);
		if (found == 0) {
			throw new OutOfScopeException("answer", answerId);
		}
		jdbc.update("update interaction_question set best_answer_id = ? where id = ?", answerId, questionId);
		events.publishEvent(new InteractionChanged("questions.best", ENTITY, questionId, "answer " + answerId));
	}

	// ---------------------------------------------------------------- moderation

	/** The secretary lets a held question show (OPEN) or hides it (HIDDEN), or any question later. */
	void moderateQuestion(Caller caller, long questionId, boolean show) {
		QRow q = visible(caller, questionId);
		if (!moderates(caller, q.organizationId())) {
			throw new NotPermittedException(ENTITY, questionId, "only the secretary moderates");
		}
		jdbc.update("update interaction_question set state = ? where id = ?", show ? "OPEN" : "HIDDEN", questionId);
		events.publishEvent(new InteractionChanged(show ? "questions.release" : "questions.hide", ENTITY, questionId, ""));
	}

	void moderateAnswer(Caller caller, long questionId, long answerId, boolean show) {
		QRow q = visible(caller, questionId);
		if (!moderates(caller, q.organizationId())) {
			throw new NotPermittedException(ENTITY, questionId, "only the secretary moderates");
		}
		List<String> states = jdbc.queryForList("select state from interaction_answer where id = ? and question_id = ? for update",
				String.class, answerId, questionId);
		if (states.isEmpty()) {
			throw new OutOfScopeException("answer", answerId);
		}
		String before = states.get(0);
		String after = show ? "OPEN" : "HIDDEN";
		jdbc.update("update interaction_answer set state = ? where id = ?", after, answerId);
		if (!before.equals(after)) {
			if (after.equals("OPEN")) {
				var author = jdbc.queryForMap("select author_account_id, author_name from interaction_answer where id = ?", answerId);
				answered(q, (String) author.get("author_name"), ((Number) author.get("author_account_id")).longValue(),
						clock.instant());
			}
			else if (before.equals("OPEN")) {
				jdbc.update("""
						update interaction_question set answer_count = greatest(answer_count - 1, 0),
						    best_answer_id = case when best_answer_id = ? then null else best_answer_id end where id = ?""",
						answerId, questionId);
			}
		}
		events.publishEvent(new InteractionChanged(show ? "questions.answer.release" : "questions.answer.hide", "answer",
				answerId, "question " + questionId));
	}

	/** What waits for the caller's moderation: held questions and held answers at the organisations they moderate. */
	@Transactional(readOnly = true)
	List<Held> held(Caller caller) {
		Set<Long> orgs = moderated(caller);
		if (orgs.isEmpty()) {
			return List.of();
		}
		String in = orgs.stream().map(o -> "?").collect(Collectors.joining(","));
		List<Object> args = new ArrayList<>(orgs);
		args.addAll(orgs);
		List<Held> rows = jdbc.query("""
				select 'QUESTION', q.id, q.id, q.title, q.asker_name, q.body, q.flagged_words, q.organization_id, q.created_at
				from interaction_question q where q.state = 'HELD' and q.organization_id in (""" + in + """
				)
				union all
				select 'ANSWER', a.id, q.id, q.title, a.author_name, a.body, a.flagged_words, q.organization_id, a.created_at
				from interaction_answer a join interaction_question q on q.id = a.question_id
				where a.state = 'HELD' and q.organization_id in (""" + in + ") order by 9 limit 200",
				(rs, n) -> new Held(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
						rs.getString(6), rs.getString(7), String.valueOf(rs.getLong(8)), rs.getTimestamp(9).toInstant()),
				args.toArray());
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(h -> Long.valueOf(h.organizationName())).toList());
		return rows.stream().map(h -> new Held(h.kind(), h.id(), h.questionId(), h.questionTitle(), h.authorName(), h.text(),
				h.flaggedWords(), names.getOrDefault(Long.valueOf(h.organizationName()), ""), h.createdAt())).toList();
	}

	@Transactional(readOnly = true)
	long heldCount(Set<Long> orgs) {
		if (orgs.isEmpty()) {
			return 0;
		}
		String in = orgs.stream().map(o -> "?").collect(Collectors.joining(","));
		List<Object> args = new ArrayList<>(orgs);
		args.addAll(orgs);
		return jdbc.queryForObject("select (select count(*) from interaction_question where state = 'HELD' and organization_id in ("
				+ in + ")) + (select count(*) from interaction_answer a join interaction_question q on q.id = a.question_id"
				+ " where a.state = 'HELD' and q.organization_id in (" + in + "))", Long.class, args.toArray());
	}

	// ---------------------------------------------------------------- reading

	@Transactional(readOnly = true)
	QuestionPage list(Caller caller, Filter filter, int page) {
		Set<Long> audiences = audiencesOf(caller);
		if (filter.orgId() != null) {
			if (!audiences.contains(filter.orgId())) {
				throw new OutOfScopeException("organization", filter.orgId());
			}
			audiences = Set.of(filter.orgId());
		}
		if (audiences.isEmpty()) {
			return new QuestionPage(List.of(), 0, 0, settings.pageSize());
		}
		Set<Long> mod = moderated(caller);
		List<Object> args = new ArrayList<>(audiences);
		StringBuilder where = new StringBuilder("organization_id in (")
			.append(audiences.stream().map(o -> "?").collect(Collectors.joining(","))).append(")")
			.append(" and (state = 'OPEN' or asker_account_id = ?");
		args.add(caller.accountId());
		if (!mod.isEmpty()) {
			where.append(" or state = 'HELD' and organization_id in (")
				.append(mod.stream().map(o -> "?").collect(Collectors.joining(","))).append(")");
			args.addAll(mod);
		}
		where.append(")");
		if (filter.mine()) {
			where.append(" and asker_account_id = ?");
			args.add(caller.accountId());
		}
		if (filter.unanswered()) {
			where.append(" and answer_count = 0");
		}
		String q = PlainText.clean(filter.q());
		if (q != null && !q.isBlank()) {
			for (String word : q.split("\\s+")) {
				where.append(" and (title ilike ? or body ilike ?)");
				String like = "%" + PlainText.escapeLike(word) + "%";
				args.add(like);
				args.add(like);
			}
		}
		long total = jdbc.queryForObject("select count(*) from interaction_question where " + where, Long.class, args.toArray());
		int size = settings.pageSize();
		int p = Math.max(page, 0);
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) p * size);
		List<QuestionLine> rows = jdbc.query("""
				select id, organization_id, asker_name, title, state, answer_count, best_answer_id, created_at, asker_account_id
				from interaction_question where\s""" + where + " order by created_at desc, id desc limit ? offset ?",
				(rs, n) -> new QuestionLine(rs.getLong(1), rs.getLong(2), "", rs.getString(3), rs.getString(4),
						State.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(6) > 0, rs.getObject(7) != null,
						rs.getTimestamp(8).toInstant(), rs.getLong(9) == caller.accountId()),
				pageArgs.toArray());
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(QuestionLine::organizationId).collect(Collectors.toSet()));
		return new QuestionPage(rows.stream().map(r -> new QuestionLine(r.id(), r.organizationId(),
				names.getOrDefault(r.organizationId(), ""), r.askerName(), r.title(), r.state(), r.answers(), r.answered(),
				r.hasBest(), r.createdAt(), r.mine())).toList(), total, p, size);
	}

	@Transactional(readOnly = true)
	QuestionView find(Caller caller, long id) {
		QRow q = visible(caller, id);
		boolean moderates = moderates(caller, q.organizationId());
		List<AnswerView> answers = jdbc.query("""
				select id, author_name, body, state, created_at, author_account_id from interaction_answer
				where question_id = ? and (state = 'OPEN' or state = 'HELD' and (author_account_id = ? or ?)) order by id""",
				(rs, n) -> new AnswerView(rs.getLong(1), rs.getString(2), rs.getString(3), State.valueOf(rs.getString(4)),
						q.best() != null && q.best() == rs.getLong(1), rs.getTimestamp(5).toInstant(),
						rs.getLong(6) == caller.accountId()),
				id, caller.accountId(), moderates);
		boolean mine = q.askerAccountId() == caller.accountId();
		return new QuestionView(q.id(), q.organizationId(),
				scope.qualifiedNames(List.of(q.organizationId())).getOrDefault(q.organizationId(), ""), q.askerName(),
				q.title(), q.body(), q.state(),
				moderates && q.flagged() != null ? List.of(q.flagged().split("、")) : List.of(), q.best(), q.createdAt(),
				mine, q.state() == State.OPEN && answers(caller, q.organizationId()), mine || moderates, moderates, answers);
	}

	// ---------------------------------------------------------------- answerers

	private void requireModerator(Caller caller, long orgId) {
		if (!moderates(caller, orgId)) {
			if (scope.reaches(caller, orgId, Role.values())) {
				throw new NotPermittedException("organization", orgId, "only the organisation's secretary names answerers");
			}
			throw new OutOfScopeException("organization", orgId);
		}
	}

	@Transactional(readOnly = true)
	List<Answerer> answerers(Caller caller, long orgId) {
		requireModerator(caller, orgId);
		return jdbc.query("""
				select organization_id, account_id, name, added_by, added_at from interaction_question_answerer
				where organization_id = ? order by added_at""",
				(rs, n) -> new Answerer(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
						rs.getTimestamp(5).toInstant()),
				orgId);
	}

	/** Names a member of the organisation's subtree (by 学号/工号) an answerer of its questions. */
	Answerer designate(Caller caller, long orgId, String staffNumber) {
		requireModerator(caller, orgId);
		String number = PlainText.clean(staffNumber);
		if (number == null || number.isBlank()) {
			throw new FieldProblem("staffNumber", "questions.answerer.required");
		}
		Optional<Long> member = members.findByStaffNumber(caller, number);
		Optional<MemberAccount> account = member.flatMap(m -> members.accountsIn(scope.subtree(orgId)).stream()
			.filter(a -> a.memberId() == m).findFirst());
		if (account.isEmpty()) {
			throw new FieldProblem("staffNumber", "questions.answerer.notFound");
		}
		return designate(caller, orgId, account.get().accountId(), account.get().name());
	}

	Answerer designate(Caller caller, long orgId, long accountId, String name) {
		requireModerator(caller, orgId);
		Instant now = clock.instant();
		jdbc.update("""
				insert into interaction_question_answerer (organization_id, account_id, name, added_by, added_at)
				values (?, ?, ?, ?, ?) on conflict do nothing""", orgId, accountId, name, caller.displayName(),
				Timestamp.from(now));
		events.publishEvent(new InteractionChanged("questions.answerer.add", "organization", orgId, name));
		return new Answerer(orgId, accountId, name, caller.displayName(), now);
	}

	void removeAnswerer(Caller caller, long orgId, long accountId) {
		requireModerator(caller, orgId);
		if (jdbc.update("delete from interaction_question_answerer where organization_id = ? and account_id = ?", orgId,
				accountId) == 0) {
			throw new OutOfScopeException("answerer", accountId);
		}
		events.publishEvent(new InteractionChanged("questions.answerer.remove", "organization", orgId, String.valueOf(accountId)));
	}
}
