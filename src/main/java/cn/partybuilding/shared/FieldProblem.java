package cn.partybuilding.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;

/**
 * A business-rule violation tied to a form field, with a message key; the web layer shows it beside
 * the field (pages) or as {@code {"errors":[{"field","message"}]}} (API, 400).
 */
public class FieldProblem extends RuntimeException {

	public record Problem(String field, String messageKey, Object[] args) {
	}

	private final List<Problem> problems;

	public FieldProblem(String field, String messageKey, Object... args) {
		this(List.of(new Problem(field, messageKey, args)));
	}

	public FieldProblem(List<Problem> problems) {
		super(problems.toString());
		this.problems = List.copyOf(problems);
	}

	public List<Problem> problems() {
		return problems;
	}

	/** Field → message in the reader's language, for showing beside the fields of a form. */
	public Map<String, String> messages(MessageSource messages, Locale locale) {
		Map<String, String> byField = new LinkedHashMap<>();
		problems.forEach(p -> byField.putIfAbsent(p.field(), messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
		return byField;
	}
}
