package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.assessment.Scoring.IndicatorScore;
import cn.partybuilding.assessment.Scoring.OrgScore;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * The scores as the pages and the API show them, within the caller's reach: live for an organisation not yet
 * approved, the snapshot taken at approval for one that is — with the live total beside it when a later
 * correction changed it, for the committee to accept — ranked best first.
 */
@Component
class Scoreboard {

	static final Role[] READERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	/** Where an organisation's year stands: scored live, reviewed by the general branch, approved by the committee. */
	enum Stage {
		LIVE, REVIEWED, APPROVED
	}

	/**
	 * One organisation's place: its score (the approved snapshot once approved), its rank in this list, its stage,
	 * and the live total when it differs from the approved one.
	 */
	record Standing(int rank, OrgScore score, Stage stage, BigDecimal liveTotal, Integer liveStars, Instant approvedAt) {

		public boolean changedSinceApproval() {
			return liveTotal != null;
		}
	}

	/** One automatic indicator's drill-down, or a manual one's (no lines). */
	record Drill(IndicatorScore indicator, Figures.Unit unit, List<Figures.Behind> behind) {
	}

	private record Result(Instant reviewedAt, Instant approvedAt, String indicators) {
	}

	private final IndicatorSystems systems;

	private final Scoring scoring;

	private final OrganizationScope scope;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final KeptRankings rankings;

	private final RankingSettings rankingSettings;

	private final AssessmentSettings settings;

	Scoreboard(IndicatorSystems systems, Scoring scoring, OrganizationScope scope, JdbcClient jdbc, JsonMapper json,
			KeptRankings rankings, RankingSettings rankingSettings, AssessmentSettings settings) {
		this.systems = systems;
		this.scoring = scoring;
		this.scope = scope;
		this.jdbc = jdbc;
		this.json = json;
		this.rankings = rankings;
		this.rankingSettings = rankingSettings;
		this.settings = settings;
	}

	/** Whether the caller may read scores at all (secretaries their branch, administrators their subtree). */
	static boolean reads(Caller caller) {
		return caller.has(READERS);
	}

	/**
	 * A ranking best first; {@code asOf} when it was read from the kept copy (the time its figures were measured: 数据截至),
	 * null when scored live. A kept ranking's standings carry no indicators until {@link #withIndicators} is asked.
	 */
	record Ranking(List<Standing> standings, Instant asOf) {
	}

	/**
	 * The year's assessed organisations in the caller's reach — below {@code orgId} when given (else the audited
	 * 404), best first. Empty while the year has no published system. Up to {@code party.assessment.ranking.live-up-to}
	 * organisations in scope scored live; above, read from the kept ranking (the same order, ranks and stages).
	 */
	Ranking ranking(Caller caller, int year, Long orgId, Locale locale) {
		IndicatorSystems.checkYear(year);
		boolean whole = scope.coversWholeTree(caller, orgId, READERS);
		Optional<IndicatorSystem> system = systems.published(year);
		// at the only root, a tree already kept larger than the setting is read without loading its 25 000 ids
		if (whole && system.isPresent() && rankings.keptMoreThan(system.get(), rankingSettings.liveUpTo())) {
			return kept(system.get(), null);
		}
		Set<Long> reach = scope.covered(caller, orgId, "assessment", READERS);
		if (system.isEmpty()) {
			return new Ranking(List.of(), null);
		}
		if (reach.size() > rankingSettings.liveUpTo()) {
			return kept(system.get(), whole ? null : reach);
		}
		return new Ranking(live(system.get(), reach, locale), null);
	}

	/** The ranking scored live now, whatever the size of the scope. */
	List<Standing> live(IndicatorSystem system, Set<Long> reach, Locale locale) {
		List<OrgRef> orgs = scope.findAll(reach).stream().filter(o -> system.assesses(o.type()))
			.sorted(Comparator.comparing(OrgRef::id)).toList();
		return rank(standings(system, orgs, locale));
	}

	/**
	 * The ranking read from the kept scores (all of them when {@code reach} is null), each with its review and
	 * approval as they stand now: ordered and ranked as the live ranking is.
	 */
	Ranking kept(IndicatorSystem system, Set<Long> reach) {
		KeptRankings.Kept kept = rankings.current(system);
		List<Standing> standings = new ArrayList<>();
		for (KeptRankings.Row r : rankings.rows(system.year(), system.id(), reach)) {
			OrgScore now = new OrgScore(r.orgId(), r.orgName(), r.orgType(), r.total(), r.stars(), List.of());
			if (r.approvedAt() != null) {
				OrgScore approved = new OrgScore(r.orgId(), r.orgName(), r.orgType(), r.approvedTotal(),
						settings.stars(r.approvedTotal()), List.of());
				boolean changed = r.approvedTotal().compareTo(r.total()) != 0;
				standings.add(new Standing(0, approved, Stage.APPROVED, changed ? r.total() : null, changed ? r.stars() : null,
						r.approvedAt()));
			}
			else {
				standings.add(new Standing(0, now, r.reviewedAt() != null ? Stage.REVIEWED : Stage.LIVE, null, null, null));
			}
		}
		// ties keep the live ranking's order: organisations are ranked from id order
		standings.sort(Comparator.comparingLong(s -> s.score().orgId()));
		return new Ranking(rank(standings), kept.computedAt());
	}

	/**
	 * These standings of the ranking with their indicators: a kept ranking reads them for these rows only (a page's,
	 * not a province's 20 000) — the approved snapshot for an approved one, the kept live score for the others.
	 */
	List<Standing> withIndicators(Ranking ranking, List<Standing> some, int year) {
		if (ranking.asOf() == null || some.isEmpty()) {
			return some;
		}
		List<Long> ids = some.stream().map(s -> s.score().orgId()).toList();
		Map<Long, List<IndicatorScore>> kept = rankings.indicators(year, ids);
		Map<Long, Result> results = results(year, ids);
		return some.stream().map(s -> {
			Result r = results.get(s.score().orgId());
			List<IndicatorScore> lines = s.stage() == Stage.APPROVED && r != null && r.indicators() != null
					? rankings.parse(r.indicators()) : kept.getOrDefault(s.score().orgId(), List.of());
			OrgScore o = s.score();
			return new Standing(s.rank(), new OrgScore(o.orgId(), o.orgName(), o.orgType(), o.total(), o.stars(), lines),
					s.stage(), s.liveTotal(), s.liveStars(), s.approvedAt());
		}).toList();
	}

	Optional<IndicatorSystem> system(int year) {
		return systems.published(year);
	}

	/** One organisation's standing; out of reach, not assessed or no system that year → the audited 404. */
	Standing standing(Caller caller, int year, long orgId, Locale locale) {
		IndicatorSystems.checkYear(year);
		scope.requireReach(caller, orgId, READERS);
		IndicatorSystem system = systems.published(year).orElseThrow(() -> new OutOfScopeException("assessment", year));
		OrgRef org = scope.find(orgId).filter(o -> system.assesses(o.type()))
			.orElseThrow(() -> new OutOfScopeException("organization", orgId));
		return standings(system, List.of(org), locale).get(0);
	}

	List<Drill> drill(Standing standing, int year) {
		Map<String, List<Figures.Behind>> behind = scoring.behind(standing.score().indicators().stream()
			.filter(IndicatorScore::automatic).map(IndicatorScore::code).toList(), standing.score().orgId(), year);
		List<Drill> drills = new ArrayList<>();
		for (IndicatorScore i : standing.score().indicators()) {
			Optional<Figures.Kind> kind = i.automatic() ? scoring.kind(i.code()) : Optional.empty();
			drills.add(new Drill(i, kind.map(Figures.Kind::unit).orElse(null), behind.getOrDefault(i.code(), List.of())));
		}
		return drills;
	}

	/** Live scores for organisations, without scope (the approval snapshots them; the caller checked the reach). */
	List<OrgScore> live(int year, List<OrgRef> orgs, Locale locale) {
		return systems.published(year).map(s -> scoring.score(s, orgs, locale)).orElse(List.of());
	}

	String snapshot(OrgScore score) {
		return json.writeValueAsString(score.indicators());
	}

	private List<Standing> standings(IndicatorSystem system, List<OrgRef> orgs, Locale locale) {
		List<OrgScore> live = scoring.score(system, orgs, locale);
		Map<Long, Result> results = results(system.year(), orgs.stream().map(OrgRef::id).toList());
		List<Standing> standings = new ArrayList<>();
		for (int i = 0; i < orgs.size(); i++) {
			OrgRef org = orgs.get(i);
			OrgScore now = live.get(i);
			Result r = results.get(org.id());
			if (r != null && r.approvedAt() != null) {
				OrgScore approved = scoring.total(org, json.readValue(r.indicators(), new TypeReference<List<IndicatorScore>>() {
				}));
				boolean changed = approved.total().compareTo(now.total()) != 0;
				standings.add(new Standing(0, approved, Stage.APPROVED, changed ? now.total() : null,
						changed ? now.stars() : null, r.approvedAt()));
			}
			else {
				standings.add(new Standing(0, now, r != null && r.reviewedAt() != null ? Stage.REVIEWED : Stage.LIVE, null, null,
						null));
			}
		}
		return standings;
	}

	private static List<Standing> rank(List<Standing> standings) {
		List<Standing> sorted = new ArrayList<>(standings);
		sorted.sort(Comparator.comparing((Standing s) -> s.score().total()).reversed()
			.thenComparing(s -> s.score().orgName()));
		List<Standing> ranked = new ArrayList<>();
		for (int i = 0; i < sorted.size(); i++) {
			Standing s = sorted.get(i);
			// equal totals share a rank
			int rank = i > 0 && sorted.get(i - 1).score().total().compareTo(s.score().total()) == 0 ? ranked.get(i - 1).rank()
					: i + 1;
			ranked.add(new Standing(rank, s.score(), s.stage(), s.liveTotal(), s.liveStars(), s.approvedAt()));
		}
		return ranked;
	}

	private Map<Long, Result> results(int year, List<Long> orgIds) {
		Map<Long, Result> results = new HashMap<>();
		if (orgIds.isEmpty()) {
			return results;
		}
		jdbc.sql("""
				select organization_id, reviewed_at, approved_at, indicators from assessment_result
				where year = ? and organization_id = any(?)""").params(year, orgIds.toArray(Long[]::new))
			.query(rs -> {
				results.put(rs.getLong(1), new Result(instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getString(4)));
			});
		return results;
	}

	private static Instant instant(java.sql.Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
