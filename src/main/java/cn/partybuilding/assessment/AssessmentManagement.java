package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules (the demo) ask of the assessment's indicator systems: a year's system started from the
 * standard or last year's, its maxima and targets changed, and published — through the same rules as the pages.
 */
@Facade("a year's indicator system published from the standard or last year's, for the demo university")
@Service
public class AssessmentManagement {

	private final IndicatorSystems systems;

	AssessmentManagement(IndicatorSystems systems) {
		this.systems = systems;
	}

	/**
	 * Starts the year's draft, changes the targets given by figure code (the value for full marks, or the allowance
	 * where less is better), and publishes it; returns the system's id.
	 */
	@Transactional
	public long publishYear(Caller committee, int year, Map<String, BigDecimal> targets) {
		long id = systems.startDraft(committee, year);
		IndicatorSystem draft = systems.get(id);
		List<IndicatorSystems.IndicatorForm> indicators = draft.indicators().stream()
			.map(i -> new IndicatorSystems.IndicatorForm(i.group(), i.code(), i.name(), i.automatic(), i.max(),
					targets.getOrDefault(i.code(), i.target()), i.penalty(), i.appliesTo(), i.description()))
			.toList();
		systems.edit(committee, id, draft.scoresGeneralBranches(), indicators);
		systems.publish(committee, id);
		return id;
	}
}
