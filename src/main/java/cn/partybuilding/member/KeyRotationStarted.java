package cn.partybuilding.member;

import cn.partybuilding.shared.AuditableEvent;

/** The security administrator started re-encrypting the members' sensitive data under a new data key version. */
record KeyRotationStarted(int targetVersion, String suite, long total) implements AuditableEvent {

	@Override
	public String action() {
		return "security.key-rotation.start";
	}

	@Override
	public String entityType() {
		return "data-key";
	}

	@Override
	public String entityId() {
		return Integer.toString(targetVersion);
	}

	@Override
	public String summary() {
		return "开始密钥轮换：数据密钥第 " + targetVersion + " 版（" + suite + "），" + total + " 名党员的敏感信息将重新加密";
	}
}
