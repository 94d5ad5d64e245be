package cn.partybuilding.volunteer;

import cn.partybuilding.shared.AuditableEvent;

/** A write in 志愿服务 for the audit log: an activity, a team, a sign-up, attendance, hours, a certificate. */
record VolunteerChanged(String action, String entityType, long id, String summary) implements AuditableEvent {

	@Override
	public String entityId() {
		return Long.toString(id);
	}
}
