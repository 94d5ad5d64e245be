package cn.partybuilding.orglife;

/**
 * The meetings of 支部工作条例. Their names are messages ({@link #messageKey()}): pages show them in the
 * reader's language, and text stored in Chinese (纪实, notices, the audit log) takes the Chinese ones.
 */
public enum MeetingType {
	BRANCH_ASSEMBLY, BRANCH_COMMITTEE, GROUP_MEETING, PARTY_LECTURE, THEME_DAY, ORG_LIFE_MEETING, DEMOCRATIC_EVALUATION, TALK,
	OTHER;

	/** The message naming this kind, e.g. {@code orglife.type.BRANCH_COMMITTEE} = 支委会. */
	public String messageKey() {
		return "orglife.type." + name();
	}
}
