package cn.partybuilding.transfer;

import cn.partybuilding.shared.MemberEvent;

/** A member's introduction letter printed for someone: it carries the full ID-card number, so it is audited. */
record LetterPrinted(long memberId, String number, String format) implements MemberEvent {

	@Override
	public String action() {
		return "transfer.letter.print";
	}

	@Override
	public String summary() {
		return "打印组织关系介绍信 " + number + "（" + format + "）";
	}
}
