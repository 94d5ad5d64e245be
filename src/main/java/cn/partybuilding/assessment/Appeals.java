package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * Appeals: an organisation appeals one indicator's score once a year with a reason; the level above dismisses it
 * with an answer or upholds it with a new score, which becomes an adjustment whose reason is the answer. Upheld
 * after approval, it changes the live score, and the committee sees the difference to accept.
 */
@Component
@Transactional
class Appeals {

	static final String OPEN = "OPEN";

	record Appeal(long id, int year, String code, String indicatorName, BigDecimal max, long orgId, String orgName,
			String reason, String appealedBy, Instant appealedAt, String state, String answer, String answeredBy,
			Instant answeredAt) {
	}

	private final JdbcClient jdbc;

	private final WorkflowLevels levels;

	private final Reviews reviews;

	private final OrganizationScope scope;

	private final IndicatorSystems systems;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Appeals(JdbcClient jdbc, WorkflowLevels levels, Reviews reviews, OrganizationScope scope, IndicatorSystems systems,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.levels = levels;
		this.reviews = reviews;
		this.scope = scope;
		this.systems = systems;
		this.events = events;
		this.clock = clock;
	}

	/** The organisation appeals an indicator's score with a reason; a second appeal of it that year → 409. */
	long appeal(Caller caller, int year, long orgId, String code, String reason) {
		WorkflowLevels.Target target = levels.target(caller, year, orgId);
		levels.requireSpeaksFor(caller, target.org(), "assessment-appeal");
		target.indicator(code);
		String why = WorkflowLevels.text("reason", reason, 1000);
		Long id = jdbc.sql("""
				insert into assessment_appeal (year, code, organization_id, reason, appealed_by, appealed_at, state)
				values (?, ?, ?, ?, ?, ?, 'OPEN') on conflict (year, code, organization_id) do nothing returning id""")
			.params(year, code, orgId, why, caller.username(), Timestamp.from(clock.instant()))
			.query(Long.class).optional().orElse(null);
		if (id == null) {
			throw new ConflictProblem("code", "assessment.appeal.once");
		}
		events.publishEvent(new AssessmentChanged("assessment.appeal.create", "assessment-appeal", id,
				year + " " + target.org().name() + " " + code + ": " + why));
		return id;
	}

	/**
	 * The level above answers an open appeal (409 when answered already): dismissed, or upheld with the new score
	 * (0 up to the maximum), kept as an adjustment with the answer as its reason.
	 */
	void answer(Caller caller, long appealId, Boolean upheld, BigDecimal score, String answer) {
		Appeal appeal = find(caller, appealId);
		OrgRef org = scope.find(appeal.orgId()).orElseThrow(() -> new OutOfScopeException("assessment-appeal", appealId));
		levels.requireAbove(caller, org, "assessment-appeal");
		if (!OPEN.equals(appeal.state())) {
			throw new ConflictProblem("state", "assessment.appeal.answered");
		}
		if (upheld == null) {
			throw new FieldProblem("upheld", "assessment.workflow.required");
		}
		String text = WorkflowLevels.text("answer", answer, 1000);
		if (upheld) {
			IndicatorSystem system = systems.published(appeal.year())
				.orElseThrow(() -> new FieldProblem("year", "assessment.workflow.no-system"));
			Indicator indicator = new WorkflowLevels.Target(system, org).indicator(appeal.code());
			WorkflowLevels.checkScore("score", score, indicator);
		}
		int changed = jdbc.sql("""
				update assessment_appeal set state = ?, answer = ?, answered_by = ?, answered_at = ? where id = ? and state = 'OPEN'""")
			.params(upheld ? "UPHELD" : "DISMISSED", text, caller.username(), Timestamp.from(clock.instant()), appealId)
			.update();
		if (changed == 0) {
			throw new ConflictProblem("state", "assessment.appeal.answered");
		}
		if (upheld) {
			reviews.insertAdjustment(caller, appeal.year(), org, appeal.code(), score, text, "assessment.appeal.adjustment");
		}
		events.publishEvent(new AssessmentChanged("assessment.appeal.answer", "assessment-appeal", appealId,
				appeal.year() + " " + org.name() + " " + appeal.code() + " " + (upheld ? "UPHELD " + Scoring.plain(score)
						: "DISMISSED") + ": " + text));
	}

	@Transactional(readOnly = true)
	Appeal find(Caller caller, long appealId) {
		Appeal appeal = load("a.id = ?", List.of(appealId)).stream().findFirst()
			.orElseThrow(() -> new OutOfScopeException("assessment-appeal", appealId));
		try {
			levels.reach(caller, appeal.orgId());
		}
		catch (OutOfScopeException out) {
			throw new OutOfScopeException("assessment-appeal", appealId);
		}
		return appeal;
	}

	/** The appeals of the organisations in the caller's reach (below {@code orgId} when given), newest first. */
	@Transactional(readOnly = true)
	List<Appeal> list(Caller caller, Integer year, Long orgId, String state) {
		if (!Scoreboard.reads(caller)) {
			throw new NotPermittedException("assessment-appeal", "*", "list");
		}
		Set<Long> orgs = scope.covered(caller, orgId, "assessment-appeal", Scoreboard.READERS);
		if (state != null && !List.of(OPEN, "UPHELD", "DISMISSED").contains(state)) {
			throw new FieldProblem("state", "assessment.workflow.state");
		}
		List<Object> params = new ArrayList<>();
		params.add(orgs.toArray(Long[]::new));
		String where = "a.organization_id = any(?)";
		if (year != null) {
			where += " and a.year = ?";
			params.add(year);
		}
		if (state != null) {
			where += " and a.state = ?";
			params.add(state);
		}
		return load(where, params);
	}

	private List<Appeal> load(String where, List<Object> params) {
		List<Appeal> appeals = jdbc.sql("""
				select a.id, a.year, a.code, a.organization_id, a.reason, a.appealed_by, a.appealed_at, a.state, a.answer,
				       a.answered_by, a.answered_at
				from assessment_appeal a where\s""" + where + " order by a.appealed_at desc, a.id desc limit 500")
			.params(params)
			.query((rs, n) -> new Appeal(rs.getLong(1), rs.getInt(2), rs.getString(3), null, null, rs.getLong(4), null,
					rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), rs.getString(8), rs.getString(9),
					rs.getString(10), instant(rs.getTimestamp(11))))
			.list();
		Map<Long, String> names = scope.qualifiedNames(appeals.stream().map(Appeal::orgId).distinct().toList());
		Map<Integer, Optional<IndicatorSystem>> published = new HashMap<>();
		List<Appeal> named = new ArrayList<>();
		for (Appeal a : appeals) {
			Optional<Indicator> indicator = published.computeIfAbsent(a.year(), systems::published)
				.flatMap(s -> s.indicators().stream().filter(i -> i.code().equals(a.code())).findFirst());
			named.add(new Appeal(a.id(), a.year(), a.code(), indicator.map(Indicator::name).orElse(a.code()),
					indicator.map(Indicator::max).orElse(null), a.orgId(), names.getOrDefault(a.orgId(), ""), a.reason(),
					a.appealedBy(), a.appealedAt(), a.state(), a.answer(), a.answeredBy(), a.answeredAt()));
		}
		return named;
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
