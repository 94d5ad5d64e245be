package cn.partybuilding.dues;

/** The regulation's kinds of member, each with its own rule. */
public enum DuesCategory {

	IN_SERVICE("在职党员", true), RETIRED("离退休党员", true), STUDENT("学生党员", false),
	UNEMPLOYED("下岗失业、低保、抚恤、救济党员", false), FARMER("农民党员", false), OTHER("其他党员", true);

	private final String title;

	private final boolean needsBase;

	DuesCategory(String title, boolean needsBase) {
		this.title = title;
		this.needsBase = needsBase;
	}

	public String title() {
		return title;
	}

	/** Whether dues follow a declared monthly base (else a fixed amount). */
	public boolean needsBase() {
		return needsBase;
	}
}
