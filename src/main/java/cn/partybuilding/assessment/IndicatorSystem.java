package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import cn.partybuilding.organization.OrgType;

/** A year's indicator system in one version: a draft being edited, the published one, or one it replaced. */
record IndicatorSystem(long id, int year, int version, State state, boolean scoresGeneralBranches, String publishedBy,
		Instant publishedAt, List<Indicator> indicators) {

	enum State {
		DRAFT, PUBLISHED, REPLACED
	}

	IndicatorSystem {
		indicators = List.copyOf(indicators);
	}

	/** The indicators an organisation of this type is scored on. */
	List<Indicator> indicatorsFor(OrgType type) {
		return indicators.stream().filter(i -> i.appliesTo().covers(type)).toList();
	}

	/** Whether organisations of this type are assessed at all under this system. */
	boolean assesses(OrgType type) {
		return type == OrgType.BRANCH || type == OrgType.GENERAL_BRANCH && scoresGeneralBranches;
	}

	BigDecimal maxFor(OrgType type) {
		return indicatorsFor(type).stream().map(Indicator::max).reduce(BigDecimal.ZERO, BigDecimal::add);
	}
}
