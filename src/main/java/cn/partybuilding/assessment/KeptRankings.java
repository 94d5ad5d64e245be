package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.assessment.Scoring.IndicatorScore;
import cn.partybuilding.assessment.Scoring.OrgScore;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationChanged;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.KeptCopy;
import cn.partybuilding.shared.PlatformZone;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The ranking kept per year and organisation (tables assessment_standing, assessment_ranking): every assessed
 * organisation's live score as last computed under the year's published system, so that a province's ranking —
 * 20 000 branches scored through every module's figures — is read, not computed, on each look. Computed whole a
 * chunk of organisations at a time (the heap stays small) when first asked for, in the background when older than
 * {@code party.assessment.ranking.max-age} or after a change to the tree, and by the hourly job; one organisation's
 * row again right after a write of the assessment that changes its score (a claim, a score given, an adjustment, an
 * approval). Approvals and reviews are never kept here: they are read from assessment_result on every look, so a
 * recomputation overwrites nothing a reviewer decided.
 */
@Component
class KeptRankings {

	private static final Logger log = LoggerFactory.getLogger(KeptRankings.class);

	/** Kept texts are in Chinese, as the approval snapshots keep them. */
	static final Locale KEPT = Locale.SIMPLIFIED_CHINESE;

	/** A year's kept ranking: under which system, when its figures were measured, whether the tree changed since. */
	record Kept(long systemId, Instant computedAt, boolean stale) {
	}

	/** One organisation's kept live score with its review and approval as they stand now. */
	record Row(long orgId, String orgName, String orgType, BigDecimal total, int stars, Instant reviewedAt,
			Instant approvedAt, BigDecimal approvedTotal) {
	}

	private final IndicatorSystems systems;

	private final Scoring scoring;

	private final OrganizationScope scope;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final RankingSettings settings;

	private final TransactionTemplate own;

	/** Computes a year's ranking again behind its readers, once at a time per year however many ask. */
	private final KeptCopy<Integer> copies = KeptCopy.computedOn("assessment-rankings");

	KeptRankings(IndicatorSystems systems, Scoring scoring, OrganizationScope scope, JdbcClient jdbc, JsonMapper json,
			Clock clock, RankingSettings settings, PlatformTransactionManager transactions) {
		this.systems = systems;
		this.scoring = scoring;
		this.scope = scope;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.settings = settings;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@PreDestroy
	void stop() {
		copies.stop();
	}

	Optional<Kept> kept(int year) {
		return jdbc.sql("""
				select system_id, computed_at, changed_at is not null and changed_at > computed_at
				from assessment_ranking where year = ?""").param(year)
			.query((rs, n) -> new Kept(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3))).optional();
	}

	/**
	 * The year's kept ranking under the system as it stands for reading: none kept, or kept under another system →
	 * computed now (the first reader waits); older than the setting or the tree changed → served, and computed again
	 * in the background.
	 */
	Kept current(IndicatorSystem system) {
		int year = system.year();
		return copies.serve(year, kept(year).filter(k -> k.systemId() == system.id()),
				k -> !k.stale() && !k.computedAt().isBefore(clock.instant().minus(settings.maxAge())), () -> {
					refresh(year);
					return kept(year).orElseThrow();
				}, () -> refresh(year));
	}

	/** Whether the year is kept under the system with more than {@code rows} organisations. */
	boolean keptMoreThan(IndicatorSystem system, int rows) {
		return kept(system.year()).filter(k -> k.systemId() == system.id()).isPresent() && jdbc.sql("""
				select count(*) from (select 1 from assessment_standing where year = ? and system_id = ? limit ?) k""")
			.params(system.year(), system.id(), rows + 1).query(Long.class).single() > rows;
	}

	/** The kept rows of the year under the system, within the organisations given (null: all of them). */
	List<Row> rows(int year, long systemId, Collection<Long> orgIds) {
		String sql = """
				select s.organization_id, s.org_name, s.org_type, s.total, s.stars, r.reviewed_at, r.approved_at, r.total
				from assessment_standing s
				left join assessment_result r on r.year = s.year and r.organization_id = s.organization_id
				where s.year = ? and s.system_id = ?""";
		var spec = orgIds == null ? jdbc.sql(sql).params(year, systemId)
				: jdbc.sql(sql + " and s.organization_id = any(?)").params(year, systemId, orgIds.toArray(Long[]::new));
		return spec.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getInt(5),
				instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getBigDecimal(8))).list();
	}

	/** The kept live indicators of these organisations (texts in Chinese), by organisation. */
	Map<Long, List<IndicatorScore>> indicators(int year, Collection<Long> orgIds) {
		Map<Long, List<IndicatorScore>> lines = new HashMap<>();
		if (!orgIds.isEmpty()) {
			jdbc.sql("select organization_id, indicators from assessment_standing where year = ? and organization_id = any(?)")
				.params(year, orgIds.toArray(Long[]::new))
				.query(rs -> {
					lines.put(rs.getLong(1), parse(rs.getString(2)));
				});
		}
		return lines;
	}

	List<IndicatorScore> parse(String indicators) {
		return json.readValue(indicators, new TypeReference<List<IndicatorScore>>() {
		});
	}

	/**
	 * Computes the year's whole ranking under its published system, {@code chunk} organisations at a time, each
	 * chunk written in its own transaction; then drops the rows of organisations no longer assessed and notes when
	 * the figures were measured. Without a published system the year's kept ranking is dropped.
	 */
	void refresh(int year) {
		Optional<IndicatorSystem> published = systems.published(year);
		if (published.isEmpty()) {
			own.executeWithoutResult(s -> {
				jdbc.sql("delete from assessment_standing where year = ?").param(year).update();
				jdbc.sql("delete from assessment_ranking where year = ?").param(year).update();
			});
			return;
		}
		IndicatorSystem system = published.get();
		Instant start = clock.instant();
		List<OrgRef> orgs = scope.activeOfTypes(OrgType.BRANCH, OrgType.GENERAL_BRANCH).stream()
			.filter(o -> system.assesses(o.type())).sorted(Comparator.comparingLong(OrgRef::id)).toList();
		for (int from = 0; from < orgs.size(); from += settings.chunk()) {
			List<OrgScore> scores = scoring.score(system, orgs.subList(from, Math.min(orgs.size(), from + settings.chunk())), KEPT);
			own.executeWithoutResult(s -> store(year, system.id(), scores, start));
		}
		own.executeWithoutResult(s -> {
			jdbc.sql("delete from assessment_standing where year = ? and (computed_at < ? or system_id <> ?)")
				.params(year, Timestamp.from(start), system.id()).update();
			jdbc.sql("""
					insert into assessment_ranking (year, system_id, computed_at) values (?, ?, ?)
					on conflict (year) do update set system_id = excluded.system_id, computed_at = excluded.computed_at""")
				.params(year, system.id(), Timestamp.from(start)).update();
		});
		log.info("Assessment ranking of {} kept: {} organisations in {} ms", year, orgs.size(),
				java.time.Duration.between(start, clock.instant()).toMillis());
	}

	/**
	 * Once the caller's transaction has committed, the organisation's kept row computed again (a claim, a score, an
	 * adjustment or an approval changed its score), in a transaction of its own before the request answers; when
	 * that fails the year's ranking is marked for the background.
	 */
	void rescoreAfterCommit(int year, long orgId) {
		Runnable rescore = () -> {
			try {
				own.executeWithoutResult(s -> rescore(year, orgId));
			}
			catch (RuntimeException e) {
				log.warn("Kept assessment score of organisation {} in {} not computed again: {}", orgId, year, e.toString());
				own.executeWithoutResult(s -> markChanged(year));
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					rescore.run();
				}
			});
		}
		else {
			rescore.run();
		}
	}

	/** An organisation's score just computed live (an approval's) written over its kept row, when the year is kept. */
	void keep(int year, OrgScore score) {
		systems.published(year).filter(s -> kept(year).filter(k -> k.systemId() == s.id()).isPresent())
			.ifPresent(s -> store(year, s.id(), List.of(score), clock.instant()));
	}

	private void rescore(int year, long orgId) {
		Optional<IndicatorSystem> system = systems.published(year);
		Optional<OrgRef> org = scope.find(orgId);
		if (system.isEmpty() || org.isEmpty() || !system.get().assesses(org.get().type())
				|| kept(year).filter(k -> k.systemId() == system.get().id()).isEmpty()) {
			return;
		}
		store(year, system.get().id(), scoring.score(system.get(), List.of(org.get()), KEPT), clock.instant());
	}

	/** A change to the tree (an organisation created, moved, renamed or dissolved): every kept ranking computed again. */
	@ApplicationModuleListener
	void on(OrganizationChanged changed) {
		markChanged(null);
	}

	private void markChanged(Integer year) {
		Timestamp now = Timestamp.from(clock.instant());
		if (year == null) {
			jdbc.sql("update assessment_ranking set changed_at = ?").param(now).update();
		}
		else {
			jdbc.sql("update assessment_ranking set changed_at = ? where year = ?").params(now, year).update();
		}
	}

	/** The hourly job: every kept ranking older than the setting, or whose tree changed, computed again. */
	@Scheduled(cron = "${party.assessment.ranking.refresh-cron:0 40 * * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "assessment-ranking-refresh", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void refreshOld() {
		List<Integer> years = jdbc.sql("""
				select year from assessment_ranking where computed_at < ? or changed_at > computed_at order by year""")
			.param(Timestamp.from(clock.instant().minus(settings.maxAge()))).query(Integer.class).list();
		for (int year : years) {
			try {
				refresh(year);
			}
			catch (RuntimeException e) {
				log.warn("Assessment ranking of {} not computed again: {}", year, e.toString());
			}
		}
	}

	private void store(int year, long systemId, List<OrgScore> scores, Instant at) {
		if (scores.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into assessment_standing (year, organization_id, system_id, org_name, org_type, total, stars, indicators,
				                                 computed_at)
				select ?, u.id, ?, u.name, u.type, u.total, u.stars, u.indicators, ?
				from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(cast(? as text[]) as numeric[]),
				            cast(? as int[]), cast(? as text[])) as u(id, name, type, total, stars, indicators)
				on conflict (year, organization_id) do update set system_id = excluded.system_id, org_name = excluded.org_name,
				    org_type = excluded.org_type, total = excluded.total, stars = excluded.stars, indicators = excluded.indicators,
				    computed_at = excluded.computed_at""")
			.params(year, systemId, Timestamp.from(at), scores.stream().map(OrgScore::orgId).toArray(Long[]::new),
					scores.stream().map(OrgScore::orgName).toArray(String[]::new),
					scores.stream().map(OrgScore::orgType).toArray(String[]::new),
					scores.stream().map(s -> s.total().toPlainString()).toArray(String[]::new),
					scores.stream().map(OrgScore::stars).toArray(Integer[]::new),
					scores.stream().map(s -> json.writeValueAsString(s.indicators())).toArray(String[]::new))
			.update();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
