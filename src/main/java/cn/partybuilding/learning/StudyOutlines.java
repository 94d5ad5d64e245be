package cn.partybuilding.learning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * 每周学习纲要: the committee (or a college for its subtree, a branch for itself) lists the week's required and
 * optional materials with a due date. A member finishes an outline by finishing its required materials — whenever
 * they studied them, before the outline too (record once) — and nothing is clicked to say so.
 */
@Service
@Transactional
class StudyOutlines {

	private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final StudyPoints points;

	private final StudySearch search;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MaterialLibrary library;

	StudyOutlines(JdbcTemplate jdbc, OrganizationScope scope, MemberDirectory members, StudyPoints points,
			StudySearch search, ApplicationEventPublisher events, Clock clock, MaterialLibrary library) {
		this.jdbc = jdbc;
		this.library = library;
		this.scope = scope;
		this.members = members;
		this.points = points;
		this.search = search;
		this.events = events;
		this.clock = clock;
	}

	record NewOutline(Long orgId, @Size(max = 8) String week, @Size(max = 200) String title,
			@Size(max = 2000) String topic, @Size(max = 30) List<Long> required, @Size(max = 30) List<Long> optional,
			LocalDate dueOn) {
	}

	enum State {
		NOT_STARTED, STUDYING, FINISHED
	}

	record Item(long materialId, MaterialKind kind, String title, boolean required, State state, Instant finishedAt) {
	}

	record OutlineView(long id, long orgId, String organizationName, String week, String title, String topic,
			LocalDate dueOn, Instant publishedAt, String publishedBy, boolean withdrawn, List<Item> materials) {
	}

	/** An outline as a member sees it: each material's state for them, and whether they finished it. */
	record MyOutline(long id, String organizationName, String week, String title, String topic, LocalDate dueOn,
			boolean overdue, boolean finished, Instant finishedAt, int requiredLeft, List<Item> materials) {
	}

	OutlineView publish(Caller caller, NewOutline form) {
		return publish(caller, form, clock.instant(), true);
	}

	/**
	 * Publishes an outline as of {@code publishedAt}; {@code announce} false for one brought from the past (a
	 * previous platform's, the demo's year), whose week is long over: nobody is notified of it now.
	 */
	OutlineView publish(Caller caller, NewOutline form, Instant publishedAt, boolean announce) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String title = PlainText.clean(form.title());
		if (title.isEmpty()) {
			problems.add(problem("title", "learning.outline.title"));
		}
		LocalDate monday = null;
		try {
			monday = monday(form.week());
		}
		catch (IllegalArgumentException e) {
			problems.add(problem("week", "learning.outline.week"));
		}
		if (form.dueOn() == null) {
			problems.add(problem("dueOn", "learning.outline.dueOn"));
		}
		else if (monday != null && form.dueOn().isBefore(monday)) {
			problems.add(problem("dueOn", "learning.outline.dueBeforeWeek"));
		}
		if (form.orgId() == null) {
			problems.add(problem("orgId", "learning.material.org"));
		}
		List<Long> required = distinct(form.required());
		List<Long> optional = distinct(form.optional()).stream().filter(id -> !required.contains(id)).toList();
		if (required.isEmpty()) {
			problems.add(problem("required", "learning.outline.required"));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		scope.requireReach(caller, form.orgId(), Readers.MANAGERS);
		Set<Long> above = scope.lineage(form.orgId()).stream().map(OrgRef::id).collect(Collectors.toSet());
		Map<Long, MaterialLibrary.Studied> offered = library.studied(union(required, optional));
		for (Long id : union(required, optional)) {
			MaterialLibrary.Studied m = offered.get(id);
			// every member of the outline's organisation must be able to open it
			if (m == null || m.withdrawn() || !(m.wholeSchool() || above.contains(m.orgId()))) {
				throw new FieldProblem(required.contains(id) ? "required" : "optional", "learning.outline.material", id);
			}
			if (!m.kind().finishable() && required.contains(id)) {
				throw new FieldProblem("required", "learning.outline.linkRequired", m.title());
			}
		}
		Instant now = publishedAt;
		String topic = form.topic() == null ? null : form.topic().strip();
		Long id = jdbc.queryForObject("""
				insert into learning_outline (organization_id, week, title, topic, due_on, published_at, published_by)
				values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, form.orgId(), form.week(), title,
				topic == null || topic.isEmpty() ? null : topic, form.dueOn(), Timestamp.from(now), caller.username());
		List<Object[]> items = new ArrayList<>();
		int position = 0;
		for (Long m : required) {
			items.add(new Object[] { id, m, true, position++ });
		}
		for (Long m : optional) {
			items.add(new Object[] { id, m, false, position++ });
		}
		jdbc.batchUpdate("insert into learning_outline_item (outline_id, material_id, required, position) values (?, ?, ?, ?)",
				items);
		creditThoseWhoFinishedAlready(id, required, form.orgId(), form.dueOn(), now);
		search.index(new StudySearch.Doc("outline", id, "OUTLINE", form.orgId(), false, title,
				(topic == null ? "" : topic) + " " + required.stream().map(offered::get).map(MaterialLibrary.Studied::title)
					.collect(Collectors.joining(" "))));
		if (announce) {
			String orgName = scope.qualifiedNames(List.of(form.orgId())).getOrDefault(form.orgId(), "");
			events.publishEvent(new OutlinePublished(id, form.orgId(), orgName, form.week(), title, form.dueOn(),
					required.size()));
		}
		return find(caller, id);
	}

	private static FieldProblem.Problem problem(String field, String key) {
		return new FieldProblem.Problem(field, key, new Object[0]);
	}

	private static List<Long> distinct(List<Long> ids) {
		return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids.stream().filter(i -> i != null).toList()));
	}

	private static List<Long> union(List<Long> a, List<Long> b) {
		List<Long> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** The Monday of an ISO week such as 2026-W49. */
	static LocalDate monday(String week) {
		Matcher m = week == null ? null : WEEK.matcher(week);
		if (m == null || !m.matches()) {
			throw new IllegalArgumentException(week);
		}
		try {
			LocalDate anyDay = LocalDate.of(Integer.parseInt(m.group(1)), 6, 1);
			int number = Integer.parseInt(m.group(2));
			if (number < 1 || number > anyDay.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
				throw new IllegalArgumentException(week);
			}
			return anyDay.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(java.time.DayOfWeek.MONDAY);
		}
		catch (java.time.DateTimeException e) {
			throw new IllegalArgumentException(week);
		}
	}

	/** Record once: whoever already finished every required material has finished the outline (on time). */
	private void creditThoseWhoFinishedAlready(long outlineId, List<Long> required, long orgId, LocalDate dueOn,
			Instant now) {
		List<Long> done = jdbc.queryForList("""
				select account_id from learning_progress where material_id = any(?) and finished_at is not null
				group by account_id having count(*) = ?""", Long.class, required.toArray(Long[]::new), required.size());
		if (done.isEmpty()) {
			return; // new materials: nobody to credit, no need to list the audience
		}
		List<MemberAccount> audience = members.accountsIn(scope.subtree(orgId));
		Map<Long, MemberAccount> byAccount = audience.stream()
			.collect(Collectors.toMap(MemberAccount::accountId, a -> a, (a, b) -> a));
		List<Object[]> rows = new ArrayList<>();
		for (Long account : done) {
			MemberAccount a = byAccount.get(account);
			if (a != null) {
				rows.add(new Object[] { outlineId, account, a.organizationId(), Timestamp.from(now), true });
			}
		}
		jdbc.batchUpdate("""
				insert into learning_outline_done (outline_id, account_id, organization_id, finished_at, on_time)
				values (?, ?, ?, ?, ?) on conflict do nothing""", rows);
	}

	/**
	 * A person finished a material: every outline they are to study that lists it as required and is now complete
	 * for them counts as finished, on time when by its due date.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void materialFinished(long account, Long memberId, long materialId, Instant at) {
		if (memberId == null) {
			return;
		}
		var me = members.membersOfAccounts(List.of(account));
		if (me.isEmpty()) {
			return;
		}
		long memberOrg = me.get(0).organizationId();
		Set<Long> lineage = scope.lineage(memberOrg).stream().map(OrgRef::id).collect(Collectors.toSet());
		LocalDate today = LocalDate.ofInstant(at, PlatformZone.ZONE);
		jdbc.query("""
				select o.id, o.week, o.title, o.due_on from learning_outline o
				join learning_outline_item i on i.outline_id = o.id and i.material_id = ? and i.required
				where o.withdrawn_at is null and o.organization_id = any(?)
				  and not exists (select 1 from learning_outline_done d where d.outline_id = o.id and d.account_id = ?)
				  and not exists (select 1 from learning_outline_item r
				                  left join learning_progress p on p.material_id = r.material_id and p.account_id = ?
				                  where r.outline_id = o.id and r.required and p.finished_at is null)""", rs -> {
			long outline = rs.getLong(1);
			boolean onTime = !today.isAfter(rs.getDate(4).toLocalDate());
			int inserted = jdbc.update("""
					insert into learning_outline_done (outline_id, account_id, organization_id, finished_at, on_time)
					values (?, ?, ?, ?, ?) on conflict do nothing""", outline, account, memberOrg, Timestamp.from(at), onTime);
			if (inserted == 1) {
				if (onTime) {
					points.award(account, today, PointRule.OUTLINE_ON_TIME);
				}
				events.publishEvent(new OutlineFinished(account, memberId, outline, rs.getString(2), rs.getString(3),
						onTime, at));
			}
		}, materialId, lineage.toArray(Long[]::new), account, account);
	}

	/** The outlines for the caller now: this week's, and earlier ones still open (not finished, not yet due). */
	@Transactional(readOnly = true)
	List<MyOutline> current(Caller caller) {
		Set<Long> orgs = caller.organizationsWith(Role.MEMBER, Role.APPLICANT);
		if (orgs.isEmpty()) {
			return List.of();
		}
		Set<Long> lineage = new HashSet<>();
		orgs.forEach(o -> scope.lineage(o).forEach(r -> lineage.add(r.id())));
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		String week = StudyPoints.isoWeek(today);
		List<Long> ids = jdbc.queryForList("""
				select o.id from learning_outline o
				where o.withdrawn_at is null and o.organization_id = any(?)
				  and (o.week = ? or (o.due_on >= ? and o.week < ? and not exists
				       (select 1 from learning_outline_done d where d.outline_id = o.id and d.account_id = ?)))
				order by o.due_on, o.id""", Long.class, lineage.toArray(Long[]::new), week, today, week,
				caller.accountId());
		return ids.stream().map(id -> mine(caller.accountId(), id, today)).toList();
	}

	private MyOutline mine(long account, long outlineId, LocalDate today) {
		OutlineRow o = row(outlineId);
		List<Item> items = items(outlineId, account);
		Instant finishedAt = jdbc.query("select finished_at from learning_outline_done where outline_id = ? and account_id = ?",
				(rs, n) -> rs.getTimestamp(1).toInstant(), outlineId, account).stream().findFirst().orElse(null);
		int left = (int) items.stream().filter(i -> i.required() && i.state() != State.FINISHED).count();
		return new MyOutline(o.id(), o.organizationName(), o.week(), o.title(), o.topic(), o.dueOn(),
				finishedAt == null && today.isAfter(o.dueOn()), finishedAt != null, finishedAt, left, items);
	}

	private record OutlineRow(long id, long orgId, String organizationName, String week, String title, String topic,
			LocalDate dueOn, Instant publishedAt, String publishedBy, boolean withdrawn) {
	}

	private OutlineRow row(long id) {
		OutlineRow row = jdbc.query("select * from learning_outline where id = ?", (rs, n) -> new OutlineRow(
				rs.getLong("id"), rs.getLong("organization_id"), "", rs.getString("week"), rs.getString("title"),
				rs.getString("topic"), rs.getDate("due_on").toLocalDate(), rs.getTimestamp("published_at").toInstant(),
				rs.getString("published_by"), rs.getTimestamp("withdrawn_at") != null), id).stream().findFirst()
			.orElseThrow(() -> new OutOfScopeException("learning-outline", id));
		String name = scope.qualifiedNames(List.of(row.orgId())).getOrDefault(row.orgId(), "");
		return new OutlineRow(row.id(), row.orgId(), name, row.week(), row.title(), row.topic(), row.dueOn(),
				row.publishedAt(), row.publishedBy(), row.withdrawn());
	}

	private List<Item> items(long outlineId, long account) {
		return jdbc.query("""
				select m.id, m.kind, m.title, i.required, p.effective_seconds, p.played_seconds, p.finished_at
				from learning_outline_item i join learning_material m on m.id = i.material_id
				left join learning_progress p on p.material_id = m.id and p.account_id = ?
				where i.outline_id = ? order by i.position""", (rs, n) -> {
			Timestamp finished = rs.getTimestamp(7);
			boolean started = rs.getObject(5) != null && (rs.getInt(5) > 0 || rs.getInt(6) > 0);
			return new Item(rs.getLong(1), MaterialKind.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4),
					finished != null ? State.FINISHED : started ? State.STUDYING : State.NOT_STARTED,
					finished == null ? null : finished.toInstant());
		}, account, outlineId);
	}

	/** An outline the caller manages or is to study (else the audited 404). */
	@Transactional(readOnly = true)
	OutlineView find(Caller caller, long id) {
		OutlineRow o = row(id);
		boolean manages = scope.reaches(caller, o.orgId(), Readers.MANAGERS)
				|| !managedWithin(caller, o.orgId()).isEmpty();
		Set<Long> readable = new HashSet<>();
		caller.organizationsWith(Role.MEMBER, Role.APPLICANT).forEach(org -> scope.lineage(org).forEach(r -> readable.add(r.id())));
		if (!manages && (o.withdrawn() || !readable.contains(o.orgId()))) {
			throw new OutOfScopeException("learning-outline", id);
		}
		return new OutlineView(o.id(), o.orgId(), o.organizationName(), o.week(), o.title(), o.topic(), o.dueOn(),
				o.publishedAt(), o.publishedBy(), o.withdrawn(), items(id, caller.accountId()));
	}

	/** The organisations inside the outline's subtree where the caller manages (a branch seeing the committee's outline). */
	private List<Long> managedWithin(Caller caller, long outlineOrg) {
		return caller.organizationsWith(Readers.MANAGERS).stream().filter(o -> scope.contains(outlineOrg, o)).toList();
	}

	record OutlineLine(long id, long orgId, String organizationName, String week, String title, LocalDate dueOn,
			boolean withdrawn) {
	}

	/** The outlines the caller manages or that reach the organisations they manage, newest week first. */
	@Transactional(readOnly = true)
	List<OutlineLine> list(Caller caller, int limit) {
		Set<Long> managed = scope.visibleTo(caller, Readers.MANAGERS);
		Set<Long> above = new HashSet<>();
		caller.organizationsWhere(g -> g.role().seesOrganizations())
			.forEach(org -> scope.lineage(org).forEach(r -> above.add(r.id())));
		above.addAll(managed);
		List<OutlineLine> lines = jdbc.query("""
				select id, organization_id, week, title, due_on, withdrawn_at is not null from learning_outline
				where organization_id = any(?) order by week desc, id desc limit ?""",
				(rs, n) -> new OutlineLine(rs.getLong(1), rs.getLong(2), "", rs.getString(3), rs.getString(4),
						rs.getDate(5).toLocalDate(), rs.getBoolean(6)), above.toArray(Long[]::new), limit);
		Map<Long, String> names = scope.qualifiedNames(lines.stream().map(OutlineLine::orgId).toList());
		return lines.stream().map(l -> new OutlineLine(l.id(), l.orgId(), names.getOrDefault(l.orgId(), ""), l.week(),
				l.title(), l.dueOn(), l.withdrawn())).toList();
	}

	record Completion(long outlineId, String title, String week, LocalDate dueOn, long orgId, String organizationName,
			int members, int finished, int onTime, List<Row> rows, List<Person> people) {
	}

	/** One organisation directly below the one looked at (a college, a branch, a 党小组). */
	record Row(long orgId, String name, int members, int finished, int onTime) {
	}

	record Person(long memberId, String name, String organizationName, boolean finished, Instant finishedAt,
			boolean onTime) {
	}

	/**
	 * How far an outline's audience got: per organisation directly below {@code orgId} (default: the outline's
	 * own, or the caller's branch inside it) and, from a branch down, per member. Counts, never a ranking.
	 */
	@Transactional(readOnly = true)
	Completion completion(Caller caller, long outlineId, Long orgId) {
		OutlineRow o = row(outlineId);
		long target;
		if (orgId != null) {
			scope.requireReach(caller, orgId, Readers.MANAGERS);
			if (!scope.contains(o.orgId(), orgId)) {
				throw new OutOfScopeException("organization", orgId);
			}
			target = orgId;
		}
		else if (scope.reaches(caller, o.orgId(), Readers.MANAGERS)) {
			target = o.orgId();
		}
		else {
			target = managedWithin(caller, o.orgId()).stream().findFirst()
				.orElseThrow(() -> new OutOfScopeException("learning-outline", outlineId));
		}
		Set<Long> subtree = scope.subtree(target);
		Map<Long, OrgRef> orgs = scope.findAll(subtree).stream().collect(Collectors.toMap(OrgRef::id, r -> r));
		Map<Long, int[]> byChild = new LinkedHashMap<>();
		orgs.values().stream().filter(r -> r.parentId() != null && r.parentId() == target)
			.sorted(java.util.Comparator.comparing(OrgRef::code))
			.forEach(r -> byChild.put(r.id(), new int[3]));
		OrgRef targetRef = orgs.get(target);
		boolean perPerson = targetRef != null && (targetRef.type() == cn.partybuilding.organization.OrgType.BRANCH
				|| targetRef.type() == cn.partybuilding.organization.OrgType.GROUP);
		int total = 0;
		int finished = 0;
		int onTime = 0;
		List<Person> people = List.of();
		if (perPerson) {
			// a branch: each member, matched with their finished row
			List<MemberAccount> audience = members.accountsIn(subtree);
			Map<Long, Boolean> done = new HashMap<>();
			Map<Long, Instant> doneAt = new HashMap<>();
			jdbc.query("""
					select account_id, on_time, finished_at from learning_outline_done
					where outline_id = ? and account_id = any(?)""", rs -> {
				done.put(rs.getLong(1), rs.getBoolean(2));
				doneAt.put(rs.getLong(1), rs.getTimestamp(3).toInstant());
			}, outlineId, audience.stream().map(MemberAccount::accountId).toArray(Long[]::new));
			for (MemberAccount a : audience) {
				Boolean d = done.get(a.accountId());
				total++;
				finished += d == null ? 0 : 1;
				onTime += Boolean.TRUE.equals(d) ? 1 : 0;
				Long child = childOf(target, a.organizationId(), orgs);
				if (child != null) {
					int[] c = byChild.computeIfAbsent(child, k -> new int[3]);
					c[0]++;
					c[1] += d == null ? 0 : 1;
					c[2] += Boolean.TRUE.equals(d) ? 1 : 0;
				}
			}
			people = audience.stream().map(a -> new Person(a.memberId(), a.name(),
					orgs.containsKey(a.organizationId()) ? orgs.get(a.organizationId()).name() : "",
					done.containsKey(a.accountId()), doneAt.get(a.accountId()), Boolean.TRUE.equals(done.get(a.accountId()))))
				.sorted(java.util.Comparator.comparing(Person::finished).thenComparing(Person::name)).toList();
		}
		else {
			// a college or the school (50 000 people): counted per organisation in the database, the members with an
			// account where they are now, the finished rows where the person was when they finished (kept for this);
			// someone who moved since counts where they finished, never more finished than members
			Map<Long, Integer> counts = members.accountCountsIn(subtree);
			Map<Long, int[]> finishedIn = finishedIn(List.of(outlineId), subtree).getOrDefault(outlineId, Map.of());
			Set<Long> all = new HashSet<>(counts.keySet());
			all.addAll(finishedIn.keySet());
			for (Long org : all) {
				int n = counts.getOrDefault(org, 0);
				int[] f = counted(n, finishedIn.get(org));
				int fin = f[0];
				int on = f[1];
				total += n;
				finished += fin;
				onTime += on;
				Long child = childOf(target, org, orgs);
				if (child != null) {
					int[] c = byChild.computeIfAbsent(child, k -> new int[3]);
					c[0] += n;
					c[1] += fin;
					c[2] += on;
				}
			}
		}
		List<Row> rows = byChild.entrySet().stream().map(e -> new Row(e.getKey(),
				orgs.get(e.getKey()).name(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
		return new Completion(outlineId, o.title(), o.week(), o.dueOn(), target,
				scope.qualifiedNames(List.of(target)).getOrDefault(target, ""), total, finished, onTime, rows,
				people);
	}

	/**
	 * Per outline and organisation: how many finished, and how many on time, counted where each person was when
	 * they finished (kept for this). One query for any number of outlines and organisations.
	 */
	Map<Long, Map<Long, int[]>> finishedIn(Collection<Long> outlineIds, Collection<Long> orgs) {
		Map<Long, Map<Long, int[]>> out = new HashMap<>();
		if (outlineIds.isEmpty() || orgs.isEmpty()) {
			return out;
		}
		jdbc.query("""
				select outline_id, organization_id, count(*), count(*) filter (where on_time) from learning_outline_done
				where outline_id = any(?) and organization_id = any(?) group by outline_id, organization_id""", rs -> {
			out.computeIfAbsent(rs.getLong(1), o -> new HashMap<>()).put(rs.getLong(2), new int[] { rs.getInt(3), rs.getInt(4) });
		}, outlineIds.toArray(Long[]::new), orgs.toArray(Long[]::new));
		return out;
	}

	/**
	 * An organisation's finished and on time against its members now: someone who moved since counts where they
	 * finished, never more finished than members.
	 */
	static int[] counted(int members, int[] finished) {
		int[] f = finished == null ? new int[2] : finished;
		int fin = Math.min(members, f[0]);
		return new int[] { fin, Math.min(fin, f[1]) };
	}

	/** The organisation directly below {@code target} on the way to {@code org} (null for {@code target} itself). */
	private static Long childOf(long target, long org, Map<Long, OrgRef> orgs) {
		Long current = org;
		while (current != null) {
			OrgRef ref = orgs.get(current);
			if (ref == null) {
				return null;
			}
			if (ref.parentId() != null && ref.parentId() == target) {
				return current;
			}
			current = ref.parentId();
		}
		return null;
	}

	/**
	 * Outlines due in {@code daysBefore} days that have not been reminded: those who have not finished hear of it,
	 * once (the outline is marked in the same transaction).
	 */
	int remindBeforeDue(int daysBefore) {
		LocalDate due = LocalDate.now(clock.withZone(PlatformZone.ZONE)).plusDays(daysBefore);
		List<OutlineRow> outlines = jdbc.queryForList("""
				select id from learning_outline where due_on <= ? and due_on >= ? and reminded_at is null
				and withdrawn_at is null for update skip locked""", Long.class, due,
				LocalDate.now(clock.withZone(PlatformZone.ZONE))).stream().map(this::row).toList();
		for (OutlineRow o : outlines) {
			Set<Long> done = new HashSet<>(jdbc.queryForList(
					"select account_id from learning_outline_done where outline_id = ?", Long.class, o.id()));
			List<Long> notYet = members.accountsIn(scope.subtree(o.orgId())).stream().map(MemberAccount::accountId)
				.filter(a -> !done.contains(a)).distinct().toList();
			jdbc.update("update learning_outline set reminded_at = ? where id = ?", Timestamp.from(clock.instant()), o.id());
			if (!notYet.isEmpty()) {
				events.publishEvent(new OutlineReminderDue(o.id(), o.title(), o.dueOn(), notYet));
			}
		}
		return outlines.size();
	}

	/** Withdraws an outline (a mistake): out of members' lists; what they studied stays theirs. */
	void withdraw(Caller caller, long id) {
		OutlineRow o = row(id);
		scope.requireReach(caller, o.orgId(), Readers.MANAGERS);
		jdbc.update("update learning_outline set withdrawn_at = coalesce(withdrawn_at, ?) where id = ?",
				Timestamp.from(clock.instant()), id);
		search.remove("outline", id);
	}
}
