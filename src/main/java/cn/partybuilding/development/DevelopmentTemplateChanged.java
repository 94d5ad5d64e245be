package cn.partybuilding.development;

import cn.partybuilding.shared.AuditableEvent;

/**
 * The committee replaced a step's document template with an uploaded .docx, or reset it to the default: the
 * audit log records which step, which file, and the placeholders it holds (in {@code summary}).
 */
public record DevelopmentTemplateChanged(int step, String fileName, boolean reset, String summary) implements AuditableEvent {

	@Override
	public String action() {
		return reset ? "development.template.reset" : "development.template.upload";
	}

	@Override
	public String entityType() {
		return "development-template";
	}

	@Override
	public String entityId() {
		return Integer.toString(step);
	}
}
