package cn.partybuilding.interaction;

import java.util.List;

/** One question of a survey as stored: its type, text, options (single and multiple choice) and whether it must be answered. */
record SurveyQuestion(Type type, String text, List<String> options, boolean required) {

	enum Type {
		SINGLE, MULTIPLE, TEXT, RATING
	}

	static final int MAX_RATING = 5;

	boolean choice() {
		return type == Type.SINGLE || type == Type.MULTIPLE;
	}
}
