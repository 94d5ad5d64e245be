package cn.partybuilding.exam;

/** The kinds of question; all but {@link #SHORT} are graded by the platform the moment an attempt is submitted. */
enum QuestionType {
	SINGLE, MULTIPLE, TRUE_FALSE, FILL, SHORT;

	boolean hasOptions() {
		return this == SINGLE || this == MULTIPLE;
	}

	boolean gradedByHand() {
		return this == SHORT;
	}
}
