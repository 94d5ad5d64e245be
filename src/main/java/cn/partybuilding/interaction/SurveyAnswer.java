package cn.partybuilding.interaction;

import java.util.List;

/** One checked answer to one question, by the question's index: options by index, a text or a rating. */
record SurveyAnswer(int question, List<Integer> options, String text, Integer rating) {
}
