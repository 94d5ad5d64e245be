package cn.partybuilding.development;

import java.time.Instant;
import java.util.List;

import cn.partybuilding.shared.AuditableEvent;

/** The 上级党委 recorded a 集中培训 (a 党课 or 培训班 for activists and 发展对象) and who attended it. */
public record DevelopmentTrainingRecorded(long trainingId, long organizationId, List<Long> personIds, String summary,
		Instant at) implements AuditableEvent {

	public DevelopmentTrainingRecorded {
		personIds = List.copyOf(personIds);
	}

	@Override
	public String action() {
		return "development.training";
	}

	@Override
	public String entityType() {
		return "development-training";
	}

	@Override
	public String entityId() {
		return Long.toString(trainingId);
	}
}
