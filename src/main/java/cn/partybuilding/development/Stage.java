package cn.partybuilding.development;

/** Where an applicant stands before joining (发展党员工作细则): the first three of the five stages. */
public enum Stage {
	APPLICANT("入党申请人"), ACTIVIST("入党积极分子"), CANDIDATE("发展对象");

	private final String title;

	Stage(String title) {
		this.title = title;
	}

	public String title() {
		return title;
	}
}
