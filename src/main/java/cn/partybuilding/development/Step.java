package cn.partybuilding.development;

/**
 * The 25 steps of 发展党员 in the regulation's order (《中国共产党发展党员工作细则》, as provincial systems number
 * them), the stage each belongs to and the level that does it: the branch, the 上级党委 (the general branch /
 * 二级党委, or the committee for a branch directly under it), or the one above that (step 18's 备案).
 */
enum Step {

	APPLICATION(Level.BRANCH, "递交入党申请书"), TALK(Level.BRANCH, "党组织派人谈话"),
	ACTIVIST(Level.BRANCH, "推荐和确定入党积极分子"), ACTIVIST_FILED(Level.HIGHER, "报上级党委备案"), CONTACTS(Level.BRANCH, "指定培养联系人"), CULTIVATION(Level.BRANCH, "培养教育考察"),
	CANDIDATE(Level.BRANCH, "确定发展对象"), CANDIDATE_FILED(Level.HIGHER, "报上级党委备案"), SPONSORS(Level.BRANCH, "确定入党介绍人"), POLITICAL_REVIEW(Level.BRANCH, "进行政治审查"),
	TRAINING(Level.HIGHER, "开展集中培训"),
	COMMITTEE_REVIEW(Level.BRANCH, "支部委员会审查"), PRE_REVIEW(Level.HIGHER, "上级党委预审"), APPLICATION_FORM(Level.BRANCH, "填写入党志愿书"), ADMISSION_VOTE(Level.BRANCH, "支部大会讨论"),
	HIGHER_TALK(Level.HIGHER, "上级党委派人谈话"), ADMISSION_APPROVAL(Level.HIGHER, "上级党委审批"), ADMISSION_FILED(Level.HIGHER_STILL, "再上一级党委组织部门备案"),
	GROUP_ASSIGNED(Level.BRANCH, "编入党支部和党小组"), OATH(Level.BRANCH, "入党宣誓"), CONTINUED_EDUCATION(Level.BRANCH, "继续教育考察"), CONVERSION_REQUEST(Level.BRANCH, "提出转正申请"),
	CONVERSION_VOTE(Level.BRANCH, "支部大会讨论转正"), CONVERSION_APPROVAL(Level.HIGHER, "上级党委审批转正"), ARCHIVED(Level.BRANCH, "材料归档");

	/** Who does a step. */
	enum Level {
		BRANCH, HIGHER, HIGHER_STILL
	}

	private final Level level;

	private final String title;

	Step(Level level, String title) {
		this.level = level;
		this.title = title;
	}

	/** The Chinese name, as the audit log, the 纪实 and the documents keep it (the interface uses messages). */
	String title() {
		return title;
	}

	/** DOMAIN.md's number, 1 to 25. */
	int number() {
		return ordinal() + 1;
	}

	static Step numbered(int number) {
		if (number < 1 || number > values().length) {
			throw new IllegalArgumentException("no step " + number);
		}
		return values()[number - 1];
	}

	Level level() {
		return level;
	}

	/** The step that must be done before this one (none for the application). */
	Step previous() {
		return this == APPLICATION ? null : values()[ordinal() - 1];
	}

	/** The stage a person has reached once this step is approved. */
	Stage reached() {
		if (compareTo(ACTIVIST) < 0) {
			return Stage.APPLICANT;
		}
		if (compareTo(CANDIDATE) < 0) {
			return Stage.ACTIVIST;
		}
		if (compareTo(ADMISSION_APPROVAL) < 0) {
			return Stage.CANDIDATE;
		}
		return compareTo(CONVERSION_APPROVAL) < 0 ? Stage.PROBATIONARY : Stage.FULL;
	}
}
