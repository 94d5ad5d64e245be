package cn.partybuilding.development;

import cn.partybuilding.shared.AuditableEvent;

/** Documents or the PDF of a person's development file were downloaded (they hold personal data). */
public record DevelopmentFileExported(long personId, String summary) implements AuditableEvent {

	@Override
	public String action() {
		return "development.export";
	}

	@Override
	public String entityType() {
		return "development-person";
	}

	@Override
	public String entityId() {
		return Long.toString(personId);
	}
}
