package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.assessment.Scoring.OrgScore;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Role;

/**
 * The levels of a year's assessment: the general branch adjusts a manual score with a reason and reviews each of
 * its branches (not while a claim of the branch waits); the committee approves the reviewed ones — one by one or
 * all at once — which takes the snapshot the ranking then shows; when the live total later differs, the committee
 * accepts the recomputation. The snapshot is the only score copied into the assessment's tables.
 */
@Component
@Transactional
class Reviews {

	/** Snapshot texts are kept in Chinese, as the approved ranking shows them. */
	private static final Locale SNAPSHOT = KeptRankings.KEPT;

	/** What an approval or an accepted recomputation wrote. */
	record Approved(long orgId, BigDecimal total, int stars, BigDecimal previousTotal) {
	}

	private final JdbcClient jdbc;

	private final WorkflowLevels levels;

	private final Scoreboard scoreboard;

	private final Claims claims;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final KeptRankings rankings;

	Reviews(JdbcClient jdbc, WorkflowLevels levels, Scoreboard scoreboard, Claims claims, OrganizationScope scope,
			ApplicationEventPublisher events, Clock clock, KeptRankings rankings) {
		this.rankings = rankings;
		this.jdbc = jdbc;
		this.levels = levels;
		this.scoreboard = scoreboard;
		this.claims = claims;
		this.scope = scope;
		this.events = events;
		this.clock = clock;
	}

	/** The level above replaces a manual indicator's score with a reason (an automatic one only through an appeal). */
	long adjust(Caller caller, int year, long orgId, String code, BigDecimal score, String reason) {
		WorkflowLevels.Target target = levels.target(caller, year, orgId);
		levels.requireAbove(caller, target.org(), "assessment-adjustment");
		Indicator indicator = Claims.manual(target, code);
		WorkflowLevels.checkScore("score", score, indicator);
		String why = WorkflowLevels.text("reason", reason, 500);
		return insertAdjustment(caller, year, target.org(), code, score, why, "assessment.adjustment.create");
	}

	long insertAdjustment(Caller caller, int year, OrgRef org, String code, BigDecimal score, String reason, String action) {
		long id = jdbc.sql("""
				insert into assessment_adjustment (year, code, organization_id, score, reason, adjusted_by, adjusted_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(year, code, org.id(), score, reason, caller.username(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
		events.publishEvent(new AssessmentChanged(action, "assessment-adjustment", id,
				year + " " + org.name() + " " + code + " " + Scoring.plain(score) + ": " + reason));
		rankings.rescoreAfterCommit(year, org.id());
		return id;
	}

	/** The level above reviews the organisation's year: refused while a claim waits, or once approved (409). */
	void review(Caller caller, int year, long orgId) {
		WorkflowLevels.Target target = levels.target(caller, year, orgId);
		levels.requireAbove(caller, target.org(), "assessment-result");
		lock(year, orgId);
		if (claims.waiting(year, orgId) > 0) {
			throw new ConflictProblem("orgId", "assessment.review.claims-waiting", claims.waiting(year, orgId));
		}
		if (approved(year, orgId)) {
			throw new ConflictProblem("orgId", "assessment.result.already-approved");
		}
		jdbc.sql("update assessment_result set reviewed_by = ?, reviewed_at = ? where year = ? and organization_id = ?")
			.params(caller.username(), Timestamp.from(clock.instant()), year, orgId).update();
		events.publishEvent(new AssessmentChanged("assessment.result.review", "assessment-result", year + "/" + orgId,
				year + " " + target.org().name()));
	}

	/** The committee approves one reviewed organisation: the live score becomes its snapshot. */
	Approved approve(Caller caller, int year, long orgId) {
		WorkflowLevels.Target target = levels.target(caller, year, orgId);
		levels.requireApproves(caller, target.org());
		return approveChecked(caller, year, target.org());
	}

	/**
	 * The committee approves several at once: those named (each reviewed, else nothing is approved), or with none
	 * named every reviewed, unapproved organisation in its reach.
	 */
	List<Approved> approveAll(Caller caller, int year, List<Long> orgIds) {
		IndicatorSystems.checkYear(year);
		if (!caller.has(Role.COMMITTEE_ADMIN)) {
			throw new NotPermittedException("assessment-result", "*", "approve");
		}
		Set<Long> ids = new LinkedHashSet<>(orgIds == null || orgIds.isEmpty() ? reviewedNotApproved(caller, year) : orgIds);
		if (ids.size() > 1000) {
			throw new FieldProblem("orgIds", "assessment.result.too-many");
		}
		List<Approved> approved = new ArrayList<>();
		for (long orgId : ids) {
			WorkflowLevels.Target target = levels.target(caller, year, orgId);
			levels.requireApproves(caller, target.org());
			approved.add(approveChecked(caller, year, target.org()));
		}
		return approved;
	}

	/** Reviewed, not yet approved organisations of the year in the committee admin's reach. */
	@Transactional(readOnly = true)
	List<Long> reviewedNotApproved(Caller caller, int year) {
		Set<Long> reach = scope.visibleTo(caller, Role.COMMITTEE_ADMIN);
		if (reach.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select organization_id from assessment_result where year = ? and reviewed_at is not null and approved_at is null
				and organization_id = any(?) order by organization_id""").params(year, reach.toArray(Long[]::new))
			.query(Long.class).list();
	}

	/** The committee accepts the live score of an approved organisation as its new snapshot (audited from → to). */
	Approved accept(Caller caller, int year, long orgId) {
		WorkflowLevels.Target target = levels.target(caller, year, orgId);
		levels.requireApproves(caller, target.org());
		lock(year, orgId);
		BigDecimal before = jdbc.sql("select total from assessment_result where year = ? and organization_id = ? and approved_at is not null")
			.params(year, orgId).query(BigDecimal.class).optional()
			.orElseThrow(() -> new ConflictProblem("orgId", "assessment.result.not-approved"));
		OrgScore live = live(year, target.org());
		write(caller, year, orgId, live);
		events.publishEvent(new AssessmentChanged("assessment.result.accept", "assessment-result", year + "/" + orgId,
				year + " " + target.org().name() + " " + Scoring.plain(before) + " → " + Scoring.plain(live.total())));
		return new Approved(orgId, live.total(), live.stars(), before);
	}

	private Approved approveChecked(Caller caller, int year, OrgRef org) {
		lock(year, org.id());
		boolean reviewed = jdbc.sql("select reviewed_at is not null from assessment_result where year = ? and organization_id = ?")
			.params(year, org.id()).query(Boolean.class).single();
		if (!reviewed) {
			throw new ConflictProblem("orgId", "assessment.result.not-reviewed", org.name());
		}
		if (approved(year, org.id())) {
			throw new ConflictProblem("orgId", "assessment.result.already-approved");
		}
		if (claims.waiting(year, org.id()) > 0) {
			throw new ConflictProblem("orgId", "assessment.review.claims-waiting", claims.waiting(year, org.id()));
		}
		OrgScore live = live(year, org);
		write(caller, year, org.id(), live);
		events.publishEvent(new AssessmentChanged("assessment.result.approve", "assessment-result", year + "/" + org.id(),
				year + " " + org.name() + " " + Scoring.plain(live.total()) + " " + live.stars() + "★"));
		return new Approved(org.id(), live.total(), live.stars(), null);
	}

	private OrgScore live(int year, OrgRef org) {
		return scoreboard.live(year, List.of(org), SNAPSHOT).get(0);
	}

	private void write(Caller caller, int year, long orgId, OrgScore live) {
		jdbc.sql("""
				update assessment_result set approved_by = ?, approved_at = ?, total = ?, stars = ?, indicators = ?
				where year = ? and organization_id = ?""")
			.params(caller.username(), Timestamp.from(clock.instant()), live.total(), live.stars(), scoreboard.snapshot(live),
					year, orgId)
			.update();
		// the kept live score is the snapshot's: the ranking shows no difference that would only be the kept score's age
		rankings.keep(year, live);
	}

	/** The organisation's result row, created empty when missing and locked till the transaction ends. */
	private void lock(int year, long orgId) {
		jdbc.sql("insert into assessment_result (year, organization_id) values (?, ?) on conflict do nothing")
			.params(year, orgId).update();
		jdbc.sql("select year from assessment_result where year = ? and organization_id = ? for update").params(year, orgId)
			.query(Integer.class).single();
	}

	private boolean approved(int year, long orgId) {
		return jdbc.sql("select approved_at is not null from assessment_result where year = ? and organization_id = ?")
			.params(year, orgId).query(Boolean.class).optional().orElse(false);
	}
}
