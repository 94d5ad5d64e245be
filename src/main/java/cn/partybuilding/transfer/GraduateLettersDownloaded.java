package cn.partybuilding.transfer;

import java.util.List;

import cn.partybuilding.shared.PersonalDataSeen;

/**
 * A batch's letters printed for someone: the files carry ID-card numbers, so each download is audited and each
 * graduate in it sees it among who looked at their data.
 */
record GraduateLettersDownloaded(long batchId, String format, List<Long> memberIds) implements GraduateBatchEvent,
		PersonalDataSeen {

	@Override
	public Kind kind() {
		return Kind.LETTER;
	}

	@Override
	public String reason() {
		return summary();
	}

	@Override
	public String action() {
		return "transfer.batch.download";
	}

	@Override
	public String summary() {
		return "下载毕业生组织关系介绍信（" + format + "）";
	}
}
