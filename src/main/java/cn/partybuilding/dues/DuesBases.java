package cn.partybuilding.dues;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;

/**
 * Members' dues category and monthly base (税后工资固定部分). A member declares it — yearly, and when
 * their pay changes, from the month the new pay is received — and the branch's secretary or 组织委员
 * approves; a base the branch enters itself is approved as entered. Students need no declaration.
 */
@Service
@Transactional
class DuesBases {

	private final JdbcTemplate jdbc;

	private final DuesAccess access;

	private final DuesRules rules;

	private final MemberDirectory members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int noBaseMonths;

	private final DuesChunks chunks;

	DuesBases(JdbcTemplate jdbc, DuesAccess access, DuesRules rules, MemberDirectory members, ApplicationEventPublisher events,
			Clock clock, @Value("${party.dues.no-base-months:2}") int noBaseMonths, DuesChunks chunks) {
		this.chunks = chunks;
		this.noBaseMonths = noBaseMonths;
		this.jdbc = jdbc;
		this.access = access;
		this.rules = rules;
		this.members = members;
		this.events = events;
		this.clock = clock;
	}

	public enum State { PENDING, APPROVED, REJECTED }

	public record Declaration(DuesCategory category, BigDecimal base, YearMonth effectiveFrom, @Size(max = 200) String note) {
	}

	public record BaseView(long id, long memberId, String memberName, DuesCategory category, BigDecimal base,
			YearMonth effectiveFrom, State state, String note, String declaredBy, String decidedBy, String decisionNote,
			DuesStandard standard) {
	}

	/** A category and base as they apply to bills: declared and approved, or a student's by default. */
	record Applicable(DuesCategory category, BigDecimal base) {
	}

	public BaseView declare(Caller caller, long memberId, Declaration declaration) {
		MemberSummary member = access.ownOrManaged(caller, memberId);
		if (declaration.effectiveFrom() == null) {
			throw new FieldProblem("effectiveFrom", "dues.base.effectiveFrom");
		}
		// a raise received some time ago may be declared late, but not years back
		YearMonth joined = YearMonth.from(member.joinDate());
		YearMonth earliest = joined.isAfter(YearMonth.now(clock).minusMonths(12)) ? joined : YearMonth.now(clock).minusMonths(12);
		YearMonth latest = YearMonth.now(clock).plusMonths(12);
		if (declaration.effectiveFrom().isBefore(earliest) || declaration.effectiveFrom().isAfter(latest)) {
			throw new FieldProblem("effectiveFrom", "dues.base.effectiveRange", earliest.toString(), latest.toString());
		}
		DuesStandard standard = rules.standard(declaration.category(), declaration.base(), declaration.effectiveFrom());
		String note = PlainText.clean(declaration.note());
		if (note.length() > 200) {
			throw new FieldProblem("note", "dues.note.length");
		}
		boolean approvedAsEntered = access.manages(caller, member.organizationId()) && !access.isSelf(caller, member);
		// a newer declaration replaces one still waiting
		jdbc.update("update dues_base set state = 'REJECTED', decided_by = ?, decided_at = ?, decision_note = '已被新的申报取代' where member_id = ? and state = 'PENDING'",
				caller.username(), Timestamp.from(clock.instant()), memberId);
		Long id = jdbc.queryForObject("""
				insert into dues_base (member_id, category, base, effective_from, state, note, declared_by, declared_at, decided_by, decided_at,
				                       organization_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, memberId, declaration.category().name(),
				declaration.category() == DuesCategory.FARMER ? standard.monthlyAmount() : standard.base(),
				Date.valueOf(declaration.effectiveFrom().atDay(1)),
				approvedAsEntered ? "APPROVED" : "PENDING", note.isEmpty() ? null : note, caller.username(),
				Timestamp.from(clock.instant()), approvedAsEntered ? caller.username() : null,
				approvedAsEntered ? Timestamp.from(clock.instant()) : null, member.organizationId());
		if (approvedAsEntered) {
			events.publishEvent(new DuesBaseApproved(memberId, member.name(), declaration.category(), standard.base(),
					declaration.effectiveFrom(), standard.monthlyAmount(), caller.username()));
		}
		return find(id);
	}

	public BaseView decide(Caller caller, long baseId, boolean approve, String note) {
		BaseView base = find(baseId);
		MemberSummary member = access.managed(caller, base.memberId());
		if (access.isSelf(caller, member)) {
			throw new FieldProblem("state", "dues.self");
		}
		if (base.state() != State.PENDING) {
			throw new FieldProblem("state", "dues.base.decided");
		}
		String why = PlainText.clean(note);
		if (!approve && why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("note", "dues.base.reason");
		}
		jdbc.update("update dues_base set state = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ? and state = 'PENDING'",
				approve ? "APPROVED" : "REJECTED", caller.username(), Timestamp.from(clock.instant()), why.isEmpty() ? null : why,
				baseId);
		if (approve) {
			events.publishEvent(new DuesBaseApproved(member.id(), member.name(), base.category(), base.base(),
					base.effectiveFrom(), base.standard().monthlyAmount(), caller.username()));
		}
		return find(baseId);
	}

	/** See {@link DuesManagement#takeOverBases}: approved as given, by the platform itself. */
	void takeOver(List<BaseOnFile> onFile, String source) {
		String note = PlainText.clean(source);
		if (note.length() > 200) {
			throw new FieldProblem("note", "dues.note.length");
		}
		List<DuesRules.Version> versions = rules.versions();
		Timestamp at = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		for (BaseOnFile b : onFile) {
			if (b.effectiveFrom() == null) {
				throw new FieldProblem("effectiveFrom", "dues.base.effectiveFrom");
			}
			DuesRules.Charge charge = rules.charge(DuesRules.versionFor(versions, b.effectiveFrom()), b.category(), b.base());
			rows.add(new Object[] { b.memberId(), b.category().name(),
					b.category() == DuesCategory.FARMER ? charge.amount() : charge.base(), Date.valueOf(b.effectiveFrom().atDay(1)),
					note.isEmpty() ? null : note, at, at });
		}
		for (int i = 0; i < rows.size(); i += 2000) {
			jdbc.batchUpdate("""
					insert into dues_base (member_id, category, base, effective_from, state, note, declared_by, declared_at, decided_by, decided_at)
					values (?, ?, ?, ?, 'APPROVED', ?, 'system', ?, 'system', ?)""", rows.subList(i, Math.min(rows.size(), i + 2000)));
		}
	}

	/**
	 * Once a year ({@code party.dues.base-review-cron}, mid-January) every member paying on a base is asked
	 * to check it — bases are declared yearly — once per year on any number of nodes.
	 */
	@Scheduled(cron = "${party.dues.base-review-cron:0 0 9 15 1 *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "dues-base-review", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	public void yearlyReview() {
		review(YearMonth.now(clock).getYear());
	}

	/** Sends the year's call unless it went out already; returns how many members were asked. */
	int review(int year) {
		if (jdbc.update("insert into dues_base_review (year, sent_at) values (?, ?) on conflict do nothing", year,
				Timestamp.from(clock.instant())) == 0) {
			return 0;
		}
		List<Long> asked = applicable(YearMonth.of(year, 1)).entrySet().stream().filter(e -> e.getValue().category().needsBase())
			.map(Map.Entry::getKey).toList();
		if (!asked.isEmpty()) {
			events.publishEvent(new DuesBaseReviewDue(year, asked));
		}
		return asked.size();
	}

	/**
	 * Each day with the arrears warnings: members who owe dues on a base and have had none approved for
	 * {@code party.dues.no-base-months} (2) months — counted from joining, or from when billing began on the
	 * platform — are named to their branch and the level above, once per member.
	 */
	@Scheduled(cron = "${party.dues.warn-cron:0 30 8 * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "dues-no-base", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	@Transactional(propagation = Propagation.SUPPORTS) // each batch writes in a transaction of its own
	public void dailyNoBase() {
		tellMissing();
	}

	/**
	 * Returns how many members were newly named. Reads the members a batch of organisations at a time
	 * ({@link DuesChunks}), each batch written and told in a transaction of its own.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	int tellMissing() {
		return tellMissing(chunks.size());
	}

	/** As {@link #tellMissing()}, in batches of about {@code chunk} members. */
	@Transactional(propagation = Propagation.SUPPORTS)
	int tellMissing(int chunk) {
		YearMonth now = YearMonth.now(clock);
		Date first = jdbc.queryForObject("select min(month) from dues_bill", Date.class);
		YearMonth start = first == null ? now : YearMonth.from(first.toLocalDate());
		return chunks.eachInItsOwnTransaction(chunk, who -> {
			keepPendingOrganizations(who);
			return tellMissingAmong(who, now, start);
		});
	}

	/** The organisation kept on waiting declarations follows their members (a transfer since, one declared before it was kept). */
	private void keepPendingOrganizations(List<MemberSummary> who) {
		if (!who.isEmpty()) {
			jdbc.update("""
					update dues_base b set organization_id = x.organization_id
					from unnest(?::bigint[], ?::bigint[]) as x(member_id, organization_id)
					where b.member_id = x.member_id and b.state = 'PENDING' and b.organization_id is distinct from x.organization_id""",
					who.stream().map(MemberSummary::id).toArray(Long[]::new), who.stream().map(MemberSummary::organizationId).toArray(Long[]::new));
		}
	}

	private int tellMissingAmong(List<MemberSummary> all, YearMonth now, YearMonth start) {
		if (all.isEmpty()) {
			return 0;
		}
		Long[] ids = all.stream().map(MemberSummary::id).toArray(Long[]::new);
		Map<Long, Applicable> applicable = applicable(now, ids);
		Set<Long> left = new HashSet<>(jdbc.queryForList("select member_id from dues_letter_out where member_id = any(?)", Long.class,
				(Object) ids));
		List<MemberSummary> overdue = new ArrayList<>();
		List<YearMonth> since = new ArrayList<>();
		for (MemberSummary m : all) {
			if (applicable.containsKey(m.id()) || byDefault(m).isPresent() || left.contains(m.id())) {
				continue;
			}
			YearMonth joined = YearMonth.from(m.joinDate());
			YearMonth from = joined.isAfter(start) ? joined : start;
			if (!from.plusMonths(noBaseMonths).isAfter(now)) {
				overdue.add(m);
				since.add(from);
			}
		}
		if (overdue.isEmpty()) {
			return 0;
		}
		Set<Long> fresh = new HashSet<>(jdbc.queryForList("""
				insert into dues_no_base_notice (member_id, since, sent_at)
				select x.member_id, x.since, ? from unnest(?::bigint[], ?::date[]) as x(member_id, since)
				on conflict do nothing returning member_id""", Long.class, Timestamp.from(clock.instant()),
				overdue.stream().map(MemberSummary::id).toArray(Long[]::new), DuesPayments.days(since)));
		if (fresh.isEmpty()) {
			return 0;
		}
		Map<Long, String> branchNames = access.qualifiedNames(overdue.stream().map(MemberSummary::organizationId).distinct().toList());
		Map<Long, Long> above = new HashMap<>();
		List<DuesBasesMissing.Missing> told = new ArrayList<>();
		for (int i = 0; i < overdue.size(); i++) {
			MemberSummary m = overdue.get(i);
			if (fresh.contains(m.id())) {
				long parent = above.computeIfAbsent(m.organizationId(), org -> access.levelAbove(org).orElse(-1L));
				told.add(new DuesBasesMissing.Missing(m.id(), m.name(), m.organizationId(),
						branchNames.getOrDefault(m.organizationId(), ""), parent < 0 ? null : parent, since.get(i)));
			}
		}
		events.publishEvent(new DuesBasesMissing(noBaseMonths, told));
		return told.size();
	}

	/** A member's declarations, newest first. */
	@Transactional(readOnly = true)
	public List<BaseView> history(Caller caller, long memberId) {
		access.ownOrManaged(caller, memberId);
		return query("where b.member_id = ? order by b.effective_from desc, b.id desc", memberId);
	}

	/** Declarations waiting for the caller's decision. */
	@Transactional(readOnly = true)
	public List<BaseView> pending(Caller caller, Long orgId) {
		return pendingIn(access.organizationsOrAll(caller, orgId), Integer.MAX_VALUE).first();
	}

	/** The first few of a list a page shows, and how many there are. */
	record Waiting<T>(List<T> first, int count) {
	}

	/**
	 * The first {@code limit} declarations waiting in these organisations (null: the whole tree), oldest first, and how
	 * many wait. Narrowed to the scope in SQL by the organisation kept on each declaration (V121; kept current daily), then
	 * checked against the members' organisations now: one who left the scope since is never listed (one who came in is,
	 * from the next daily run on). Never read from the scope's members nor from every waiting member of the platform.
	 */
	@Transactional(readOnly = true)
	Waiting<BaseView> pendingIn(Set<Long> organizations, int limit) {
		if (organizations == null) {
			// prepared (no parameters, still): kept planned by the server; sent as a plain statement it was planned on
			// every roll page, a tenth of a millisecond
			return pendingAll(jdbc.queryForObject(WAITING_COUNT_ALL, Integer.class, new Object[0]), limit);
		}
		return pendingOf(organizations, jdbc.queryForList(WAITING_MEMBERS.formatted("?"), Long.class,
				(Object) organizations.toArray(Long[]::new)), limit);
	}

	/** How many members have a declaration waiting in the whole tree (the roll page asks it with the reliefs waiting). */
	static final String WAITING_COUNT_ALL = "select count(distinct member_id) from dues_base where state = 'PENDING'";

	/**
	 * As {@link #pendingIn} for the whole tree, {@code count} of them known to wait: every waiting declaration is in
	 * scope, so nothing is read but the page.
	 */
	@Transactional(readOnly = true)
	Waiting<BaseView> pendingAll(int count, int limit) {
		return new Waiting<>(count == 0 ? List.of() : query("where b.state = 'PENDING' order by b.declared_at, b.id limit ?", limit),
				count);
	}

	/**
	 * The members who may have a declaration waiting in a scope of organisations, by the organisation kept on each
	 * ({@code %s}: the scope's array), for {@link #pendingOf}: the roll page asks it in one statement with the reliefs
	 * waiting ({@link DuesRollPage}).
	 */
	static final String WAITING_MEMBERS = """
			select distinct member_id from dues_base
			where state = 'PENDING' and (organization_id = any(%s) or organization_id is null)""";

	/** As {@link #pendingIn}, from the members {@link #WAITING_MEMBERS} found in these organisations. */
	@Transactional(readOnly = true)
	Waiting<BaseView> pendingOf(Set<Long> organizations, List<Long> waiting, int limit) {
		Long[] ids = members.refs(waiting).stream().filter(m -> organizations.contains(m.organizationId())).map(m -> m.id())
			.toArray(Long[]::new);
		if (ids.length == 0) {
			return new Waiting<>(List.of(), 0);
		}
		// a member has at most one declaration waiting (a newer one replaces it): as many as members
		return new Waiting<>(query("where b.state = 'PENDING' and b.member_id = any(?) order by b.declared_at, b.id limit ?", ids, limit),
				ids.length);
	}

	/**
	 * Members of these organisations who owe dues on a base but have none approved for this month, by name: read a
	 * batch of organisations at a time ({@link DuesChunks}).
	 */
	@Transactional(readOnly = true)
	public List<MemberSummary> missing(Caller caller, Long orgId, YearMonth month) {
		return missing(access.organizations(caller, orgId), month, chunks.size());
	}

	/** As {@link #missing(Caller, Long, YearMonth)}, in these organisations, batches of about {@code chunk} members. */
	List<MemberSummary> missing(Set<Long> organizations, YearMonth month, int chunk) {
		List<MemberSummary> found = new ArrayList<>();
		for (List<Long> batch : chunks.of(organizations, chunk)) {
			found.addAll(missing(members.summaries(batch), month));
		}
		found.sort(Comparator.comparing(MemberSummary::name).thenComparing(MemberSummary::id));
		return found;
	}

	/** As {@link #missing(Caller, Long, YearMonth)}, among these people (a roll already read). */
	List<MemberSummary> missing(List<MemberSummary> people, YearMonth month) {
		Map<Long, Applicable> applicable = applicable(month, people.stream().map(MemberSummary::id).toArray(Long[]::new));
		return people.stream()
			.filter(m -> !YearMonth.from(m.joinDate()).isAfter(month) && !applicable.containsKey(m.id())
					&& byDefault(m).isEmpty())
			.sorted(Comparator.comparing(MemberSummary::name).thenComparing(MemberSummary::id)).toList();
	}

	/** What applies to each member in a month: the latest approved declaration in force, or a student's default. */
	@Transactional(readOnly = true)
	Map<Long, Applicable> applicable(YearMonth month) {
		return applicable(month, null);
	}

	/** As {@link #applicable(YearMonth)}, for these members only (null: everyone). */
	@Transactional(readOnly = true)
	Map<Long, Applicable> applicable(YearMonth month, Long[] memberIds) {
		Map<Long, Applicable> found = new HashMap<>();
		jdbc.query("""
				select distinct on (member_id) member_id, category, base from dues_base
				where state = 'APPROVED' and effective_from <= ? and (?::bigint[] is null or member_id = any(?::bigint[]))
				order by member_id, effective_from desc, id desc""", rs -> {
			found.put(rs.getLong(1), new Applicable(DuesCategory.valueOf(rs.getString(2)), rs.getBigDecimal(3)));
		}, Date.valueOf(month.atDay(1)), memberIds, memberIds);
		return found;
	}

	/** The default for a member who declared nothing: students pay the fixed amount; others must declare. */
	static Optional<Applicable> byDefault(MemberSummary member) {
		return member.category() == Category.STUDENT ? Optional.of(new Applicable(DuesCategory.STUDENT, null))
				: Optional.empty();
	}

	@Transactional(readOnly = true)
	BaseView find(long id) {
		return query("where b.id = ?", id).stream().findFirst()
			.orElseThrow(() -> new OutOfScopeException("dues-base", id));
	}

	private List<BaseView> query(String where, Object... args) {
		record Row(long id, long memberId, DuesCategory category, BigDecimal base, YearMonth from, State state, String note,
				String declaredBy, String decidedBy, String decisionNote) {
		}
		List<Row> rows = jdbc.query("""
				select b.id, b.member_id, b.category, b.base, b.effective_from, b.state, b.note, b.declared_by, b.decided_by,
				       b.decision_note
				from dues_base b """ + " " + where, (rs, n) -> new Row(rs.getLong(1), rs.getLong(2), DuesCategory.valueOf(rs.getString(3)),
				rs.getBigDecimal(4), YearMonth.from(rs.getDate(5).toLocalDate()), State.valueOf(rs.getString(6)), rs.getString(7),
				rs.getString(8), rs.getString(9), rs.getString(10)), args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = new HashMap<>();
		members.refs(rows.stream().map(Row::memberId).distinct().toList()).forEach(m -> names.put(m.id(), m.name()));
		List<DuesRules.Version> versions = rules.versions();
		return rows.stream().map(r -> new BaseView(r.id(), r.memberId(), names.getOrDefault(r.memberId(), ""), r.category(),
				r.base(), r.from(), r.state(), r.note(), r.declaredBy(), r.decidedBy(), r.decisionNote(),
				rules.standard(DuesRules.versionFor(versions, r.from()), r.category(), r.base()))).toList();
	}
}
