package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import cn.partybuilding.shared.OutOfScopeException;

/**
 * Claims of manual indicators (特色活动, 获奖): the organisation claims a score with a text and evidence files and
 * edits it while it waits; the level above scores it with a reason, never above the indicator's maximum. One
 * claim per indicator, organisation and year.
 */
@Component
@Transactional
class Claims {

	static final String WAITING = "WAITING";

	static final String SCORED = "SCORED";

	/** A claim as the lists show it; {@code files} only when one claim is read. */
	record Claim(long id, int year, String code, String indicatorName, BigDecimal max, long orgId, String orgName,
			String text, BigDecimal claimedScore, String state, String claimedBy, Instant claimedAt, BigDecimal score,
			String scoreReason, String scoredBy, Instant scoredAt, List<EvidenceFile> files) {
	}

	record EvidenceFile(long id, String fileName, String contentType, long sizeBytes) {
	}

	/** A stored evidence file's key and how it is served. */
	record StoredEvidence(String key, String fileName, String contentType) {
	}

	private final JdbcClient jdbc;

	private final WorkflowLevels levels;

	private final OrganizationScope scope;

	private final IndicatorSystems systems;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final KeptRankings rankings;

	Claims(JdbcClient jdbc, WorkflowLevels levels, OrganizationScope scope, IndicatorSystems systems,
			ApplicationEventPublisher events, Clock clock, KeptRankings rankings) {
		this.rankings = rankings;
		this.jdbc = jdbc;
		this.levels = levels;
		this.scope = scope;
		this.systems = systems;
		this.events = events;
		this.clock = clock;
	}

	/** The organisation claims a manual indicator of the year's system; a second claim of it → 409. */
	long claim(Caller caller, int year, long orgId, String code, String text, BigDecimal claimedScore) {
		WorkflowLevels.Target target = levels.target(caller, year, orgId);
		levels.requireSpeaksFor(caller, target.org(), "assessment-claim");
		Indicator indicator = manual(target, code);
		String body = WorkflowLevels.text("text", text, 2000);
		WorkflowLevels.checkScore("claimedScore", claimedScore, indicator);
		Long id = jdbc.sql("""
				insert into assessment_claim (year, code, organization_id, text, claimed_score, state, claimed_by, claimed_at)
				values (?, ?, ?, ?, ?, 'WAITING', ?, ?) on conflict (year, code, organization_id) do nothing returning id""")
			.params(year, code, orgId, body, claimedScore, caller.username(), Timestamp.from(clock.instant()))
			.query(Long.class).optional().orElse(null);
		if (id == null) {
			throw new ConflictProblem("code", "assessment.claim.exists");
		}
		events.publishEvent(new AssessmentChanged("assessment.claim.create", "assessment-claim", id,
				year + " " + target.org().name() + " " + code + " " + Scoring.plain(claimedScore)));
		rankings.rescoreAfterCommit(year, orgId);
		return id;
	}

	/** The organisation changes its claim while it waits (409 once scored). */
	void edit(Caller caller, long claimId, String text, BigDecimal claimedScore) {
		Claim claim = find(caller, claimId);
		OrgRef org = scope.find(claim.orgId()).orElseThrow(() -> new OutOfScopeException("assessment-claim", claimId));
		levels.requireSpeaksFor(caller, org, "assessment-claim");
		requireWaiting(claim);
		String body = WorkflowLevels.text("text", text, 2000);
		WorkflowLevels.checkScore("claimedScore", claimedScore, indicator(claim));
		int changed = jdbc.sql("update assessment_claim set text = ?, claimed_score = ? where id = ? and state = 'WAITING'")
			.params(body, claimedScore, claimId).update();
		if (changed == 0) {
			throw new ConflictProblem("state", "assessment.claim.not-waiting");
		}
		events.publishEvent(new AssessmentChanged("assessment.claim.edit", "assessment-claim", claimId,
				claim.year() + " " + claim.orgName() + " " + claim.code() + " " + Scoring.plain(claim.claimedScore()) + " → "
						+ Scoring.plain(claimedScore)));
		rankings.rescoreAfterCommit(claim.year(), claim.orgId());
	}

	/** The level above scores a waiting claim with a reason (409 when it was scored meanwhile). */
	void score(Caller caller, long claimId, BigDecimal score, String reason) {
		Claim claim = find(caller, claimId);
		OrgRef org = scope.find(claim.orgId()).orElseThrow(() -> new OutOfScopeException("assessment-claim", claimId));
		levels.requireAbove(caller, org, "assessment-claim");
		requireWaiting(claim);
		WorkflowLevels.checkScore("score", score, indicator(claim));
		String why = WorkflowLevels.text("reason", reason, 500);
		int changed = jdbc.sql("""
				update assessment_claim set state = 'SCORED', score = ?, score_reason = ?, scored_by = ?, scored_at = ?
				where id = ? and state = 'WAITING'""")
			.params(score, why, caller.username(), Timestamp.from(clock.instant()), claimId).update();
		if (changed == 0) {
			throw new ConflictProblem("state", "assessment.claim.not-waiting");
		}
		events.publishEvent(new AssessmentChanged("assessment.claim.score", "assessment-claim", claimId,
				claim.year() + " " + claim.orgName() + " " + claim.code() + " " + Scoring.plain(score) + ": " + why));
		rankings.rescoreAfterCommit(claim.year(), claim.orgId());
	}

	/** Keeps a stored evidence file with the waiting claim; at most {@code maxFiles} files (400 beyond). */
	long addFile(Caller caller, long claimId, String key, String fileName, String contentType, long size, int maxFiles) {
		Claim claim = requireEvidenceAllowed(caller, claimId);
		// the claim row locked: two uploads at once do not pass the count together
		jdbc.sql("select id from assessment_claim where id = ? for update").param(claimId).query(Long.class).single();
		int count = jdbc.sql("select count(*) from assessment_claim_file where claim_id = ?").param(claimId)
			.query(Integer.class).single();
		if (count >= maxFiles) {
			throw new FieldProblem("file", "assessment.claim.files-max", maxFiles);
		}
		long id = jdbc.sql("""
				insert into assessment_claim_file (claim_id, file_key, file_name, content_type, size_bytes)
				values (?, ?, ?, ?, ?) returning id""").params(claimId, key, fileName, contentType, size)
			.query(Long.class).single();
		events.publishEvent(new AssessmentChanged("assessment.claim.file", "assessment-claim", claimId,
				claim.year() + " " + claim.orgName() + " " + claim.code() + " " + fileName));
		return id;
	}

	/** The waiting claim the caller may add evidence to: the organisation's own (else 403 / 404 / 409). */
	@Transactional(readOnly = true)
	Claim requireEvidenceAllowed(Caller caller, long claimId) {
		Claim claim = find(caller, claimId);
		OrgRef org = scope.find(claim.orgId()).orElseThrow(() -> new OutOfScopeException("assessment-claim", claimId));
		levels.requireSpeaksFor(caller, org, "assessment-claim");
		requireWaiting(claim);
		return claim;
	}

	/** A claim with its files, for whoever reads the organisation's scores (else the audited 404). */
	@Transactional(readOnly = true)
	Claim find(Caller caller, long claimId) {
		Claim claim = load("c.id = ?", List.of(claimId)).stream().findFirst()
			.orElseThrow(() -> new OutOfScopeException("assessment-claim", claimId));
		try {
			levels.reach(caller, claim.orgId());
		}
		catch (OutOfScopeException out) {
			throw new OutOfScopeException("assessment-claim", claimId);
		}
		List<EvidenceFile> files = jdbc.sql("""
				select id, file_name, content_type, size_bytes from assessment_claim_file where claim_id = ? order by id""")
			.param(claimId).query((rs, n) -> new EvidenceFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
		return withFiles(claim, files);
	}

	/** An evidence file of a claim the caller reaches (else the audited 404). */
	@Transactional(readOnly = true)
	StoredEvidence file(Caller caller, long claimId, long fileId) {
		find(caller, claimId);
		return jdbc.sql("select file_key, file_name, content_type from assessment_claim_file where id = ? and claim_id = ?")
			.params(fileId, claimId).query((rs, n) -> new StoredEvidence(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional().orElseThrow(() -> new OutOfScopeException("assessment-claim-file", claimId + "/" + fileId));
	}

	/** The claims of the organisations in the caller's reach (below {@code orgId} when given), newest first. */
	@Transactional(readOnly = true)
	List<Claim> list(Caller caller, Integer year, Long orgId, String state) {
		if (!Scoreboard.reads(caller)) {
			throw new cn.partybuilding.shared.NotPermittedException("assessment-claim", "*", "list");
		}
		Set<Long> orgs = scope.covered(caller, orgId, "assessment-claim", Scoreboard.READERS);
		if (state != null && !WAITING.equals(state) && !SCORED.equals(state)) {
			throw new FieldProblem("state", "assessment.workflow.state");
		}
		List<Object> params = new ArrayList<>();
		params.add(orgs.toArray(Long[]::new));
		String where = "c.organization_id = any(?)";
		if (year != null) {
			where += " and c.year = ?";
			params.add(year);
		}
		if (state != null) {
			where += " and c.state = ?";
			params.add(state);
		}
		List<Claim> found = load(where, params);
		if (found.isEmpty()) {
			return found;
		}
		Map<Long, List<EvidenceFile>> files = new java.util.HashMap<>();
		jdbc.sql("""
				select claim_id, id, file_name, content_type, size_bytes from assessment_claim_file where claim_id = any(?)
				order by id""").param(found.stream().map(Claim::id).toArray(Long[]::new))
			.query(rs -> {
				files.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new EvidenceFile(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
			});
		return found.stream().map(c -> withFiles(c, files.getOrDefault(c.id(), List.of()))).toList();
	}

	private List<Claim> load(String where, List<Object> params) {
		List<Claim> claims = jdbc.sql("""
				select c.id, c.year, c.code, c.organization_id, c.text, c.claimed_score, c.state, c.claimed_by, c.claimed_at,
				       c.score, c.score_reason, c.scored_by, c.scored_at
				from assessment_claim c where\s""" + where + " order by c.claimed_at desc, c.id desc limit 500")
			.params(params)
			.query((rs, n) -> new Claim(rs.getLong(1), rs.getInt(2), rs.getString(3), null, null, rs.getLong(4), null,
					rs.getString(5), rs.getBigDecimal(6), rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)),
					rs.getBigDecimal(10), rs.getString(11), rs.getString(12), instant(rs.getTimestamp(13)), List.of()))
			.list();
		Map<Long, String> names = scope.qualifiedNames(claims.stream().map(Claim::orgId).distinct().toList());
		List<Claim> named = new ArrayList<>();
		Map<Integer, Optional<IndicatorSystem>> published = new java.util.HashMap<>();
		for (Claim c : claims) {
			Optional<Indicator> indicator = published.computeIfAbsent(c.year(), systems::published)
				.flatMap(s -> s.indicators().stream().filter(i -> i.code().equals(c.code())).findFirst());
			named.add(new Claim(c.id(), c.year(), c.code(), indicator.map(Indicator::name).orElse(c.code()),
					indicator.map(Indicator::max).orElse(null), c.orgId(), names.getOrDefault(c.orgId(), ""), c.text(),
					c.claimedScore(), c.state(), c.claimedBy(), c.claimedAt(), c.score(), c.scoreReason(), c.scoredBy(),
					c.scoredAt(), c.files()));
		}
		return named;
	}

	private static Claim withFiles(Claim c, List<EvidenceFile> files) {
		return new Claim(c.id(), c.year(), c.code(), c.indicatorName(), c.max(), c.orgId(), c.orgName(), c.text(),
				c.claimedScore(), c.state(), c.claimedBy(), c.claimedAt(), c.score(), c.scoreReason(), c.scoredBy(),
				c.scoredAt(), files);
	}

	/** The claim's indicator under the year's published system (a claim of a dropped indicator is not scored). */
	private Indicator indicator(Claim claim) {
		return systems.published(claim.year()).flatMap(s -> s.indicators().stream()
			.filter(i -> i.code().equals(claim.code()) && !i.automatic()).findFirst())
			.orElseThrow(() -> new FieldProblem("code", "assessment.workflow.unknown-indicator"));
	}

	static Indicator manual(WorkflowLevels.Target target, String code) {
		Indicator indicator = target.indicator(code);
		if (indicator.automatic()) {
			throw new FieldProblem("code", "assessment.workflow.manual-only");
		}
		return indicator;
	}

	private static void requireWaiting(Claim claim) {
		if (!WAITING.equals(claim.state())) {
			throw new ConflictProblem("state", "assessment.claim.not-waiting");
		}
	}

	/** Waiting claims of these organisations in a year. */
	@Transactional(readOnly = true)
	int waiting(int year, long orgId) {
		return jdbc.sql("select count(*) from assessment_claim where year = ? and organization_id = ? and state = 'WAITING'")
			.params(year, orgId).query(Integer.class).single();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
