package cn.partybuilding.dues;

import java.util.List;
import java.util.Map;

import cn.partybuilding.shared.PlainText;

/**
 * The roll page's table rows, written here once a page instead of by a dozen template expressions on each of its
 * fifty lines: sampled under {@code wrk}, Thymeleaf's iteration and SpEL over those lines were most of the page's time.
 * The markup is the one the template wrote (a tick box on unpaid lines, the member's link, the state as a badge), a line
 * a row without the template's indentation (60 characters a line, 7% of a school's page); every text from the database
 * is HTML-escaped here, so the template writes the result unescaped.
 */
final class DuesRollRows {

	private DuesRollRows() {
	}

	/**
	 * {@code states}: each state's label (NONE: no bill); {@code badges}: its badge's classes; {@code contextPath}: the
	 * application's path before {@code /dues/members/{id}}.
	 */
	static String html(List<DuesRoll.RollLine> lines, Map<String, String> states, Map<String, String> badges, String contextPath) {
		String path = PlainText.html(contextPath);
		StringBuilder html = new StringBuilder(lines.size() * 420);
		for (DuesRoll.RollLine l : lines) {
			String s = l.state() == null ? "NONE" : l.state().name();
			String name = PlainText.html(l.name());
			html.append("\n<tr><td class=\"text-center\">");
			if (s.equals("UNPAID")) {
				html.append("<input class=\"form-check-input\" type=\"checkbox\" name=\"memberIds\" value=\"").append(l.memberId())
					.append("\" aria-label=\"").append(name).append("\">");
			}
			html.append("</td><td><a href=\"").append(path).append("/dues/members/").append(l.memberId()).append("\">")
				.append(name).append("</a></td><td class=\"d-none d-md-table-cell\">")
				.append(PlainText.html(l.organizationName())).append("</td><td>")
				.append(l.amount() == null ? "—" : l.amount().toString()).append("</td><td><span class=\"")
				.append(badges.get(s)).append("\">").append(PlainText.html(states.get(s))).append("</span></td><td>")
				.append(l.paidUpTo() == null ? "—" : l.paidUpTo().toString()).append("</td><td")
				.append(l.consecutive() >= 3 ? " class=\"text-danger fw-semibold\"" : "").append(">")
				.append(l.consecutive() > 0 ? Integer.toString(l.consecutive()) : "").append("</td></tr>");
		}
		return html.append("\n").toString();
	}
}
