package cn.partybuilding.transfer;

import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;

import cn.partybuilding.shared.FieldProblem;

/**
 * The problems of a small action form on a page (a 回执, a member abroad) in one line, shown above the page
 * the action returns to: Spring's binding errors and the façade's alike, each in the reader's language.
 */
final class ActionProblems {

	private ActionProblems() {
	}

	static String inOneLine(FieldProblem problem, MessageSource messages, Locale locale) {
		return String.join("；", problem.messages(messages, locale).values());
	}

	static String inOneLine(BindingResult binding, MessageSource messages, Locale locale) {
		return binding.getAllErrors().stream().map(error -> messages.getMessage(error, locale)).distinct()
			.collect(Collectors.joining("；"));
	}
}
