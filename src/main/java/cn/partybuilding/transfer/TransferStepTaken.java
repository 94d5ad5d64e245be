package cn.partybuilding.transfer;

import cn.partybuilding.shared.AuditableEvent;

/**
 * A step of a transfer: submitted, approved, refused, accepted or withdrawn. The audit log and the member's
 * 纪实 keep it; those who act next are told ({@code nextOrgId} and {@code next}, when there is a next).
 * {@code memberId} is null while a letter from outside waits: the member does not exist yet.
 */
public record TransferStepTaken(long transferId, Long memberId, String memberName, String fromName, String toName,
		String action, Stage stage, String note, Stage next, Long nextOrgId, String actor) implements AuditableEvent {

	@Override
	public String entityType() {
		return memberId == null ? "transfer" : "member";
	}

	@Override
	public String entityId() {
		return Long.toString(memberId == null ? transferId : memberId);
	}

	/** The step itself (SUBMIT, APPROVE, …); {@link #action()} is its audit key. */
	public String step() {
		return action;
	}

	@Override
	public String action() {
		return "transfer." + action.toLowerCase();
	}

	@Override
	public String summary() {
		String what = switch (action) {
			case "SUBMIT" -> "申请组织关系转接";
			case "APPROVE" -> stage.title() + "同意";
			case "REJECT" -> stage.title() + "不同意";
			case "ACCEPT" -> "转入党支部接收，组织关系转接完成";
			case "ISSUE" -> "党委开具介绍信（" + note + "）";
			case "RECEIPT" -> "回执已收回（" + note + "），组织关系已转出";
			case "REISSUE" -> "介绍信过期未回，党委重新开具（" + note + "）";
			case "VOID" -> "党委作废介绍信，组织关系留在本校（" + note + "）";
			case "REGISTER" -> "登记转入介绍信（" + note + "），待转入党支部接收";
			default -> "撤回组织关系转接申请";
		};
		boolean noted = note != null && !note.isEmpty() && !"ISSUE".equals(action) && !"RECEIPT".equals(action)
				&& !"REISSUE".equals(action) && !"REGISTER".equals(action) && !"VOID".equals(action);
		return memberName + "：" + fromName + " → " + toName + "，" + what + (noted ? "（" + note + "）" : "");
	}
}
