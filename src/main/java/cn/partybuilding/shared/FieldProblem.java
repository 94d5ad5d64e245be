package cn.partybuilding.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * A business-rule violation tied to a form field, with a message key; the web layer shows it beside
 * the field (pages) or as {@code {"errors":[{"field","message"}]}} (API, 400).
 */
public class FieldProblem extends RuntimeException {

	public record Problem(String field, String messageKey, Object[] args) {
	}

	private final List<Problem> problems;

	private final Map<String, List<String>> words;

	public FieldProblem(String field, String messageKey, Object... args) {
		this(List.of(new Problem(field, messageKey, args)));
	}

	public FieldProblem(List<Problem> problems) {
		this(problems, Map.of());
	}

	/** Problems with the words of each field's text they are about (a screened text's blocked words). */
	public FieldProblem(List<Problem> problems, Map<String, List<String>> words) {
		super(problems.toString());
		this.problems = List.copyOf(problems);
		this.words = Map.copyOf(words);
	}

	/** The words of the field's text the problem is about; empty for most problems. */
	public List<String> words(String field) {
		return words.getOrDefault(field, List.of());
	}

	public List<Problem> problems() {
		return problems;
	}

	/**
	 * Puts these problems beside the fields of a bound form, the way Spring's own binding errors stand: the
	 * form comes back as typed, each message beside its field (a field the form does not have is still listed
	 * under its name).
	 */
	public void rejectInto(BindingResult result) {
		for (Problem p : problems) {
			Object typed;
			try {
				typed = result.getRawFieldValue(p.field());
			}
			catch (RuntimeException notAFieldOfTheForm) {
				typed = null;
			}
			result.addError(new FieldError(result.getObjectName(), p.field(), typed, false,
					new String[] { p.messageKey() }, p.args(), p.messageKey()));
		}
	}

	/** Field → message in the reader's language, for showing beside the fields of a form. */
	public Map<String, String> messages(MessageSource messages, Locale locale) {
		Map<String, String> byField = new LinkedHashMap<>();
		problems.forEach(p -> byField.putIfAbsent(p.field(), messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
		return byField;
	}
}
