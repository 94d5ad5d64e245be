package cn.partybuilding.development;

/**
 * The 25 steps of 发展党员 in the regulation's order (《中国共产党发展党员工作细则》, as provincial systems number
 * them), the stage each belongs to and the level that does it: the branch, the 上级党委 (the general branch /
 * 二级党委, or the committee for a branch directly under it), or the one above that (step 18's 备案).
 */
enum Step {

	APPLICATION(Level.BRANCH), TALK(Level.BRANCH),
	ACTIVIST(Level.BRANCH), ACTIVIST_FILED(Level.HIGHER), CONTACTS(Level.BRANCH), CULTIVATION(Level.BRANCH),
	CANDIDATE(Level.BRANCH), CANDIDATE_FILED(Level.HIGHER), SPONSORS(Level.BRANCH), POLITICAL_REVIEW(Level.BRANCH),
	TRAINING(Level.HIGHER),
	COMMITTEE_REVIEW(Level.BRANCH), PRE_REVIEW(Level.HIGHER), APPLICATION_FORM(Level.BRANCH), ADMISSION_VOTE(Level.BRANCH),
	HIGHER_TALK(Level.HIGHER), ADMISSION_APPROVAL(Level.HIGHER), ADMISSION_FILED(Level.HIGHER_STILL),
	GROUP_ASSIGNED(Level.BRANCH), OATH(Level.BRANCH), CONTINUED_EDUCATION(Level.BRANCH), CONVERSION_REQUEST(Level.BRANCH),
	CONVERSION_VOTE(Level.BRANCH), CONVERSION_APPROVAL(Level.HIGHER), ARCHIVED(Level.BRANCH);

	/** Who does a step. */
	enum Level {
		BRANCH, HIGHER, HIGHER_STILL
	}

	private final Level level;

	Step(Level level) {
		this.level = level;
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
