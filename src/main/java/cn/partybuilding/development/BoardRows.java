package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import cn.partybuilding.shared.PlainText;

/**
 * The development board's lines (one person each: the next step, whether it is late, possible or waits above),
 * written here once a page: the template's conditions and messages on each of thirty lines were a third of the
 * board's time under {@code wrk} (issue 23; the member list and meetings write their rows the same way). The
 * markup is the template's; every text from the database is HTML-escaped here, so the template writes the result
 * unescaped. Labels are looked up in the reader's language.
 */
final class BoardRows {

	/** The last step (材料归档) closes the file: nothing after it to be done "now". */
	private static final int LAST_STEP = 25;

	private final MessageSource messages;

	private final Locale locale;

	private final LocalDate today;

	private final Map<String, String> kept = new HashMap<>();

	BoardRows(MessageSource messages, Locale locale, LocalDate today) {
		this.messages = messages;
		this.locale = locale;
		this.today = today;
	}

	private String label(String code, Object... arguments) {
		return PlainText.html(messages.getMessage(code, arguments, locale));
	}

	/** A label without arguments, looked up once a page. */
	private String fixed(String code) {
		return kept.computeIfAbsent(code, this::label);
	}

	/** {@code contextPath}: the application's path before {@code /development/people/{id}}. */
	String html(List<DevelopmentPeople.PersonLine> people, String contextPath) {
		String path = PlainText.html(contextPath);
		StringBuilder html = new StringBuilder(people.size() * 700);
		for (DevelopmentPeople.PersonLine a : people) {
			html.append("\n      <a class=\"list-group-item list-group-item-action px-1\" href=\"").append(path)
				.append("/development/people/").append(a.id()).append("\" data-person=\"").append(a.id())
				.append("\">\n        <div class=\"d-flex flex-wrap gap-2 align-items-baseline\">\n          <strong>")
				.append(PlainText.html(a.name())).append("</strong>\n          <span class=\"small text-secondary\">").append(PlainText.html(a.staffNumber()))
				.append("</span>\n          <span class=\"small text-secondary d-none d-md-inline\">").append(PlainText.html(a.organizationName()))
				.append("</span>\n          <span class=\"ms-auto small text-nowrap\">");
			if (a.nextStep() != null) {
				html.append("\n            <span>")
					.append(label("devpage.nextShort", a.nextStep(), messages.getMessage("devpage.step." + a.nextStep(), null, locale)))
					.append("</span>");
			}
			boolean later = a.possibleFrom() != null && a.possibleFrom().isAfter(today);
			if (a.overdue()) {
				html.append("\n            <span class=\"badge text-bg-danger\">").append(fixed("devpage.overdue")).append("</span>");
			}
			else if (later) {
				html.append("\n            <span class=\"text-secondary\">").append(label("devpage.possibleFrom", a.possibleFrom()))
					.append("</span>");
			}
			else if (a.nextStep() != null && a.nextStep() != LAST_STEP) {
				html.append("BRANCH".equals(a.nextLevel())
						? "\n              <span class=\"text-success\">" + fixed("devpage.possibleNow")
						: "\n              <span class=\"text-secondary\">" + label("devpage.waitingAbove",
								messages.getMessage("development.level." + a.nextLevel(), null, locale)))
					.append("</span>");
			}
			html.append("\n          </span>\n        </div>\n      </a>");
		}
		return html.append("\n    ").toString();
	}
}
