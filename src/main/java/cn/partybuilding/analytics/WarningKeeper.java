package cn.partybuilding.analytics;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.SecretarySeat;
import cn.partybuilding.shared.KeptCopy;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Warnings;

/**
 * The warnings every module raised, kept (table analytics_warning) for the scopes too large to raise them on each
 * request (a province: some 70 000 warnings, 15 s to raise and order). A refresh raises them a subtree at a time (a
 * subtree of more than {@link #PART} organisations: its root alone, then each subtree right below it the same way),
 * so the heap holds about one school's warnings at once, writes them as the next generation, then shows that one.
 * Refreshed by a schedule (once whatever the number of nodes) and behind a reader when the copy shown is older than
 * {@code party.analytics.warnings.fresh-minutes}.
 */
@Component
class WarningKeeper {

	/** The generation shown, when it was computed and for which day. */
	record Kept(long generation, Instant computedAt, LocalDate shownOn) {
	}

	/** A kept warning: the module's, with its organisation's name, its college and the person responsible then. */
	record Row(Warnings.Raised raised, String orgName, String college, String responsible, String sortText) {
	}

	/** What a kept page answers: its rows after the cursor, how many the filter finds, their counts per college. */
	record Found(List<Row> rows, boolean more, int total, Map<String, Long> counts) {
	}

	/** The most organisations a refresh raises the warnings of at once (a school of a province: some 250). */
	static final int PART = 500;

	private static final String ORDER = "due_key, since_key, org_name, kind, link, sort_text, org_id";

	private final List<Warnings> sources;

	private final OrganizationScope scope;

	private final OrganizationTree tree;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Duration freshFor;

	private final ReentrantLock running = new ReentrantLock();

	/** Computes the copy again behind its readers (and the first one, out of the reader's read-only transaction). */
	private final KeptCopy<String> copies = KeptCopy.computedOn("analytics-warnings");

	WarningKeeper(List<Warnings> sources, OrganizationScope scope, OrganizationTree tree, JdbcTemplate jdbc,
			TransactionTemplate tx, Clock clock, @Value("${party.analytics.warnings.fresh-minutes:15}") int freshMinutes) {
		this.sources = sources;
		this.scope = scope;
		this.tree = tree;
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.freshFor = Duration.ofMinutes(Math.max(1, freshMinutes));
	}

	@PreDestroy
	void stop() {
		copies.stop();
	}

	/** The copy shown, whatever its age. */
	Optional<Kept> kept() {
		return jdbc.query("select generation, computed_at, shown_on from analytics_warning_kept where id = 1",
				rs -> rs.next() ? Optional.of(new Kept(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getDate(3).toLocalDate()))
						: Optional.<Kept>empty());
	}

	/**
	 * The copy to read: the one shown, computed again in the background when older than the setting or of another
	 * day; none yet: computed now (the reader waits once).
	 */
	Kept current() {
		// a copy being computed on this node counts as fresh: it is not asked for twice
		return copies.serve("warnings", kept(),
				k -> running.isLocked() || !k.computedAt().plus(freshFor).isBefore(clock.instant()) && k.shownOn().equals(today()),
				() -> {
					// on the copy's thread: the reader's transaction is read-only
					copies.waitFor(() -> {
						if (kept().isEmpty()) {
							refresh();
						}
						return null;
					});
					return kept().orElseThrow();
				}, this::refresh);
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(PlatformZone.ZONE));
	}

	@Scheduled(cron = "${party.analytics.warnings.refresh-cron:0 */15 * * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "analytics-warnings-refresh", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void scheduled() {
		refresh();
	}

	/**
	 * Raises every module's warnings a subtree at a time and shows them as the next generation; one refresh at a time
	 * on a node (a second waits for the first). A refresh that another node's later one overtook drops its own rows.
	 */
	void refresh() {
		running.lock();
		try {
			LocalDate today = today();
			Instant started = clock.instant();
			long generation = jdbc.queryForObject("select nextval('analytics_warning_generation_seq')", Long.class);
			for (OrgRef root : scope.activeOfTypes(OrgType.values()).stream().filter(o -> o.parentId() == null).toList()) {
				writeBelow(generation, root.id(), today);
			}
			tx.executeWithoutResult(s -> {
				int shown = jdbc.update("""
						insert into analytics_warning_kept (id, generation, computed_at, shown_on) values (1, ?, ?, ?)
						on conflict (id) do update set generation = excluded.generation, computed_at = excluded.computed_at,
						  shown_on = excluded.shown_on where analytics_warning_kept.generation < excluded.generation""",
						generation, Timestamp.from(started), Date.valueOf(today));
				if (shown > 0) {
					jdbc.update("delete from analytics_warning where generation < ?", generation);
				}
				else {
					jdbc.update("delete from analytics_warning where generation = ?", generation);
				}
			});
		}
		finally {
			running.unlock();
		}
	}

	/**
	 * The warnings of an organisation's subtree: at once when it holds at most {@link #PART} organisations, else the
	 * organisation alone and each subtree right below it the same way (a province: its schools one by one).
	 */
	private void writeBelow(long generation, long orgId, LocalDate today) {
		Set<Long> subtree = scope.subtree(orgId);
		if (subtree.size() <= PART) {
			write(generation, subtree, today);
			return;
		}
		write(generation, Set.of(orgId), today);
		for (OrgRef child : scope.childrenOf(orgId)) {
			writeBelow(generation, child.id(), today);
		}
	}

	/** One subtree's warnings written as rows of the generation. */
	private void write(long generation, Set<Long> orgs, LocalDate today) {
		List<Warnings.Raised> raised = new ArrayList<>();
		for (Warnings source : sources) {
			raised.addAll(source.raisedIn(orgs, today));
		}
		if (raised.isEmpty()) {
			return;
		}
		Set<Long> ids = new HashSet<>();
		raised.forEach(r -> ids.add(r.orgId()));
		Map<Long, OrgRef> refs = WarningCentre.withAncestors(scope, ids);
		Map<Long, String> secretaries = new HashMap<>();
		for (SecretarySeat s : tree.sittingSecretaries(ids)) {
			secretaries.merge(s.organizationId(), s.holderName(), (a, b) -> a + "、" + b);
		}
		Map<Long, String> colleges = new HashMap<>();
		jdbc.batchUpdate("""
				insert into analytics_warning (generation, kind, org_id, org_name, college, responsible, since_key, due_key,
				  link, sort_text, message_key, args) values (?, ?, ?, ?, ?, ?, cast(? as date), cast(? as date), ?, ?, ?, ?)""",
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						Warnings.Raised r = raised.get(i);
						OrgRef org = refs.get(r.orgId());
						WarningCentre.Cursor key = WarningCentre.Cursor.of(r, org == null ? "" : org.name());
						ps.setLong(1, generation);
						ps.setString(2, r.kind());
						ps.setLong(3, r.orgId());
						ps.setString(4, key.orgName());
						ps.setString(5, colleges.computeIfAbsent(r.orgId(), id -> WarningCentre.college(org, refs)));
						ps.setString(6, r.responsible() != null ? r.responsible() : secretaries.getOrDefault(r.orgId(), ""));
						ps.setString(7, r.since() == null ? "infinity" : r.since().toString());
						ps.setString(8, r.due() == null ? "infinity" : r.due().toString());
						ps.setString(9, key.link());
						ps.setString(10, key.text());
						ps.setString(11, r.messageKey());
						Array args = ps.getConnection().createArrayOf("text", encode(r.args()));
						ps.setArray(12, args);
					}

					@Override
					public int getBatchSize() {
						return raised.size();
					}
				});
	}

	/** The arguments as text: a number marked {@code #} (read back as a number, for the message's format), else {@code '}. */
	static String[] encode(List<Object> args) {
		return args.stream().map(a -> a instanceof Number n ? "#" + n : a == null ? "-" : "'" + a).toArray(String[]::new);
	}

	static List<Object> decode(String[] args) {
		List<Object> values = new ArrayList<>(args.length);
		for (String a : args) {
			if (a.startsWith("#")) {
				String n = a.substring(1);
				values.add(n.contains(".") || n.contains("E") ? new BigDecimal(n) : Long.valueOf(n));
			}
			else {
				values.add(a.startsWith("'") ? a.substring(1) : null);
			}
		}
		return values;
	}

	/**
	 * A page of the kept copy in the centre's order: in these organisations (null: everywhere, no filter), of a kind
	 * (null: all), due by a day (null: any), after a cursor (null: from the first); {@code size} rows at most.
	 */
	Found page(Kept kept, Collection<Long> orgs, String kind, LocalDate dueBy, WarningCentre.Cursor after, int size) {
		return page(kept, orgs, kind, dueBy, after, size, true);
	}

	/**
	 * As {@link #page(Kept, Collection, String, LocalDate, WarningCentre.Cursor, int)}; {@code counted} false leaves the
	 * total and the counts per college out (0 and none): an export reading page after page needs them on none.
	 */
	Found page(Kept kept, Collection<Long> orgs, String kind, LocalDate dueBy, WarningCentre.Cursor after, int size,
			boolean counted) {
		StringBuilder where = new StringBuilder(" where generation = ?");
		List<Object> args = new ArrayList<>();
		args.add(kept.generation());
		if (orgs != null) {
			where.append(" and org_id = any(?)");
			args.add(orgs.toArray(Long[]::new));
		}
		if (kind != null) {
			where.append(" and kind = ?");
			args.add(kind);
		}
		if (dueBy != null) {
			where.append(" and due_key <= ?");
			args.add(Date.valueOf(dueBy));
		}
		Map<String, Long> counts = new TreeMap<>();
		int[] total = { 0 };
		if (counted) {
			jdbc.query("select college, count(*) from analytics_warning" + where + " group by college", rs -> {
				counts.put(rs.getString(1), rs.getLong(2));
				total[0] += rs.getInt(2);
			}, args.toArray());
		}
		if (after != null) {
			where.append(" and (" + ORDER + ") > (cast(? as date), cast(? as date), ?, ?, ?, ?, ?)");
			args.add(after.due() == null ? "infinity" : after.due().toString());
			args.add(after.since() == null ? "infinity" : after.since().toString());
			args.add(after.orgName());
			args.add(after.kind());
			args.add(after.link());
			args.add(after.text());
			args.add(after.orgId());
		}
		args.add(size == Integer.MAX_VALUE ? Integer.MAX_VALUE : size + 1);
		List<Row> rows = jdbc.query("""
				select kind, org_id, org_name, college, responsible, nullif(since_key, 'infinity'), nullif(due_key, 'infinity'),
				  link, sort_text, message_key, args from analytics_warning""" + where + " order by " + ORDER + " limit ?",
				(rs, i) -> {
					String link = rs.getString(8);
					// read as LocalDate: java.sql.Date's toLocalDate goes through a Calendar per value (~5 % of a long export)
					Warnings.Raised r = new Warnings.Raised(rs.getString(1), rs.getLong(2), null,
							rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), link.isEmpty() ? null : link,
							rs.getString(10), decode((String[]) rs.getArray(11).getArray()));
					return new Row(r, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(9));
				}, args.toArray());
		boolean more = rows.size() > size;
		return new Found(more ? rows.subList(0, size) : rows, more, total[0], counts);
	}

	/** How many warnings the kept copy holds in these organisations (null: everywhere). */
	int count(Kept kept, Collection<Long> orgs) {
		return orgs == null
				? jdbc.queryForObject("select count(*) from analytics_warning where generation = ?", Integer.class,
						kept.generation())
				: jdbc.queryForObject("select count(*) from analytics_warning where generation = ? and org_id = any(?)",
						Integer.class, kept.generation(), orgs.toArray(Long[]::new));
	}

	/** How many of the kept copy's warnings in these organisations each kind holds. */
	Map<String, Long> countsByKind(Kept kept, Collection<Long> orgs) {
		Map<String, Long> counts = new TreeMap<>();
		jdbc.query("select kind, count(*) from analytics_warning where generation = ? and org_id = any(?) group by kind",
				rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				}, kept.generation(), orgs.toArray(Long[]::new));
		return counts;
	}
}
