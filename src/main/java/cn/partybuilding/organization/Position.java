package cn.partybuilding.organization;

/** Positions of a 支部委员会 (支部工作条例 §18). */
public enum Position {

	SECRETARY("书记"), DEPUTY_SECRETARY("副书记"), ORGANIZATION("组织委员"), PUBLICITY("宣传委员"), DISCIPLINE("纪检委员");

	private final String title;

	Position(String title) {
		this.title = title;
	}

	/** The Chinese title, as records such as the audit log keep it (the interface uses messages). */
	public String title() {
		return title;
	}
}
