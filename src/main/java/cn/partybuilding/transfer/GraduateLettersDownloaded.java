package cn.partybuilding.transfer;

/** A batch's letters printed for someone: the files carry ID-card numbers, so each download is audited. */
record GraduateLettersDownloaded(long batchId, String format) implements GraduateBatchEvent {

	@Override
	public String action() {
		return "transfer.batch.download";
	}

	@Override
	public String summary() {
		return "下载毕业生组织关系介绍信（" + format + "）";
	}
}
