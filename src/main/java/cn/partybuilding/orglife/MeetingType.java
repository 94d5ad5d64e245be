package cn.partybuilding.orglife;

/** The meetings of 支部工作条例, by the names branches use. */
public enum MeetingType {
	BRANCH_ASSEMBLY("支部党员大会"), BRANCH_COMMITTEE("支委会"), GROUP_MEETING("党小组会"), PARTY_LECTURE("党课"),
	THEME_DAY("主题党日"), ORG_LIFE_MEETING("组织生活会"), DEMOCRATIC_EVALUATION("民主评议党员"), TALK("谈心谈话"), OTHER("其他");

	private final String title;

	MeetingType(String title) {
		this.title = title;
	}

	public String title() {
		return title;
	}
}
