package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules (the demo) do in a year's assessment through the same rules as the pages: claims of manual
 * indicators with evidence, their scoring, appeals and their answers, adjustments, review and approval.
 */
@Facade("claims, appeals, review and approval of the yearly assessment, for the demo, through the pages' rules")
@Service
public class AssessmentWorkflow {

	private final Claims claims;

	private final ClaimEvidence evidence;

	private final Appeals appeals;

	private final Reviews reviews;

	private final IndicatorSystems systems;

	AssessmentWorkflow(Claims claims, ClaimEvidence evidence, Appeals appeals, Reviews reviews, IndicatorSystems systems) {
		this.claims = claims;
		this.evidence = evidence;
		this.appeals = appeals;
		this.reviews = reviews;
		this.systems = systems;
	}

	/** The codes of the year's published indicators, manual or automatic ones; empty without a system. */
	public List<String> indicatorCodes(int year, boolean automatic) {
		return systems.published(year).map(s -> s.indicators().stream().filter(i -> i.automatic() == automatic)
			.map(Indicator::code).toList()).orElse(List.of());
	}

	/** The year's published manual indicators: code → maximum score, in the system's order. */
	public Map<String, BigDecimal> manualMaxima(int year) {
		Map<String, BigDecimal> maxima = new LinkedHashMap<>();
		systems.published(year).ifPresent(s -> s.indicators().stream().filter(i -> !i.automatic())
			.forEach(i -> maxima.put(i.code(), i.max())));
		return maxima;
	}

	/** The organisation claims a manual indicator; returns the claim's id. */
	public long claim(Caller by, int year, long orgId, String code, String text, BigDecimal claimedScore) {
		return claims.claim(by, year, orgId, code, text, claimedScore);
	}

	/** Adds an evidence file (PDF, Word, Excel, a photo) to a waiting claim. */
	public void attachEvidence(Caller by, long claimId, String fileName, byte[] bytes) {
		evidence.attach(by, claimId, fileName, bytes);
	}

	/** The level above scores a waiting claim with a reason. */
	public void score(Caller by, long claimId, BigDecimal score, String reason) {
		claims.score(by, claimId, score, reason);
	}

	/** The level above replaces a manual score with a reason. */
	public void adjust(Caller by, int year, long orgId, String code, BigDecimal score, String reason) {
		reviews.adjust(by, year, orgId, code, score, reason);
	}

	/** The organisation appeals an indicator's score once; returns the appeal's id. */
	public long appeal(Caller by, int year, long orgId, String code, String reason) {
		return appeals.appeal(by, year, orgId, code, reason);
	}

	/** The level above answers an appeal: dismissed, or upheld with a new score. */
	public void answer(Caller by, long appealId, boolean upheld, BigDecimal score, String answer) {
		appeals.answer(by, appealId, upheld, score, answer);
	}

	/** The level above reviews the organisation's year. */
	public void review(Caller by, int year, long orgId) {
		reviews.review(by, year, orgId);
	}

	/** The committee approves a reviewed organisation's year (the snapshot the ranking shows). */
	public void approve(Caller by, int year, long orgId) {
		reviews.approve(by, year, orgId);
	}
}
