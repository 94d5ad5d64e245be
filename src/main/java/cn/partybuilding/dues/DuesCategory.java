package cn.partybuilding.dues;

/** The regulation's kinds of member, each with its own rule; pages name them by the messages {@code dues.category.*}. */
public enum DuesCategory {

	IN_SERVICE("在职党员", true), RETIRED("离退休党员", true), STUDENT("学生党员", false),
	UNEMPLOYED("下岗失业、低保、抚恤、救济党员", false), FARMER("农民党员", false), OTHER("其他党员", true);

	private final String regulationName;

	private final boolean needsBase;

	DuesCategory(String regulationName, boolean needsBase) {
		this.regulationName = regulationName;
		this.needsBase = needsBase;
	}

	/** The regulation's own words, for the 纪实 text stored in Chinese — never for a page. */
	String regulationName() {
		return regulationName;
	}

	/** Whether dues follow a declared monthly base (else a fixed amount). */
	public boolean needsBase() {
		return needsBase;
	}
}
