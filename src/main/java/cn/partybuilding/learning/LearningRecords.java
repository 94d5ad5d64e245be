package cn.partybuilding.learning;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.PlatformZone;

/**
 * Study records brought in from outside the study pages: materials and outlines published through the same rules
 * as on the pages (as of a date in the past), and past study history written in bulk. There is deliberately no
 * HTTP endpoint for the history: it writes progress, points and finished outlines that no heartbeat earned, so it
 * is for the demo university's lived year and for migrating a previous platform's records (学习强国-style exports
 * a university brings when it moves here), run by the operator, never by a user.
 */
@Facade("what the demo and a migration tell learning: materials and outlines published as of a date, past study history in bulk")
@Service
@Transactional
public class LearningRecords {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LearningRecords.class);

	private static final int CHUNK = 20_000;

	private final MaterialLibrary library;

	private final StudyOutlines outlines;

	private final LearningRules rules;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Courses courses;

	LearningRecords(MaterialLibrary library, StudyOutlines outlines, LearningRules rules, MemberDirectory members,
			OrganizationScope scope, ApplicationEventPublisher events, JdbcTemplate jdbc, Clock clock, Courses courses) {
		this.courses = courses;
		this.library = library;
		this.outlines = outlines;
		this.rules = rules;
		this.members = members;
		this.scope = scope;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Publishes a material by the library's rules (the caller must manage its organisation); returns its id. */
	public long publish(Caller by, MaterialOnFile m) {
		MultipartFile file = m.content() == null ? null : new BytesFile(m.fileName(), m.content());
		long id = library.publish(by, new MaterialLibrary.NewMaterial(m.kind(), m.title(), m.body(), m.url(), m.orgId(),
				m.wholeSchool() ? MaterialLibrary.Audience.SCHOOL : MaterialLibrary.Audience.SUBTREE, m.tags()), file).id();
		if (m.createdAt() != null) {
			jdbc.update("update learning_material set created_at = ? where id = ?", Timestamp.from(m.createdAt()), id);
		}
		return id;
	}

	/**
	 * Publishes an outline by the outlines' rules; one whose due date has passed is published without notifying
	 * anyone (its week is over). Returns its id.
	 */
	public long publish(Caller by, OutlineOnFile o) {
		Instant at = o.publishedAt() == null ? clock.instant() : o.publishedAt();
		boolean over = o.dueOn() != null && o.dueOn().isBefore(LocalDate.now(clock.withZone(PlatformZone.ZONE)));
		return outlines.publish(by, new StudyOutlines.NewOutline(o.orgId(), o.week(), o.title(), o.topic(), o.required(),
				o.optional(), o.dueOn()), at, !over).id();
	}

	/** Publishes a course by the courses' rules; returns its id. */
	public long publish(Caller by, CourseOnFile c) {
		return courses.publish(by, new Courses.NewCourse(c.title(), c.summary(), c.orgId(),
				c.wholeSchool() ? MaterialLibrary.Audience.SCHOOL : MaterialLibrary.Audience.SUBTREE, c.tags(),
				c.chapters().stream().map(h -> new Courses.NewChapter(h.title(), h.materialIds(),
						new Courses.Rule(Courses.RuleKind.valueOf(h.rule()), h.value()))).toList())).id();
	}

	/** The person joins the course; what they studied before counts at once. */
	public void enrol(Caller who, long courseId) {
		courses.enrol(who, courseId);
	}

	/** Assigns the course to an organisation's subtree with a due date; returns how many joined. */
	public int assign(Caller by, long courseId, long orgId, LocalDate dueOn) {
		return courses.assign(by, courseId, orgId, dueOn);
	}

	private record Material(long id, MaterialKind kind, String title, int textLength, Integer duration) {
	}

	/**
	 * Past study history, in bulk: a progress row per line (finished at its instant, or begun), each day's reading
	 * and watching time with the points it earned under the daily caps, the articles and videos finished that day,
	 * and every outline whose required materials the line completes for a member of its audience (on time when by
	 * its due date, with its points). A line for a material the account has progress on already is skipped.
	 * {@code chronicle}: each material finished and outline finished also reaches the member's 纪实 and their
	 * branch's last contact, one event each (meant for a few people; for thousands the 纪实 would be brought by its
	 * own import).
	 */
	public HistoryCounts recordHistory(List<StudyOnFile> lines, boolean chronicle) {
		long begun = System.nanoTime();
		Map<Long, Material> materials = new HashMap<>();
		jdbc.query("""
				select id, kind, title, coalesce(length(body), 0), duration_seconds from learning_material where id = any(?)""",
				rs -> {
					materials.put(rs.getLong(1), new Material(rs.getLong(1), MaterialKind.valueOf(rs.getString(2)),
							rs.getString(3), rs.getInt(4), (Integer) rs.getObject(5)));
				}, (Object) lines.stream().map(StudyOnFile::materialId).distinct().toArray(Long[]::new));
		Set<String> already = new HashSet<>();
		jdbc.query("select account_id, material_id from learning_progress where account_id = any(?)",
				rs -> {
					already.add(rs.getLong(1) + ":" + rs.getLong(2));
				}, (Object) lines.stream().map(StudyOnFile::accountId).distinct().toArray(Long[]::new));

		List<Object[]> progress = new ArrayList<>();
		Map<String, int[]> days = new HashMap<>(); // account:day -> reading, watching, articles, videos
		List<StudyOnFile> finished = new ArrayList<>();
		for (StudyOnFile line : lines) {
			Material m = materials.get(line.materialId());
			if (m == null || m.kind() == MaterialKind.LINK || !already.add(line.accountId() + ":" + line.materialId())) {
				continue;
			}
			int effective;
			int played = 0;
			if (m.kind().isMedia()) {
				int duration = m.duration() == null ? 0 : m.duration();
				played = line.finished() ? duration : duration / 2;
				effective = played;
			}
			else {
				int needed = rules.secondsToFinish(m.kind(), m.textLength());
				// a reader takes a little longer than the least the rule asks
				effective = line.finished() ? needed + (int) ((line.accountId() * 31 + line.materialId() * 17) % 90) : needed / 2;
			}
			Instant started = line.at().minusSeconds(Math.max(effective, 60));
			progress.add(new Object[] { line.accountId(), line.materialId(), effective,
					played > 0 ? "0-" + played : "", played, started.toString(), line.at().toString(),
					line.finished() ? line.at().toString() : null });
			LocalDate day = LocalDate.ofInstant(line.at(), PlatformZone.ZONE);
			int[] d = days.computeIfAbsent(line.accountId() + ":" + day, k -> new int[4]);
			d[m.kind().isMedia() ? 1 : 0] += effective;
			if (line.finished()) {
				d[m.kind().isMedia() ? 3 : 2]++;
				finished.add(line);
			}
		}
		for (int from = 0; from < progress.size(); from += CHUNK) {
			List<Object[]> chunk = progress.subList(from, Math.min(progress.size(), from + CHUNK));
			jdbc.update("""
					insert into learning_progress (account_id, material_id, effective_seconds, played, played_seconds,
					    started_at, updated_at, finished_at)
					select * from unnest(?::bigint[], ?::bigint[], ?::int[], ?::text[], ?::int[], ?::timestamptz[],
					    ?::timestamptz[], ?::timestamptz[])
					on conflict do nothing""", columns(chunk, 8));
		}
		long progressWritten = System.nanoTime();
		writeDays(days);
		long daysWritten = System.nanoTime();

		// outlines the history completes, for the members of their audience
		Map<Long, MemberAccount> byAccount = new HashMap<>();
		Set<Long> accounts = lines.stream().map(StudyOnFile::accountId).collect(Collectors.toSet());
		List<Long> outlineOrgs = jdbc.queryForList("select distinct organization_id from learning_outline where withdrawn_at is null",
				Long.class);
		for (MemberAccount a : outlineOrgs.isEmpty() ? List.<MemberAccount>of() : members.accountsIn(scope.subtrees(outlineOrgs))) {
			if (accounts.contains(a.accountId())) {
				byAccount.putIfAbsent(a.accountId(), a);
			}
		}
		Map<Long, Set<Long>> lineages = new HashMap<>();
		List<Object[]> done = new ArrayList<>();
		Map<String, int[]> onTimeDays = new HashMap<>();
		List<OutlineFinished> finishedOutlines = new ArrayList<>();
		jdbc.query("""
				with required as (select outline_id, count(*) as n from learning_outline_item where required group by outline_id),
				complete as (
				    select i.outline_id, p.account_id, max(p.finished_at) as finished_at
				    from learning_outline_item i
				    join required r on r.outline_id = i.outline_id
				    join learning_progress p on p.material_id = i.material_id and p.finished_at is not null and p.account_id = any(?)
				    where i.required
				    group by i.outline_id, p.account_id, r.n
				    having count(*) = r.n)
				select o.id, o.organization_id, o.week, o.title, o.due_on, c.account_id, c.finished_at
				from complete c join learning_outline o on o.id = c.outline_id and o.withdrawn_at is null
				where not exists (select 1 from learning_outline_done d where d.outline_id = c.outline_id and d.account_id = c.account_id)""",
				rs -> {
					MemberAccount a = byAccount.get(rs.getLong(6));
					if (a == null) {
						return;
					}
					Set<Long> lineage = lineages.computeIfAbsent(a.organizationId(),
							org -> scope.lineage(org).stream().map(OrgRef::id).collect(Collectors.toSet()));
					if (!lineage.contains(rs.getLong(2))) {
						return;
					}
					Instant at = rs.getTimestamp(7).toInstant();
					LocalDate day = LocalDate.ofInstant(at, PlatformZone.ZONE);
					boolean onTime = !day.isAfter(rs.getDate(5).toLocalDate());
					done.add(new Object[] { rs.getLong(1), a.accountId(), a.organizationId(), at.toString(), onTime });
					if (onTime) {
						onTimeDays.computeIfAbsent(a.accountId() + ":" + day, k -> new int[1])[0]++;
					}
					if (chronicle) {
						finishedOutlines.add(new OutlineFinished(a.accountId(), a.memberId(), rs.getLong(1),
								rs.getString(3), rs.getString(4), onTime, at));
					}
				}, (Object) accounts.toArray(Long[]::new));
		for (int from = 0; from < done.size(); from += CHUNK) {
			jdbc.update("""
					insert into learning_outline_done (outline_id, account_id, organization_id, finished_at, on_time)
					select * from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::boolean[])
					on conflict do nothing""", columns(done.subList(from, Math.min(done.size(), from + CHUNK)), 5));
		}
		addCounted(PointRule.OUTLINE_ON_TIME, onTimeDays, 0);
		log.debug("History: {} lines; progress {} ms, days and points {} ms, outlines {} ms", lines.size(),
				(progressWritten - begun) / 1_000_000, (daysWritten - progressWritten) / 1_000_000,
				(System.nanoTime() - daysWritten) / 1_000_000);

		if (chronicle) {
			for (StudyOnFile line : finished) {
				MemberAccount a = byAccount.get(line.accountId());
				Material m = materials.get(line.materialId());
				events.publishEvent(new MaterialStudied(line.accountId(), a == null ? null : a.memberId(), m.id(),
						m.kind(), m.title(), line.at()));
			}
			finishedOutlines.forEach(events::publishEvent);
		}
		return new HistoryCounts(progress.size(), done.size(), days.size());
	}

	/** Each day's time (added to what the day had) and the points it earns, capped like a heartbeat's. */
	private void writeDays(Map<String, int[]> days) {
		List<Object[]> rows = new ArrayList<>();
		days.forEach((key, d) -> {
			int colon = key.indexOf(':');
			rows.add(new Object[] { Long.parseLong(key.substring(0, colon)), key.substring(colon + 1), d[0], d[1] });
		});
		List<Object[]> timePoints = new ArrayList<>();
		LearningRules.Points reading = rules.of(PointRule.READING_TIME);
		LearningRules.Points watching = rules.of(PointRule.WATCHING_TIME);
		for (int from = 0; from < rows.size(); from += CHUNK) {
			jdbc.query("""
					insert into learning_day (account_id, day, reading_seconds, watching_seconds)
					select * from unnest(?::bigint[], ?::date[], ?::int[], ?::int[])
					on conflict (account_id, day) do update set
					    reading_seconds = learning_day.reading_seconds + excluded.reading_seconds,
					    watching_seconds = learning_day.watching_seconds + excluded.watching_seconds
					returning account_id, day::text, reading_seconds, watching_seconds""", rs -> {
				int r = Math.min(reading.cap(), rs.getInt(3) / Math.max(1, reading.perSeconds()) * reading.points());
				int w = Math.min(watching.cap(), rs.getInt(4) / Math.max(1, watching.perSeconds()) * watching.points());
				if (r > 0) {
					timePoints.add(new Object[] { rs.getLong(1), rs.getString(2), PointRule.READING_TIME.name(), r });
				}
				if (w > 0) {
					timePoints.add(new Object[] { rs.getLong(1), rs.getString(2), PointRule.WATCHING_TIME.name(), w });
				}
			}, columns(rows.subList(from, Math.min(rows.size(), from + CHUNK)), 4));
		}
		for (int from = 0; from < timePoints.size(); from += CHUNK) {
			jdbc.update("""
					insert into learning_points (account_id, day, rule, points)
					select * from unnest(?::bigint[], ?::date[], ?::varchar[], ?::int[])
					on conflict (account_id, day, rule) do update set points = greatest(learning_points.points, excluded.points)""",
					columns(timePoints.subList(from, Math.min(timePoints.size(), from + CHUNK)), 4));
		}
		addCounted(PointRule.ARTICLE_READ, days, 2);
		addCounted(PointRule.VIDEO_WATCHED, days, 3);
	}

	/** Awards of a counted rule per day ({@code counts[index]} of them), added to the day's and capped. */
	private void addCounted(PointRule rule, Map<String, int[]> counts, int index) {
		LearningRules.Points p = rules.of(rule);
		List<Object[]> rows = new ArrayList<>();
		counts.forEach((key, c) -> {
			if (c[index] > 0) {
				int colon = key.indexOf(':');
				rows.add(new Object[] { Long.parseLong(key.substring(0, colon)), key.substring(colon + 1), rule.name(),
						Math.min(p.cap(), c[index] * p.points()) });
			}
		});
		for (int from = 0; from < rows.size(); from += CHUNK) {
			jdbc.update("""
					insert into learning_points (account_id, day, rule, points)
					select * from unnest(?::bigint[], ?::date[], ?::varchar[], ?::int[])
					on conflict (account_id, day, rule) do update set points = least(?, learning_points.points + excluded.points)""",
					append(columns(rows.subList(from, Math.min(rows.size(), from + CHUNK)), 4), p.cap()));
		}
	}

	/** Rows turned into one array per column (longs, strings, integers or booleans), for an unnest insert. */
	private static Object[] columns(List<Object[]> rows, int width) {
		Object[] columns = new Object[width];
		for (int c = 0; c < width; c++) {
			Object first = null;
			for (Object[] r : rows) {
				if (r[c] != null) {
					first = r[c];
					break;
				}
			}
			Object[] column = first instanceof Long ? new Long[rows.size()] : first instanceof Integer ? new Integer[rows.size()]
					: first instanceof Boolean ? new Boolean[rows.size()] : new String[rows.size()];
			for (int i = 0; i < rows.size(); i++) {
				column[i] = rows.get(i)[c];
			}
			columns[c] = column;
		}
		return columns;
	}

	private static Object[] append(Object[] args, Object last) {
		Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
		all[args.length] = last;
		return all;
	}

	/** A file held in memory, handed to the library as an upload would be. */
	private record BytesFile(String name, byte[] bytes) implements MultipartFile {

		@Override
		public String getName() {
			return "file";
		}

		@Override
		public String getOriginalFilename() {
			return name;
		}

		@Override
		public String getContentType() {
			return "application/octet-stream";
		}

		@Override
		public boolean isEmpty() {
			return bytes.length == 0;
		}

		@Override
		public long getSize() {
			return bytes.length;
		}

		@Override
		public byte[] getBytes() {
			return bytes;
		}

		@Override
		public InputStream getInputStream() {
			return new ByteArrayInputStream(bytes);
		}

		@Override
		public void transferTo(File dest) {
			throw new UnsupportedOperationException();
		}
	}
}
