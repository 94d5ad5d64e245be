package cn.partybuilding.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;


import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import cn.partybuilding.analytics.Dashboard.Area;
import cn.partybuilding.analytics.Dashboard.Bar;
import cn.partybuilding.analytics.Dashboard.Breakdown;
import cn.partybuilding.analytics.Dashboard.Child;
import cn.partybuilding.analytics.Dashboard.Figure;
import cn.partybuilding.analytics.Dashboard.Funnel;
import cn.partybuilding.analytics.Dashboard.Members;
import cn.partybuilding.development.DevelopmentActivity;
import cn.partybuilding.development.FunnelCounts;
import cn.partybuilding.member.Composition;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.KeptCopy;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Figures.Measured;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes a scope's {@link Dashboard} from the modules' figures, the member database's composition and the
 * development funnel, and keeps it (table analytics_dashboard) so the dashboard, the 大屏, the API and the reports
 * read one value: computing the committee's takes a few seconds at 50 000 members, serving it milliseconds.
 */
@Service
class Dashboards {

	static final Role[] READERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	/** Where a module's figure shows: its area and its name there; a figure not listed goes by its code. */
	private static final Map<String, String[]> PLACES = Map.ofEntries(
			Map.entry("orglife.compliance.ALL", new String[] { "orglife", "rate" }),
			Map.entry("dues.collection", new String[] { "dues", "rate" }),
			Map.entry("dues.arrears", new String[] { "dues", "arrears" }),
			Map.entry("learning.outlines", new String[] { "study", "outlines" }),
			Map.entry("learning.points", new String[] { "study", "points" }),
			Map.entry("exam.participation", new String[] { "exam", "participation" }),
			Map.entry("exam.pass", new String[] { "exam", "pass" }),
			Map.entry("development.overdue", new String[] { "development", "overdue" }),
			Map.entry("transfer.pocket", new String[] { "transfer", "pocket" }),
			Map.entry("transfer.days", new String[] { "transfer", "days" }),
			Map.entry("volunteer.hours", new String[] { "volunteer", "hours" }),
			Map.entry("content.published", new String[] { "content", "published" }),
			Map.entry("interaction.letters", new String[] { "mailbox", "answered" }));

	/** The details of an area: orglife's compliance per kind of meeting. */
	private static final String DETAIL_PREFIX = "orglife.compliance.";

	static final List<String> AREAS = List.of("orglife", "dues", "study", "exam", "development", "transfer", "volunteer",
			"content", "mailbox");

	private static final List<String> STAGES = List.of("application", "activist", "candidate", "admitted", "converted");

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final DevelopmentActivity development;

	private final List<Figures> figures;

	private final MessageSource messages;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final AnalyticsSettings settings;

	/** Recomputes views' stale copies one at a time, each organisation and period once however many look. */
	private final KeptCopy<String> copies = KeptCopy.computedOn("analytics-dashboards");

	Dashboards(OrganizationScope scope, MemberDirectory members, DevelopmentActivity development, List<Figures> figures,
			MessageSource messages, JdbcTemplate jdbc, JsonMapper json, Clock clock, AnalyticsSettings settings) {
		this.scope = scope;
		this.members = members;
		this.development = development;
		this.figures = figures;
		this.messages = messages;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * The dashboard of an organisation the caller reaches (none given: their highest one) for the period, as kept
	 * (computed again behind the reader when older than the setting); {@code fresh} computes it now in any case.
	 */
	Dashboard of(Caller caller, Long orgId, Period period, boolean fresh) {
		return of(caller, READERS, orgId, period, fresh);
	}

	/** As {@link #of(Caller, Long, Period, boolean)}, reaching only through the roles given (the 大屏's). */
	Dashboard of(Caller caller, Role[] through, Long orgId, Period period, boolean fresh) {
		long org = orgId != null ? orgId : home(caller, through);
		scope.requireReach(caller, org, through);
		return fresh ? compute(org, period) : shown(org, period);
	}

	/**
	 * For the views: the kept copy whatever its age (its 数据截至 says when), computed again in the background when
	 * older than the setting, so no reader waits for the seconds a committee's figures take; none kept: computed now.
	 */
	private Dashboard shown(long orgId, Period period) {
		return copies.serve("dashboard of organisation " + orgId + " for " + period.name(), kept(orgId, period),
				d -> !d.asOf().isBefore(freshSince()), () -> compute(orgId, period), () -> compute(orgId, period));
	}

	/** The kept dashboard when younger than the setting, else computed now (no scope check: for the reports). */
	Dashboard current(long orgId, Period period) {
		return kept(orgId, period).filter(d -> d.asOf().isAfter(freshSince())).orElseGet(() -> compute(orgId, period));
	}

	@PreDestroy
	void stop() {
		copies.stop();
	}

	/** The caller's highest organisation among those where they may read dashboards (403 when none). */
	long home(Caller caller) {
		return home(caller, READERS);
	}

	private long home(Caller caller, Role... through) {
		Set<Long> orgs = caller.organizationsWith(through);
		return scope.findAll(orgs).stream().min(Comparator.comparingInt(OrgRef::depth).thenComparingLong(OrgRef::id))
			.map(OrgRef::id)
			.orElseThrow(() -> new NotPermittedException("analytics-dashboard", "*", "read"));
	}

	/** The period asked for (none: the last month that is over); one not begun yet is refused (400 on period). */
	Period period(String text) {
		if (text == null || text.isBlank()) {
			return defaultPeriod();
		}
		Period period = Period.parse(text);
		if (period.from().isAfter(LocalDate.now(clock.withZone(PlatformZone.ZONE)))) {
			throw new FieldProblem("period", "analytics.period.future");
		}
		return period;
	}

	/** The period most dashboards open on: the last month that is over. */
	Period defaultPeriod() {
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		return Period.parse(today.minusMonths(1).toString().substring(0, 7));
	}

	private Instant freshSince() {
		return clock.instant().minus(Duration.ofMinutes(settings.freshMinutes()));
	}

	/** The kept copy of the organisation's dashboard of the period, whatever its age. */
	private Optional<Dashboard> kept(long org, Period period) {
		return jdbc.query("select body from analytics_dashboard where org_id = ? and period = ?",
				(rs, i) -> json.readValue(rs.getString(1), Dashboard.class), org, period.name())
			.stream().findFirst();
	}

	/**
	 * The dashboard computed now (no scope check: for the reports and the schedule), and kept. The period itself is
	 * read live for the organisation and each child; the previous period and last year's only for the organisation,
	 * and from a kept copy computed after that period was over when there is one (its figures were final then).
	 */
	Dashboard compute(long orgId, Period period) {
		OrgRef org = scope.find(orgId).orElseThrow(() -> new OutOfScopeException("organization", orgId));
		Period previous = shift(period, period.months());
		Period lastYear = shift(period, 12);
		List<OrgRef> children = scope.childrenOf(orgId);
		List<Long> orgs = new ArrayList<>();
		orgs.add(orgId);
		children.forEach(c -> orgs.add(c.id()));
		Map<Long, Set<Long>> subtrees = scope.subtreesOf(orgs);
		Set<Long> own = subtrees.getOrDefault(orgId, Set.of(orgId));

		Earlier before = earlier(orgId, own, previous);
		Earlier yearAgo = lastYear.equals(previous) ? before : earlier(orgId, own, lastYear);
		Composition now = members.composition(own, period.until());
		Members people = new Members(now.total(), now.full(), now.probationary(), before.members(), yearAgo.members(),
				breakdowns(now, before.buckets()));
		Funnel funnel = funnel(development.funnel(own, period.from(), period.until()), before.funnel());

		Map<String, Map<Long, Measured>> current = new HashMap<>();
		List<Figures.Kind> kinds = new ArrayList<>();
		for (Figures f : figures) {
			kinds.addAll(f.kinds());
			current.putAll(f.measureAll(f.kinds().stream().map(Figures.Kind::code).toList(), orgs, period));
		}
		Map<String, Area> areas = new LinkedHashMap<>();
		AREAS.forEach(a -> areas.put(a, new Area(a, text("analytics.area." + a), new ArrayList<>(), new ArrayList<>())));
		for (Figures.Kind k : kinds) {
			String[] place = place(k.code());
			Figure figure = new Figure(place[1], k.code(), text(k.nameKey()), k.unit(), k.direction(),
					value(current, k.code(), orgId), before.values().get(k.code()), yearAgo.values().get(k.code()),
					source(current, k.code(), orgId));
			Area area = areas.computeIfAbsent(place[0],
					a -> new Area(a, text("analytics.area." + a), new ArrayList<>(), new ArrayList<>()));
			(place[1].startsWith("kind.") ? area.details() : area.figures()).add(figure);
		}

		List<Child> lines = new ArrayList<>();
		for (OrgRef c : children) {
			Map<String, Double> values = new LinkedHashMap<>();
			kinds.forEach(k -> {
				Double v = value(current, k.code(), c.id());
				if (v != null) {
					values.put(k.code(), v);
				}
			});
			long count = subtrees.getOrDefault(c.id(), Set.of()).stream()
				.mapToLong(o -> now.byOrganization().getOrDefault(o, 0L)).sum();
			lines.add(new Child(c.id(), c.name(), count, values));
		}
		Dashboard dashboard = new Dashboard(orgId, org.name(), period.name(), previous.name(), lastYear.name(),
				clock.instant(), people, funnel, List.copyOf(areas.values()), lines);
		keep(dashboard);
		return dashboard;
	}

	/**
	 * The organisation's own numbers of an earlier period, for the comparisons: members, buckets, funnel, figures
	 * (a standing figure only from a copy kept then: computed now it would tell today's).
	 */
	record Earlier(long members, Map<String, Map<String, Long>> buckets, Map<String, Long> funnel,
			Map<String, Double> values) {

		/** From a kept copy, leaving out the figures given (standing ones that copy computed too late to tell). */
		static Earlier of(Dashboard d, Set<String> leftOut) {
			Map<String, Map<String, Long>> buckets = new HashMap<>();
			d.members().breakdowns().forEach(b -> {
				Map<String, Long> counts = new HashMap<>();
				b.bars().forEach(bar -> counts.put(bar.key(), bar.count()));
				buckets.put(b.dimension(), counts);
			});
			Map<String, Long> funnel = new HashMap<>();
			d.funnel().stages().forEach(stage -> funnel.put(stage.key(), stage.count()));
			Map<String, Double> values = new HashMap<>();
			d.areas().forEach(a -> {
				a.figures().forEach(f -> values.put(f.code(), f.value()));
				a.details().forEach(f -> values.put(f.code(), f.value()));
			});
			values.keySet().removeAll(leftOut);
			return new Earlier(d.members().total(), buckets, funnel, values);
		}
	}

	private Set<String> standing() {
		return figures.stream().flatMap(f -> f.kinds().stream()).filter(Figures.Kind::standing).map(Figures.Kind::code)
			.collect(Collectors.toSet());
	}

	private Earlier earlier(long orgId, Set<Long> subtree, Period period) {
		Timestamp over = Timestamp.from(period.until().atStartOfDay(PlatformZone.ZONE).toInstant());
		Optional<Dashboard> settled = jdbc.query(
				"select body from analytics_dashboard where org_id = ? and period = ? and computed_at >= ?",
				(rs, i) -> json.readValue(rs.getString(1), Dashboard.class), orgId, period.name(), over)
			.stream().findFirst();
		if (settled.isPresent()) {
			// a standing figure kept more than a month after the period tells a later day than the period's
			boolean late = settled.get().asOf().isAfter(period.until().plusMonths(1).atStartOfDay(PlatformZone.ZONE).toInstant());
			return Earlier.of(settled.get(), late ? standing() : Set.of());
		}
		// computed once the period was over by an earlier dashboard (standing figures left out, as below)
		Optional<Earlier> kept = jdbc.query(
				"select body from analytics_dashboard_earlier where org_id = ? and period = ? and computed_at >= ?",
				(rs, i) -> json.readValue(rs.getString(1), Earlier.class), orgId, period.name(), over)
			.stream().findFirst();
		if (kept.isPresent()) {
			return kept.get();
		}
		// an earlier period is over (the period asked for has begun): what it computes now is kept for the next time
		Earlier computed = computeEarlier(orgId, subtree, period);
		jdbc.update("""
				insert into analytics_dashboard_earlier (org_id, period, computed_at, body) values (?, ?, ?, cast(? as jsonb))
				on conflict (org_id, period) do update set computed_at = excluded.computed_at, body = excluded.body""",
				orgId, period.name(), Timestamp.from(clock.instant()), json.writeValueAsString(computed));
		return computed;
	}

	/** The organisation's own numbers of an earlier period computed now, its standing figures left out. */
	private Earlier computeEarlier(long orgId, Set<Long> subtree, Period period) {
		Composition then = members.composition(subtree, period.until());
		Map<String, Double> values = new HashMap<>();
		for (Figures f : figures) {
			f.measureAll(f.kinds().stream().filter(k -> !k.standing()).map(Figures.Kind::code).toList(), List.of(orgId), period)
				.forEach((code, byOrg) -> {
					Measured m = byOrg.get(orgId);
					if (m != null) {
						values.put(code, m.value().doubleValue());
					}
				});
		}
		FunnelCounts f = development.funnel(subtree, period.from(), period.until());
		Map<String, Long> funnel = new HashMap<>();
		long[] counts = { f.applications(), f.activists(), f.candidates(), f.admitted(), f.converted() };
		for (int i = 0; i < STAGES.size(); i++) {
			funnel.put(STAGES.get(i), counts[i]);
		}
		return new Earlier(then.total(), then.byDimension(), funnel, values);
	}

	private void keep(Dashboard d) {
		jdbc.update("""
				insert into analytics_dashboard (org_id, period, computed_at, body) values (?, ?, ?, cast(? as jsonb))
				on conflict (org_id, period) do update set computed_at = excluded.computed_at, body = excluded.body""",
				d.orgId(), d.period(), Timestamp.from(d.asOf()), json.writeValueAsString(d));
	}

	/** The same kind of period {@code months} earlier: the previous month, quarter or year, or a year before. */
	static Period shift(Period period, int months) {
		LocalDate from = period.from().minusMonths(months);
		String name = switch (period.months()) {
			case 1 -> from.toString().substring(0, 7);
			case 3 -> from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1);
			default -> Integer.toString(from.getYear());
		};
		return Period.parse(name);
	}

	private static String[] place(String code) {
		String[] known = PLACES.get(code);
		if (known != null) {
			return known;
		}
		if (code.startsWith(DETAIL_PREFIX)) {
			return new String[] { "orglife", "kind." + code.substring(DETAIL_PREFIX.length()) };
		}
		int dot = code.indexOf('.');
		return dot < 0 ? new String[] { code, code } : new String[] { code.substring(0, dot), code.substring(dot + 1) };
	}

	private static Double value(Map<String, Map<Long, Measured>> measured, String code, long org) {
		Measured m = measured.getOrDefault(code, Map.of()).get(org);
		return m == null ? null : m.value().doubleValue();
	}

	private String source(Map<String, Map<Long, Measured>> measured, String code, long org) {
		Measured m = measured.getOrDefault(code, Map.of()).get(org);
		return m == null ? text("analytics.noData") : text(m.sourceKey(), m.sourceArgs().toArray());
	}

	private List<Breakdown> breakdowns(Composition now, Map<String, Map<String, Long>> before) {
		List<Breakdown> list = new ArrayList<>();
		for (String d : Composition.DIMENSIONS) {
			Map<String, Long> earlier = before.getOrDefault(d, Map.of());
			List<Bar> bars = new ArrayList<>();
			now.byDimension().getOrDefault(d, Map.of()).forEach((key, count) -> bars.add(new Bar(key, bucketLabel(d, key),
					count, earlier.getOrDefault(key, 0L))));
			list.add(new Breakdown(d, text("analytics.dimension." + d), bars));
		}
		return list;
	}

	private String bucketLabel(String dimension, String key) {
		return switch (dimension) {
			case "category", "gender", "education" -> text("member." + dimension + "." + key);
			case "graduation" -> key.equals("unknown") ? text("analytics.graduation.unknown")
					: text("analytics.graduation.year", Integer.parseInt(key));
			default -> text("analytics." + dimension + "." + key);
		};
	}

	private Funnel funnel(FunnelCounts now, Map<String, Long> before) {
		long[] n = { now.applications(), now.activists(), now.candidates(), now.admitted(), now.converted() };
		List<Bar> stages = new ArrayList<>();
		for (int i = 0; i < STAGES.size(); i++) {
			stages.add(new Bar(STAGES.get(i), text("analytics.funnel." + STAGES.get(i)), n[i],
					before.getOrDefault(STAGES.get(i), 0L)));
		}
		return new Funnel(stages);
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, key, Locale.SIMPLIFIED_CHINESE);
	}
}
