package cn.partybuilding.transfer;

/** The committee sent a year's graduates on: so many letters to issue, so many staying at the school. */
record GraduateBatchStarted(long batchId, int graduationYear, int letters, int staying) implements GraduateBatchEvent {

	@Override
	public String action() {
		return "transfer.batch.start";
	}

	@Override
	public String summary() {
		return graduationYear + " 届毕业生组织关系批量转出：开具介绍信 " + letters + " 封，暂留学校 " + staying + " 人";
	}
}
