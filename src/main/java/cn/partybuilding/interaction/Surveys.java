package cn.partybuilding.interaction;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * Surveys and votes: questions (single, multiple, text, rating 1 to 5), an audience, a window, named or anonymous.
 * Set by those who manage the organisation; answered once by each member of the audience. An anonymous survey's
 * answers go into its secret ballot box ({@link AnonymousBallots}); a named one's are kept by account. Whether
 * anonymous, which questions and for whom are fixed once the first answer is in.
 */
@Service
@Transactional
class Surveys {

	static final Role[] MANAGERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	static final int MAX_TEXT = 2000;

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Who a survey is for, counted from the organisation that sets it. */
	enum Audience {
		/** The members of the organisation itself and of its 党小组 (for a branch: its whole roll). */
		BRANCH,
		/** Every member of the organisation's subtree (a college's branches). */
		SUBTREE,
		/** Every member of the school: only the school's committee sets such a survey. */
		SCHOOL
	}

	record AudienceRequest(@Size(max = 20) String scope) {
	}

	record QuestionRequest(@Size(max = 20) String type, @Size(max = 500) String text,
			@Size(max = 50) List<@Size(max = 200) String> options, Boolean required) {
	}

	/** Times as ISO instants, with an offset, or as Beijing local time ({@code 2026-12-02T09:00}). */
	record NewSurvey(Long orgId, @Size(max = 200) String title, @Size(max = 2000) String description,
			Boolean anonymous, @Size(max = 40) String opensAt, @Size(max = 40) String closesAt,
			@Valid AudienceRequest audience, @Size(max = 100) List<@Valid QuestionRequest> questions,
			Boolean resultsLive) {
	}

	record AnswerRequest(Integer question, @Size(max = 50) List<Integer> options, @Size(max = MAX_TEXT) String text,
			Integer rating) {
	}

	record AnswersRequest(@Size(max = 100) List<@Valid AnswerRequest> answers) {
	}

	record Survey(long id, long orgId, String title, String description, boolean anonymous, Audience audience,
			Instant opensAt, Instant closesAt, Boolean resultsLive, List<SurveyQuestion> questions, long boxId,
			Instant createdAt, String createdBy, Instant closedEarlyAt) {

		public Instant end() {
			return closedEarlyAt != null && closedEarlyAt.isBefore(closesAt) ? closedEarlyAt : closesAt;
		}

		public String state(Instant now) {
			return now.isBefore(opensAt) ? "UPCOMING" : now.isBefore(end()) ? "OPEN" : "CLOSED";
		}
	}

	/** A survey in a list: for its managers (with the answer rate) or for a member (whether they answered). */
	record SurveyLine(long id, String title, long orgId, String organizationName, boolean anonymous, Audience audience,
			Instant opensAt, Instant closesAt, String state, int questions, long answered, Long audienceSize,
			Boolean answeredByMe) {

		public Double rate() {
			return audienceSize == null || audienceSize == 0 ? null : Math.round(1000.0 * answered / audienceSize) / 10.0;
		}
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final AnonymousBallots ballots;

	private final SurveySettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Surveys(JdbcTemplate jdbc, OrganizationScope scope, MemberDirectory members, AnonymousBallots ballots,
			SurveySettings settings, ApplicationEventPublisher events, Clock clock) {
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

	// ---- setting a survey ----

	long create(Caller caller, NewSurvey form) {
		if (form.orgId() == null) {
			throw new FieldProblem("orgId", "interaction.survey.orgId.required");
		}
		scope.requireReach(caller, form.orgId(), MANAGERS);
		Checked checked = check(form);
		Instant now = clock.instant();
		if (checked.closesAt() != null && !checked.closesAt().isAfter(now)) {
			checked.problems().add(new FieldProblem.Problem("closesAt", "interaction.survey.closesAt.past", null));
		}
		if (!checked.problems().isEmpty()) {
			throw new FieldProblem(checked.problems());
		}
		scope.holdStructure();
		long boxId = ballots.open("survey", "new-" + java.util.UUID.randomUUID());
		long id = jdbc.queryForObject("""
				insert into interaction_survey (org_id, title, description, anonymous, audience, opens_at, closes_at,
				    results_live, questions, box_id, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) returning id""", Long.class, form.orgId(),
				checked.title(), checked.description(), checked.anonymous(), checked.audience().name(),
				Timestamp.from(checked.opensAt()), Timestamp.from(checked.closesAt()), form.resultsLive(),
				JSON.writeValueAsString(checked.questions()), boxId, Timestamp.from(now), caller.username());
		jdbc.update("update interaction_ballot_box set reference = ? where id = ?", Long.toString(id), boxId);
		events.publishEvent(new InteractionChanged("interaction.survey.create", "survey", id, checked.title() + "（" + checked.questions().size()
				+ " 题，" + (checked.anonymous() ? "匿名" : "实名") + "，" + checked.audience().name() + "）"));
		return id;
	}

	/**
	 * Changes a survey. Before its first answer anything but its organisation may change; after it only the title,
	 * the description and the window (whether anonymous, the questions and the audience are fixed: 409).
	 */
	void update(Caller caller, long id, NewSurvey form) {
		Survey survey = managed(caller, id);
		if (form.orgId() != null && form.orgId() != survey.orgId()) {
			throw new FieldProblem("orgId", "interaction.survey.orgId.fixed");
		}
		Checked checked = check(form);
		if (!checked.problems().isEmpty()) {
			throw new FieldProblem(checked.problems());
		}
		boolean answered = ballots.box(survey.boxId()).map(b -> b.voters() > 0).orElse(false);
		if (answered) {
			if (checked.anonymous() != survey.anonymous()) {
				throw new ConflictProblem("anonymous", "interaction.survey.anonymous.fixed");
			}
			if (!checked.questions().equals(survey.questions())) {
				throw new ConflictProblem("questions", "interaction.survey.questions.fixed");
			}
			if (checked.audience() != survey.audience()) {
				throw new ConflictProblem("audience.scope", "interaction.survey.audience.fixed");
			}
		}
		jdbc.update("""
				update interaction_survey set title = ?, description = ?, anonymous = ?, audience = ?, opens_at = ?,
				    closes_at = ?, results_live = ?, questions = ?::jsonb where id = ?""", checked.title(),
				checked.description(), checked.anonymous(), checked.audience().name(), Timestamp.from(checked.opensAt()),
				Timestamp.from(checked.closesAt()), form.resultsLive(), JSON.writeValueAsString(checked.questions()), id);
		events.publishEvent(new InteractionChanged("interaction.survey.update", "survey", id, survey.title() + " → " + checked.title()));
	}

	/** Closes an open survey now (its held ballots are counted). */
	void closeNow(Caller caller, long id) {
		Survey survey = managed(caller, id);
		jdbc.update("update interaction_survey set closed_early_at = coalesce(closed_early_at, ?) where id = ?",
				Timestamp.from(clock.instant()), id);
		ballots.close(survey.boxId());
		events.publishEvent(new InteractionChanged("interaction.survey.close", "survey", id, survey.title()));
	}

	private record Checked(String title, String description, boolean anonymous, Audience audience, Instant opensAt,
			Instant closesAt, List<SurveyQuestion> questions, List<FieldProblem.Problem> problems) {
	}

	private Checked check(NewSurvey form) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String title = form.title() == null ? "" : PlainText.clean(form.title()).strip();
		if (title.isEmpty()) {
			problem(problems, "title", "interaction.survey.title.required");
		}
		String description = form.description() == null || form.description().isBlank() ? null
				: PlainText.clean(form.description()).strip();
		Audience audience = Audience.BRANCH;
		String scopeName = form.audience() == null || form.audience().scope() == null ? ""
				: form.audience().scope().strip().toUpperCase(Locale.ROOT);
		if (!scopeName.isEmpty()) {
			try {
				audience = Audience.valueOf(scopeName);
			}
			catch (IllegalArgumentException ex) {
				problem(problems, "audience.scope", "interaction.survey.audience.scope");
			}
		}
		if (audience == Audience.SCHOOL && form.orgId() != null
				&& scope.find(form.orgId()).map(o -> o.parentId() != null).orElse(true)) {
			problem(problems, "audience.scope", "interaction.survey.audience.school");
		}
		Instant opensAt = time(form.opensAt(), "opensAt", problems);
		Instant closesAt = time(form.closesAt(), "closesAt", problems);
		if (opensAt != null && closesAt != null && !closesAt.isAfter(opensAt)) {
			problem(problems, "closesAt", "interaction.survey.closesAt.beforeOpen");
		}
		List<SurveyQuestion> questions = new ArrayList<>();
		if (form.questions() == null || form.questions().isEmpty()) {
			problem(problems, "questions", "interaction.survey.questions.required");
		}
		else if (form.questions().size() > settings.maxQuestions()) {
			problem(problems, "questions", "interaction.survey.questions.tooMany", settings.maxQuestions());
		}
		else {
			for (int i = 0; i < form.questions().size(); i++) {
				question(form.questions().get(i), i, problems).ifPresent(questions::add);
			}
		}
		return new Checked(title, description, Boolean.TRUE.equals(form.anonymous()), audience, opensAt, closesAt,
				questions, problems);
	}

	private Optional<SurveyQuestion> question(QuestionRequest q, int i, List<FieldProblem.Problem> problems) {
		String at = "questions[" + i + "].";
		if (q == null) {
			problem(problems, at + "text", "interaction.survey.question.text");
			return Optional.empty();
		}
		SurveyQuestion.Type type = null;
		try {
			type = q.type() == null ? null : SurveyQuestion.Type.valueOf(q.type().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		if (type == null) {
			problem(problems, at + "type", "interaction.survey.question.type");
		}
		String text = q.text() == null ? "" : PlainText.clean(q.text()).strip();
		if (text.isEmpty()) {
			problem(problems, at + "text", "interaction.survey.question.text");
		}
		List<String> options = new ArrayList<>();
		if (type == SurveyQuestion.Type.SINGLE || type == SurveyQuestion.Type.MULTIPLE) {
			if (q.options() != null) {
				for (String o : q.options()) {
					String cleaned = o == null ? "" : PlainText.clean(o).strip();
					if (!cleaned.isEmpty()) {
						options.add(cleaned);
					}
				}
			}
			if (options.size() < 2) {
				problem(problems, at + "options", "interaction.survey.question.options");
			}
			else if (options.size() > settings.maxOptions()) {
				problem(problems, at + "options", "interaction.survey.question.tooManyOptions", settings.maxOptions());
			}
			else if (new HashSet<>(options).size() != options.size()) {
				problem(problems, at + "options", "interaction.survey.question.duplicateOption");
			}
		}
		if (type == null || text.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new SurveyQuestion(type, text, List.copyOf(options), !Boolean.FALSE.equals(q.required())));
	}

	private static Instant time(String text, String field, List<FieldProblem.Problem> problems) {
		if (text == null || text.isBlank()) {
			problem(problems, field, "interaction.survey.time.required");
			return null;
		}
		Optional<Instant> parsed = PlatformZone.parse(text.strip());
		if (parsed.isEmpty()) {
			problem(problems, field, "interaction.survey.time.format");
		}
		return parsed.orElse(null);
	}

	private static void problem(List<FieldProblem.Problem> problems, String field, String key, Object... args) {
		problems.add(new FieldProblem.Problem(field, key, args));
	}

	// ---- answering ----

	/** Answers the survey, once: named answers by account, anonymous ones as a secret ballot. */
	void answer(Caller caller, long id, AnswersRequest request) {
		Survey survey = load(id).orElseThrow(() -> new OutOfScopeException("survey", id));
		long seat = seat(caller, survey).orElseThrow(() -> new OutOfScopeException("survey", id));
		Instant now = clock.instant();
		if (now.isBefore(survey.opensAt())) {
			throw new ConflictProblem("opensAt", "interaction.survey.notOpen");
		}
		if (!now.isBefore(survey.end())) {
			throw new ConflictProblem("closesAt", "interaction.survey.closed");
		}
		if (ballots.hasVoted(survey.boxId(), caller.accountId())) {
			throw new ConflictProblem("answers", "interaction.survey.already");
		}
		List<SurveyAnswer> answers = checkAnswers(survey, request == null ? null : request.answers());
		String content = JSON.writeValueAsString(answers);
		if (survey.anonymous()) {
			ballots.cast(survey.boxId(), caller.accountId(), seat, content);
		}
		else {
			ballots.participate(survey.boxId(), caller.accountId(), seat);
			jdbc.update("""
					insert into interaction_survey_response (survey_id, account_id, org_id, answers, answered_at)
					values (?, ?, ?, ?::jsonb, ?)""", id, caller.accountId(), seat, content, Timestamp.from(now));
		}
		// that someone answered, never what: the caller and the time are the audit log's own
		events.publishEvent(new InteractionChanged("interaction.survey.answer", "survey", id, survey.title()));
	}

	/** The answers in question order, checked against the questions; every problem at once (400). */
	static List<SurveyAnswer> checkAnswers(Survey survey, List<AnswerRequest> given) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		Map<Integer, SurveyAnswer> byQuestion = new TreeMap<>();
		Set<Integer> wrong = new HashSet<>();
		List<SurveyQuestion> questions = survey.questions();
		List<AnswerRequest> list = given == null ? List.of() : given;
		for (int i = 0; i < list.size(); i++) {
			AnswerRequest a = list.get(i);
			String at = "answers[" + i + "].";
			if (a == null || a.question() == null) {
				problem(problems, at + "question", "interaction.survey.answer.question.required");
				continue;
			}
			int q = a.question();
			if (q < 0 || q >= questions.size()) {
				problem(problems, at + "question", "interaction.survey.answer.question.unknown", q, questions.size() - 1);
				continue;
			}
			if (byQuestion.containsKey(q)) {
				problem(problems, at + "question", "interaction.survey.answer.question.twice", q, q + 1);
				continue;
			}
			SurveyQuestion question = questions.get(q);
			wrong.add(q);
			switch (question.type()) {
				case SINGLE, MULTIPLE -> {
					List<Integer> options = a.options() == null ? List.of()
							: a.options().stream().filter(Objects::nonNull).toList();
					if (options.isEmpty()) {
						break;
					}
					if (new HashSet<>(options).size() != options.size()) {
						problem(problems, at + "options", "interaction.survey.answer.option.twice", q, q + 1);
						continue;
					}
					if (question.type() == SurveyQuestion.Type.SINGLE && options.size() > 1) {
						problem(problems, at + "options", "interaction.survey.answer.single", q, q + 1);
						continue;
					}
					Optional<Integer> out = options.stream().filter(o -> o < 0 || o >= question.options().size())
						.findFirst();
					if (out.isPresent()) {
						problem(problems, at + "options", "interaction.survey.answer.option.range", q, q + 1, out.get(),
								question.options().size() - 1);
						continue;
					}
					byQuestion.put(q, new SurveyAnswer(q, options.stream().sorted().toList(), null, null));
				}
				case TEXT -> {
					String text = a.text() == null ? "" : PlainText.clean(a.text()).strip();
					if (text.length() > MAX_TEXT) {
						problem(problems, at + "text", "interaction.survey.answer.text.long", q, q + 1, MAX_TEXT);
						continue;
					}
					if (!text.isEmpty()) {
						byQuestion.put(q, new SurveyAnswer(q, null, text, null));
					}
				}
				case RATING -> {
					if (a.rating() == null) {
						break;
					}
					if (a.rating() < 1 || a.rating() > SurveyQuestion.MAX_RATING) {
						problem(problems, at + "rating", "interaction.survey.answer.rating.range", q, q + 1,
								SurveyQuestion.MAX_RATING);
						continue;
					}
					byQuestion.put(q, new SurveyAnswer(q, null, null, a.rating()));
				}
			}
			wrong.remove(q); // answered, or left blank: no problem with this question
		}
		for (int q = 0; q < questions.size(); q++) {
			if (questions.get(q).required() && !byQuestion.containsKey(q) && !wrong.contains(q)) {
				problem(problems, "answers", "interaction.survey.answer.missing", q, q + 1);
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		return List.copyOf(byQuestion.values());
	}

	// ---- reading ----

	@Transactional(readOnly = true)
	Optional<Survey> load(long id) {
		return jdbc.query("""
				select id, org_id, title, description, anonymous, audience, opens_at, closes_at, results_live, questions,
				    box_id, created_at, created_by, closed_early_at
				from interaction_survey where id = ?""", (rs, n) -> new Survey(rs.getLong(1), rs.getLong(2),
				rs.getString(3), rs.getString(4), rs.getBoolean(5), Audience.valueOf(rs.getString(6)),
				rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), (Boolean) rs.getObject(9),
				questions(rs.getString(10)), rs.getLong(11), rs.getTimestamp(12).toInstant(), rs.getString(13),
				rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant()), id).stream().findFirst();
	}

	static List<SurveyQuestion> questions(String json) {
		return JSON.readValue(json, new TypeReference<List<SurveyQuestion>>() {
		});
	}

	static List<SurveyAnswer> answers(String json) {
		return JSON.readValue(json, new TypeReference<List<SurveyAnswer>>() {
		});
	}

	/** A survey whose organisation the caller manages; the audited 404 otherwise. */
	@Transactional(readOnly = true)
	Survey managed(Caller caller, long id) {
		Survey survey = load(id).orElseThrow(() -> new OutOfScopeException("survey", id));
		if (!scope.reaches(caller, survey.orgId(), MANAGERS)) {
			throw new OutOfScopeException("survey", id);
		}
		return survey;
	}

	/** A survey the caller manages or is in the audience of; the audited 404 otherwise. */
	@Transactional(readOnly = true)
	Survey visible(Caller caller, long id) {
		Survey survey = load(id).orElseThrow(() -> new OutOfScopeException("survey", id));
		if (!scope.reaches(caller, survey.orgId(), MANAGERS) && seat(caller, survey).isEmpty()) {
			throw new OutOfScopeException("survey", id);
		}
		return survey;
	}

	boolean manages(Caller caller, Survey survey) {
		return scope.reaches(caller, survey.orgId(), MANAGERS);
	}

	/** The organisation the caller answers from when they are in the survey's audience (their branch or 党小组). */
	@Transactional(readOnly = true)
	Optional<Long> seat(Caller caller, Survey survey) {
		if (!caller.has(Role.MEMBER)) {
			return Optional.empty();
		}
		return members.memberOfAccount(caller.accountId())
			.flatMap(m -> members.refs(List.of(m)).stream().findFirst())
			.map(MemberRef::organizationId)
			.filter(org -> audienceOrganizations(survey.orgId(), survey.audience()).contains(org));
	}

	/** The organisations whose members make up the audience. */
	@Transactional(readOnly = true)
	Set<Long> audienceOrganizations(long orgId, Audience audience) {
		Set<Long> subtree = scope.subtree(orgId);
		if (audience != Audience.BRANCH) {
			return subtree;
		}
		Set<Long> own = new HashSet<>();
		own.add(orgId);
		scope.findAll(subtree).stream()
			.filter(o -> o.type() == OrgType.GROUP && Objects.equals(o.parentId(), orgId))
			.map(OrgRef::id)
			.forEach(own::add);
		own.retainAll(subtree);
		return own;
	}

	@Transactional(readOnly = true)
	boolean answered(Caller caller, Survey survey) {
		return ballots.hasVoted(survey.boxId(), caller.accountId());
	}

	/** The surveys of the organisations the caller manages, newest first, with their answer rates. */
	@Transactional(readOnly = true)
	List<SurveyLine> managedList(Caller caller, Long orgId) {
		Set<Long> orgs = scope.covered(caller, orgId, "survey", MANAGERS);
		List<SurveyLine> lines = lines("s.org_id = any (?)", null, orgs.toArray(Long[]::new));
		return lines.stream().map(l -> {
			long size = members.accountCountsIn(audienceOrganizations(l.orgId(), l.audience())).values().stream()
				.mapToLong(Integer::longValue).sum();
			return new SurveyLine(l.id(), l.title(), l.orgId(), l.organizationName(), l.anonymous(), l.audience(),
					l.opensAt(), l.closesAt(), l.state(), l.questions(), l.answered(), size, null);
		}).toList();
	}

	/** The surveys the caller is in the audience of: open, upcoming, or closed within 60 days. */
	@Transactional(readOnly = true)
	List<SurveyLine> mine(Caller caller) {
		Optional<Long> myOrg = members.memberOfAccount(caller.accountId())
			.flatMap(m -> members.refs(List.of(m)).stream().findFirst())
			.map(MemberRef::organizationId);
		if (myOrg.isEmpty() || !caller.has(Role.MEMBER)) {
			return List.of();
		}
		Set<Long> above = new LinkedHashSet<>();
		scope.lineage(myOrg.get()).forEach(r -> above.add(r.id()));
		List<SurveyLine> candidates = lines("s.org_id = any (?) and s.closes_at > now() - interval '60 days'",
				caller.accountId(), above.toArray(Long[]::new));
		Map<String, Set<Long>> audiences = new HashMap<>();
		return candidates.stream()
			.filter(l -> audiences.computeIfAbsent(l.orgId() + "/" + l.audience(),
					k -> audienceOrganizations(l.orgId(), l.audience())).contains(myOrg.get()))
			.toList();
	}

	private List<SurveyLine> lines(String where, Long accountId, Object orgIds) {
		Instant now = clock.instant();
		long who = accountId == null ? -1 : accountId;
		record Row(long id, String title, long orgId, boolean anonymous, String audience, Instant opensAt,
				Instant closesAt, Instant closedEarlyAt, int questions, long answered, boolean mine) {
		}
		List<Row> rows = jdbc.query("""
				select s.id, s.title, s.org_id, s.anonymous, s.audience, s.opens_at, s.closes_at, s.closed_early_at,
				    jsonb_array_length(s.questions),
				    (select count(*) from interaction_ballot_voter v where v.box_id = s.box_id),
				    exists (select 1 from interaction_ballot_voter v where v.box_id = s.box_id and v.account_id = ?)
				from interaction_survey s where """ + " " + where + " order by s.closes_at desc, s.id desc limit 200",
				(rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4), rs.getString(5),
						rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
						rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), rs.getInt(9), rs.getLong(10),
						rs.getBoolean(11)), who, orgIds);
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(Row::orgId).toList());
		return rows.stream().map(r -> {
			Instant end = r.closedEarlyAt() != null && r.closedEarlyAt().isBefore(r.closesAt()) ? r.closedEarlyAt()
					: r.closesAt();
			String state = now.isBefore(r.opensAt()) ? "UPCOMING" : now.isBefore(end) ? "OPEN" : "CLOSED";
			return new SurveyLine(r.id(), r.title(), r.orgId(), names.get(r.orgId()), r.anonymous(),
					Audience.valueOf(r.audience()), r.opensAt(), r.closesAt(), state, r.questions(), r.answered(), null,
					accountId == null ? null : r.mine());
		}).toList();
	}

	/** Surveys past their close whose box is still open: the sweep counts their held ballots. */
	@Transactional(readOnly = true)
	List<Long> closedWithOpenBoxes(int limit) {
		return jdbc.queryForList("""
				select s.id from interaction_survey s join interaction_ballot_box b on b.id = s.box_id
				where b.closed_at is null and (s.closes_at <= now() or s.closed_early_at is not null) limit ?""",
				Long.class, limit);
	}

	/** Closes the box of a survey past its close (the held ballots are counted). */
	void sealIfClosed(long id) {
		load(id).filter(s -> !clock.instant().isBefore(s.end())).ifPresent(s -> ballots.close(s.boxId()));
	}
}
