package cn.partybuilding.interaction;

import java.time.Instant;
import java.util.List;

/**
 * A survey another module (the demo) sets through {@link SurveyManagement}: the same rules as the form and the API.
 * {@code audience} is BRANCH, SUBTREE or SCHOOL; {@code resultsLive} null follows the setting.
 */
public record SurveyOnFile(long orgId, String title, String description, boolean anonymous, String audience,
		Instant opensAt, Instant closesAt, Boolean resultsLive, List<Question> questions) {

	/** A question: {@code type} SINGLE, MULTIPLE, TEXT or RATING; options for the choice types. */
	public record Question(String type, String text, List<String> options, boolean required) {
	}

	/** An answer to the question of this index: option indexes, a text, or a rating of 1 to 5. */
	public record Answer(int question, List<Integer> options, String text, Integer rating) {
	}
}
