package cn.partybuilding.interaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
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

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * 书记信箱 / 组织信箱. A member or an applicant writes to their branch, its general branch or the committee; the
 * letter is private: only its writer and the people who handle letters at the organisation it is at now see it
 * (at a branch its secretary and 支委, at a general branch or a committee its administrators). Everyone else gets
 * the audited 404, administrators above included. A handler answers, forwards within the writer's lineage or
 * closes with a note; a waiting letter goes once to the level above after the setting's days.
 * <p>
 * An anonymous letter (to the committee, when the committee allows it) keeps no link to its writer: no account, no
 * name, no branch, no step, no audit entry, no event, no time finer than the day; its id is random as every
 * letter's is; its writer follows it with a code shown once, of which only the hash is kept.
 */
@Service
@Transactional
class Letters {

	static final String ENTITY = "mailbox-letter";

	/** Who handles letters at an organisation of each level (at that organisation itself, not above it). */
	static final Role[] HANDLERS = { Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE, Role.GENERAL_BRANCH_ADMIN,
			Role.COMMITTEE_ADMIN };

	enum State {
		WAITING, ANSWERED, CLOSED
	}

	enum StepKind {
		WRITTEN, FORWARDED, ESCALATED, ANSWERED, CLOSED
	}

	record NewLetter(@Size(max = 20) String to, @Size(max = 200) String subject, @Size(max = 10000) String body,
			Boolean anonymous) {
	}

	/** A letter written: its id; for an anonymous letter also the code to follow it with, shown this once. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Written(long id, boolean anonymous, String code) {
	}

	record Note(@Size(max = 10000) String text) {
	}

	record Forwarding(Long orgId, @Size(max = 10000) String text) {
	}

	record Line(long id, LetterTo to, String subject, State state, long organizationId, String organizationName,
			boolean anonymous, String writerName, LocalDate writtenOn, Instant waitingSince, boolean overdue,
			boolean escalated, boolean mine) {
	}

	record Step(StepKind kind, String from, String to, String text, String actor, Instant at) {
	}

	record Target(long id, String name, OrgType type) {
	}

	record LetterView(long id, LetterTo to, String subject, String body, State state, long organizationId,
			String organizationName, boolean anonymous, String writerName, LocalDate writtenOn, Instant waitingSince,
			boolean overdue, boolean escalated, boolean mine, boolean mayHandle, List<Step> steps,
			List<Target> forwardTargets) {
	}

	record LetterPage(List<Line> content, long totalElements, int page, int size) {
	}

	record Waiting(long organizationId, long waiting, long overdue) {
	}

	private record Row(long id, LetterTo to, long organizationId, Long originBranchId, Long writerAccountId,
			String writerName, boolean anonymous, String subject, String body, State state, LocalDate writtenOn,
			Instant waitingSince, boolean escalated) {
	}

	static final int PAGE_SIZE = 20;

	private static final String CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

	private static final String COLUMNS = """
			id, addressed_to, organization_id, origin_branch_id, writer_account_id, writer_name, anonymous, subject,
			body, state, written_on, waiting_since, escalation_done""";

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final MailboxSettings settings;

	private final ApplicationEventPublisher events;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final AnonymousLetters anonymousLetters;

	Letters(JdbcTemplate jdbc, OrganizationScope scope, MailboxSettings settings, ApplicationEventPublisher events,
			Clock clock, AnonymousLetters anonymousLetters) {
		this.clock = clock;
		this.anonymousLetters = anonymousLetters;
		this.jdbc = jdbc;
		this.scope = scope;
		this.settings = settings;
		this.events = events;
	}

	// ---------------------------------------------------------------- writing

	Written write(Caller caller, NewLetter letter, Instant at) {
		long branch = writerBranch(caller).orElseThrow(
				() -> new NotPermittedException(ENTITY, "*", "only members and applicants write letters"));
		List<FieldProblem.Problem> problems = new ArrayList<>();
		LetterTo to = parseTo(letter.to(), problems);
		String subject = PlainText.clean(letter.subject());
		String body = letter.body() == null ? null : letter.body().strip();
		if (subject == null || subject.isBlank()) {
			problems.add(problem("subject", "mailbox.letter.subject.required"));
		}
		else if (subject.length() > settings.subjectMax()) {
			problems.add(problem("subject", "mailbox.letter.subject.tooLong", settings.subjectMax()));
		}
		if (body == null || body.isBlank()) {
			problems.add(problem("body", "mailbox.letter.body.required"));
		}
		else if (body.length() > settings.bodyMax()) {
			problems.add(problem("body", "mailbox.letter.body.tooLong", settings.bodyMax()));
		}
		boolean anonymous = Boolean.TRUE.equals(letter.anonymous());
		if (anonymous && to != null && to != LetterTo.COMMITTEE) {
			problems.add(problem("anonymous", "mailbox.anonymous.onlyCommittee"));
		}
		OrgRef target = null;
		if (to != null) {
			target = addressee(branch, to).orElse(null);
			if (target == null) {
				problems.add(problem("to", "mailbox.letter.noSuchLevel"));
			}
		}
		if (anonymous && target != null && to == LetterTo.COMMITTEE && !anonymousAllowed(target.id())) {
			problems.add(problem("anonymous", "mailbox.anonymous.off"));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long id = newId();
		if (anonymous) {
			String code = newCode();
			LocalDate day = LocalDate.ofInstant(at, PlatformZone.ZONE);
			// the day only, and its first moment for the escalation clock: nothing finer to line it up with a session
			Instant dayStart = day.atStartOfDay(PlatformZone.ZONE).toInstant();
			// not written now: the batch writes it later, shuffled with the others (see AnonymousLetters)
			anonymousLetters.hold(new AnonymousLetters.Pending(id, to, target.id(), hash(code), subject, body, day, dayStart));
			return new Written(id, true, code);
		}
		jdbc.update("""
				insert into interaction_letter (id, addressed_to, organization_id, origin_branch_id, writer_account_id,
				    writer_name, anonymous, subject, body, state, written_on, written_at, waiting_since)
				values (?, ?, ?, ?, ?, ?, false, ?, ?, 'WAITING', ?, ?, ?)""", id, to.name(), target.id(), branch,
				caller.accountId(), caller.displayName(), subject, body, LocalDate.ofInstant(at, PlatformZone.ZONE),
				Timestamp.from(at), Timestamp.from(at));
		step(id, StepKind.WRITTEN, null, target.id(), null, caller.displayName(), at);
		events.publishEvent(new InteractionChanged("mailbox.letter.write", ENTITY, id, to + " " + target.name()));
		return new Written(id, false, null);
	}

	private static LetterTo parseTo(String to, List<FieldProblem.Problem> problems) {
		if (to == null || to.isBlank()) {
			problems.add(problem("to", "mailbox.letter.to.required"));
			return null;
		}
		try {
			return LetterTo.valueOf(to.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			problems.add(problem("to", "mailbox.letter.to.invalid"));
			return null;
		}
	}

	private static FieldProblem.Problem problem(String field, String key, Object... args) {
		return new FieldProblem.Problem(field, key, args);
	}

	/** The organisation a letter to this level goes to, from the writer's branch up. */
	/** The branch a member or an applicant writes from. */
	Optional<Long> writerBranch(Caller caller) {
		return HomeBranch.of(caller, scope);
	}

	Optional<OrgRef> addressee(long branchId, LetterTo to) {
		List<OrgRef> lineage = scope.lineage(branchId);
		OrgType wanted = switch (to) {
			case BRANCH -> OrgType.BRANCH;
			case GENERAL_BRANCH -> OrgType.GENERAL_BRANCH;
			case COMMITTEE -> OrgType.COMMITTEE;
		};
		for (int i = lineage.size() - 1; i >= 0; i--) {
			if (lineage.get(i).type() == wanted) {
				return Optional.of(lineage.get(i));
			}
		}
		return Optional.empty();
	}

	private long newId() {
		while (true) {
			// random, below 2^53 so that a browser reads it whole; never a sequence that orders letters
			long id = (random.nextLong() & ((1L << 53) - 1));
			if (id > 0 && jdbc.queryForObject("select count(*) from interaction_letter where id = ?", Long.class, id) == 0) {
				return id;
			}
		}
	}

	private String newCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			if (i > 0 && i % 4 == 0) {
				code.append('-');
			}
			code.append(CODE_LETTERS.charAt(random.nextInt(CODE_LETTERS.length())));
		}
		return code.toString();
	}

	static String hash(String code) {
		String normal = code == null ? "" : code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	// ---------------------------------------------------------------- reading

	/** The organisations where the caller handles letters. */
	static Set<Long> handledBy(Caller caller) {
		return caller.organizationsWith(HANDLERS);
	}

	/**
	 * The caller's letters ({@code box} mine), those waiting on them (handling), or both (null); by state when
	 * asked; newest first.
	 */
	@Transactional(readOnly = true)
	LetterPage list(Caller caller, String box, State state, int page) {
		boolean mine = box == null || box.isBlank() || "mine".equalsIgnoreCase(box);
		boolean handling = box == null || box.isBlank() || "handling".equalsIgnoreCase(box);
		if (!mine && !handling) {
			throw new FieldProblem("box", "mailbox.letter.box.invalid");
		}
		int p = Math.max(page, 0);
		return lines(caller, mine, handling, state, PAGE_SIZE, p);
	}

	/** The letters waiting on the caller (and handled by them), for the spreadsheet: at most {@code max}. */
	@Transactional(readOnly = true)
	List<Line> handledLines(Caller caller, State state, int max) {
		return lines(caller, false, true, state, max, 0).content();
	}

	private LetterPage lines(Caller caller, boolean mine, boolean handling, State state, int size, int page) {
		Set<Long> orgs = handling ? handledBy(caller) : Set.of();
		List<Object> args = new ArrayList<>();
		List<String> who = new ArrayList<>();
		if (mine) {
			who.add("writer_account_id = ?");
			args.add(caller.accountId());
		}
		if (!orgs.isEmpty()) {
			who.add("organization_id in (" + orgs.stream().map(o -> "?").collect(Collectors.joining(",")) + ")");
			args.addAll(orgs);
		}
		if (who.isEmpty()) {
			return new LetterPage(List.of(), 0, page, size);
		}
		String where = "(" + String.join(" or ", who) + ")";
		if (state != null) {
			where += " and state = ?";
			args.add(state.name());
		}
		long total = jdbc.queryForObject("select count(*) from interaction_letter where " + where, Long.class, args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) page * size);
		List<Row> rows = jdbc.query("select " + COLUMNS + " from interaction_letter where " + where
				+ " order by (state = 'WAITING') desc, waiting_since desc, id limit ? offset ?", this::row, pageArgs.toArray());
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(Row::organizationId).collect(Collectors.toSet()));
		Instant now = clock.instant();
		return new LetterPage(rows.stream().map(r -> new Line(r.id(), r.to(), r.subject(), r.state(), r.organizationId(),
				names.getOrDefault(r.organizationId(), ""), r.anonymous(), r.writerName(), r.writtenOn(), r.waitingSince(),
				overdue(r, now), r.escalated(), isWriter(caller, r))).toList(), total, page, size);
	}

	@Transactional(readOnly = true)
	LetterView find(Caller caller, long id) {
		Row r = visible(caller, id);
		return view(caller, r);
	}

	/** An anonymous letter followed by its code (any other code: the audited 404, naming no letter). */
	@Transactional(readOnly = true)
	LetterView follow(Caller caller, String code) {
		List<Row> found = code == null || code.isBlank() ? List.of()
				: jdbc.query("select " + COLUMNS + " from interaction_letter where code_hash = ?", this::row, hash(code));
		if (found.isEmpty()) {
			// still on its way (this node holds it until the next batch)
			AnonymousLetters.Pending p = anonymousLetters.pending(hash(code))
				.orElseThrow(() -> new OutOfScopeException(ENTITY, "code"));
			return new LetterView(p.id(), p.to(), p.subject(), p.body(), State.WAITING, p.organizationId(),
					scope.qualifiedNames(List.of(p.organizationId())).getOrDefault(p.organizationId(), ""), true, null, p.day(),
					p.dayStart(), false, false, false, false, List.of(), List.of());
		}
		return view(null, found.get(0));
	}

	private LetterView view(Caller caller, Row r) {
		boolean handles = caller != null && handledBy(caller).contains(r.organizationId());
		List<StepRow> stepRows = jdbc.query(
				"select kind, from_org, to_org, text, actor_name, at from interaction_letter_step where letter_id = ? order by id",
				(rs, n) -> new StepRow(StepKind.valueOf(rs.getString(1)), (Long) rs.getObject(2), (Long) rs.getObject(3),
						rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()),
				r.id());
		Set<Long> ids = new HashSet<>();
		ids.add(r.organizationId());
		stepRows.forEach(s -> {
			if (s.from() != null) {
				ids.add(s.from());
			}
			if (s.to() != null) {
				ids.add(s.to());
			}
		});
		List<Target> targets = handles ? forwardTargets(r) : List.of();
		targets.forEach(t -> ids.add(t.id()));
		Map<Long, String> names = scope.qualifiedNames(ids);
		List<Step> steps = stepRows.stream().map(s -> new Step(s.kind(), s.from() == null ? null : names.get(s.from()),
				s.to() == null ? null : names.get(s.to()), s.text(), s.actor(), s.at())).toList();
		return new LetterView(r.id(), r.to(), r.subject(), r.body(), r.state(), r.organizationId(),
				names.getOrDefault(r.organizationId(), ""), r.anonymous(), r.writerName(), r.writtenOn(), r.waitingSince(),
				overdue(r, clock.instant()), r.escalated(), caller != null && isWriter(caller, r), handles, steps,
				targets.stream().map(t -> new Target(t.id(), names.getOrDefault(t.id(), t.name()), t.type())).toList());
	}

	private record StepRow(StepKind kind, Long from, Long to, String text, String actor, Instant at) {
	}

	/** Where a handler may forward the letter: the writer's branch and the levels above it, but where it is now. */
	private List<Target> forwardTargets(Row r) {
		if (r.anonymous() || r.originBranchId() == null || r.state() != State.WAITING) {
			return List.of();
		}
		return scope.lineage(r.originBranchId()).stream()
			.filter(o -> o.type() == OrgType.BRANCH || o.type() == OrgType.GENERAL_BRANCH || o.type() == OrgType.COMMITTEE)
			.filter(o -> o.id() != r.organizationId())
			.map(o -> new Target(o.id(), o.name(), o.type()))
			.toList();
	}

	/**
	 * The letters of these organisations overdue as of {@code now} (waiting {@link #answerWithin} or longer, the
	 * rule of {@link #overdue}): id, organisation, waiting since; the oldest first.
	 */
	@Transactional(readOnly = true)
	List<Object[]> overdueIn(Collection<Long> orgIds, Instant now) {
		return jdbc.query("""
				select id, organization_id, waiting_since from interaction_letter
				where state = 'WAITING' and waiting_since <= ? and organization_id = any(?) order by waiting_since, id""",
				(rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant() },
				Timestamp.from(now.minus(answerWithin())), orgIds.toArray(Long[]::new));
	}

	private boolean overdue(Row r, Instant now) {
		return r.state() == State.WAITING && !r.waitingSince().isAfter(now.minus(answerWithin()));
	}

	/**
	 * How long a letter may wait for its answer: the setting's days; waiting that long it is overdue and goes to
	 * the level above. The pages, the escalation and the figure of letters answered in time all read it here.
	 */
	Duration answerWithin() {
		return Duration.ofDays(settings.escalateDays());
	}

	private static boolean isWriter(Caller caller, Row r) {
		return r.writerAccountId() != null && r.writerAccountId() == caller.accountId();
	}

	/** The letter if the caller wrote it or handles it where it is now; else the audited 404. */
	private Row visible(Caller caller, long id) {
		return visible(caller, id, false);
	}

	private Row visible(Caller caller, long id, boolean lock) {
		Row r = load(id, lock).orElseThrow(() -> new OutOfScopeException(ENTITY, id));
		if (!isWriter(caller, r) && !handledBy(caller).contains(r.organizationId())) {
			// audited, but never naming an anonymous letter: its writer trying its id must not link them to it
			throw new OutOfScopeException(ENTITY, r.anonymous() ? "*" : String.valueOf(id));
		}
		return r;
	}

	/** The letter if the caller handles it where it is now: its writer gets 403, anyone else the audited 404. */
	private Row handled(Caller caller, long id) {
		Row r = visible(caller, id, true);
		if (!handledBy(caller).contains(r.organizationId())) {
			throw new NotPermittedException(ENTITY, id, "the writer does not handle their own letter");
		}
		return r;
	}

	private Optional<Row> load(long id, boolean lock) {
		return jdbc.query("select " + COLUMNS + " from interaction_letter where id = ?" + (lock ? " for update" : ""),
				this::row, id).stream()
			.findFirst();
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), LetterTo.valueOf(rs.getString("addressed_to")), rs.getLong("organization_id"),
				(Long) rs.getObject("origin_branch_id"), (Long) rs.getObject("writer_account_id"),
				rs.getString("writer_name"), rs.getBoolean("anonymous"), rs.getString("subject"), rs.getString("body"),
				State.valueOf(rs.getString("state")), rs.getObject("written_on", LocalDate.class),
				rs.getTimestamp("waiting_since").toInstant(), rs.getBoolean("escalation_done"));
	}

	// ---------------------------------------------------------------- handling

	LetterView answer(Caller caller, long id, String text, Instant at) {
		Row r = handled(caller, id);
		String answer = required(text, "text", "mailbox.letter.answer.required");
		if (r.state() == State.CLOSED) {
			throw new ConflictProblem("text", "mailbox.letter.closed");
		}
		jdbc.update("update interaction_letter set state = 'ANSWERED' where id = ?", id);
		step(id, StepKind.ANSWERED, r.organizationId(), null, answer, caller.displayName(), at);
		events.publishEvent(new InteractionChanged("mailbox.letter.answer", ENTITY, id, ""));
		tellWriter(r, "ANSWERED", r.organizationId(), at);
		return find(caller, id);
	}

	LetterView forward(Caller caller, long id, Forwarding forwarding, Instant at) {
		Row r = handled(caller, id);
		if (r.state() != State.WAITING) {
			throw new ConflictProblem("orgId", "mailbox.letter.notWaiting");
		}
		if (r.anonymous()) {
			throw new ConflictProblem("orgId", "mailbox.letter.anonymousStays");
		}
		if (forwarding.orgId() == null) {
			throw new FieldProblem("orgId", "mailbox.letter.forward.required");
		}
		if (forwardTargets(r).stream().noneMatch(t -> t.id() == forwarding.orgId())) {
			throw new FieldProblem("orgId", "mailbox.letter.forward.outside");
		}
		String note = optional(forwarding.text());
		jdbc.update("update interaction_letter set organization_id = ?, waiting_since = ? where id = ?", forwarding.orgId(),
				Timestamp.from(at), id);
		step(id, StepKind.FORWARDED, r.organizationId(), forwarding.orgId(), note, caller.displayName(), at);
		events.publishEvent(new InteractionChanged("mailbox.letter.forward", ENTITY, id, r.organizationId() + " -> " + forwarding.orgId()));
		tellWriter(r, "FORWARDED", forwarding.orgId(), at);
		// the forwarder may no longer see it: the answer is what they sent, not the letter
		return handledBy(caller).contains(forwarding.orgId()) || isWriter(caller, r) ? find(caller, id) : null;
	}

	LetterView close(Caller caller, long id, String text, Instant at) {
		Row r = handled(caller, id);
		String note = required(text, "text", "mailbox.letter.close.required");
		if (r.state() == State.CLOSED) {
			throw new ConflictProblem("text", "mailbox.letter.closed");
		}
		jdbc.update("update interaction_letter set state = 'CLOSED' where id = ?", id);
		step(id, StepKind.CLOSED, r.organizationId(), null, note, caller.displayName(), at);
		events.publishEvent(new InteractionChanged("mailbox.letter.close", ENTITY, id, ""));
		tellWriter(r, "CLOSED", r.organizationId(), at);
		return find(caller, id);
	}

	private String required(String text, String field, String key) {
		String t = text == null ? null : text.strip();
		if (t == null || t.isEmpty()) {
			throw new FieldProblem(field, key);
		}
		if (t.length() > settings.bodyMax()) {
			throw new FieldProblem(field, "mailbox.letter.body.tooLong", settings.bodyMax());
		}
		return t;
	}

	private String optional(String text) {
		return text == null || text.isBlank() ? null : required(text, "text", "mailbox.letter.answer.required");
	}

	private void step(long letterId, StepKind kind, Long from, Long to, String text, String actor, Instant at) {
		jdbc.update("""
				insert into interaction_letter_step (letter_id, kind, from_org, to_org, text, actor_name, at)
				values (?, ?, ?, ?, ?, ?, ?)""", letterId, kind.name(), from, to, text, actor, Timestamp.from(at));
	}

	private void tellWriter(Row r, String what, long organizationId, Instant at) {
		if (r.writerAccountId() != null) {
			events.publishEvent(new LetterHandled(r.id(), r.writerAccountId(), r.subject(), what,
					scope.qualifiedNames(List.of(organizationId)).getOrDefault(organizationId, ""), at));
		}
	}

	// ---------------------------------------------------------------- escalation

	/**
	 * Every letter waiting since {@code asOf} minus the setting's days goes once to the level above where it is
	 * (a 党支部 to its 党总支 or, for a 直属党支部, the 党委): recorded in its history, its writer told. A letter
	 * already at the top stays and is not looked at again. Returns how many moved.
	 */
	int escalateDue(Instant asOf) {
		Instant due = asOf.minus(answerWithin());
		List<Row> rows = jdbc.query("select " + COLUMNS + """
				 from interaction_letter where state = 'WAITING' and not escalation_done and waiting_since <= ?
				order by waiting_since limit 500 for update skip locked""", this::row, Timestamp.from(due));
		int moved = 0;
		for (Row r : rows) {
			List<OrgRef> lineage = scope.lineage(r.organizationId());
			OrgRef above = null;
			for (int i = lineage.size() - 2; i >= 0; i--) {
				OrgType t = lineage.get(i).type();
				if (t == OrgType.GENERAL_BRANCH || t == OrgType.COMMITTEE) {
					above = lineage.get(i);
					break;
				}
			}
			if (above == null) {
				jdbc.update("update interaction_letter set escalation_done = true where id = ?", r.id());
				continue;
			}
			jdbc.update("update interaction_letter set organization_id = ?, waiting_since = ?, escalation_done = true where id = ?",
					above.id(), Timestamp.from(asOf), r.id());
			step(r.id(), StepKind.ESCALATED, r.organizationId(), above.id(), null, null, asOf);
			events.publishEvent(new InteractionChanged("mailbox.letter.escalate", ENTITY, r.id(),
					r.organizationId() + " -> " + above.id()));
			tellWriter(r, "ESCALATED", above.id(), asOf);
			moved++;
		}
		return moved;
	}

	// ---------------------------------------------------------------- the committee's switch

	@Transactional(readOnly = true)
	boolean anonymousAllowed(long committeeId) {
		return jdbc.query("select anonymous_allowed from interaction_letter_setting where committee_id = ?",
				(rs, n) -> rs.getBoolean(1), committeeId).stream().findFirst().orElse(false);
	}

	/** The committee whose switch the caller may turn: one where they are a committee administrator. */
	Set<Long> switchableBy(Caller caller) {
		Set<Long> own = new LinkedHashSet<>();
		for (Long id : caller.organizationsWith(Role.COMMITTEE_ADMIN)) {
			scope.find(id).filter(o -> o.type() == OrgType.COMMITTEE).ifPresent(o -> own.add(o.id()));
		}
		return own;
	}

	/** The committee's switch, for its administrators (others: 403 within reach, else the audited 404). */
	@Transactional(readOnly = true)
	boolean anonymousSwitch(Caller caller, long committeeId) {
		requireSwitch(caller, committeeId);
		return anonymousAllowed(committeeId);
	}

	private void requireSwitch(Caller caller, long committeeId) {
		if (!switchableBy(caller).contains(committeeId)) {
			if (scope.reaches(caller, committeeId, Role.values())) {
				throw new NotPermittedException("organization", committeeId, "only the committee's administrators");
			}
			throw new OutOfScopeException("organization", committeeId);
		}
	}

	void switchAnonymous(Caller caller, long committeeId, boolean allowed, Instant at) {
		requireSwitch(caller, committeeId);
		jdbc.update("""
				insert into interaction_letter_setting (committee_id, anonymous_allowed, changed_by, changed_at) values (?, ?, ?, ?)
				on conflict (committee_id) do update set anonymous_allowed = excluded.anonymous_allowed,
				    changed_by = excluded.changed_by, changed_at = excluded.changed_at""", committeeId, allowed,
				caller.username(), Timestamp.from(at));
		events.publishEvent(new InteractionChanged("mailbox.anonymous.switch", "organization", committeeId,
				allowed ? "on" : "off"));
	}

	// ---------------------------------------------------------------- 待办

	/** Per organisation: letters waiting there, and how many of them are overdue. */
	@Transactional(readOnly = true)
	List<Waiting> waitingAt(Set<Long> orgs, Instant now) {
		if (orgs.isEmpty()) {
			return List.of();
		}
		List<Object> args = new ArrayList<>();
		args.add(Timestamp.from(now.minus(answerWithin())));
		args.addAll(orgs);
		return jdbc.query("""
				select organization_id, count(*), count(*) filter (where waiting_since <= ?) from interaction_letter
				where state = 'WAITING' and organization_id in (""" + orgs.stream().map(o -> "?").collect(Collectors.joining(","))
				+ ") group by organization_id order by organization_id",
				(rs, n) -> new Waiting(rs.getLong(1), rs.getLong(2), rs.getLong(3)), args.toArray());
	}

	@Transactional(readOnly = true)
	long waitingOf(Caller caller) {
		return jdbc.queryForObject("select count(*) from interaction_letter where writer_account_id = ? and state = 'WAITING'",
				Long.class, caller.accountId());
	}

	int escalateDays() {
		return settings.escalateDays();
	}
}
