package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An exam to set through {@link ExamRecords}: drawn by {@code rules} from the bank serving {@code orgId}, for the
 * members of its subtree ({@code activists} false) or its activists.
 */
public record ExamOnFile(String title, String description, long orgId, boolean activists, List<Rule> rules,
		Instant opensAt, Instant closesAt, int durationMinutes, int attempts, BigDecimal passMark, boolean feedsPoints,
		long seed) {

	/** Draw {@code count} questions of a type (SINGLE, MULTIPLE, TRUE_FALSE, FILL, SHORT) with any of the tags. */
	public record Rule(String type, List<String> tags, Integer maxDifficulty, int count, BigDecimal score) {
	}

	public ExamOnFile {
		rules = List.copyOf(rules);
	}
}
