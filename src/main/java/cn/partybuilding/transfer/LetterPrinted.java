package cn.partybuilding.transfer;

import java.util.Collection;
import java.util.List;

import cn.partybuilding.shared.MemberEvent;
import cn.partybuilding.shared.PersonalDataSeen;

/**
 * A member's introduction letter printed for someone: it carries the full ID-card number, so it is audited and
 * the member sees it among who looked at their data.
 */
record LetterPrinted(long memberId, String number, String format) implements MemberEvent, PersonalDataSeen {

	@Override
	public Kind kind() {
		return Kind.LETTER;
	}

	@Override
	public Collection<Long> memberIds() {
		return List.of(memberId);
	}

	@Override
	public String reason() {
		return "打印组织关系介绍信 " + number + "（" + format + "）";
	}

	@Override
	public String action() {
		return "transfer.letter.print";
	}

	@Override
	public String summary() {
		return "打印组织关系介绍信 " + number + "（" + format + "）";
	}
}
