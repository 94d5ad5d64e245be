package cn.partybuilding.member;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import cn.partybuilding.shared.PlainText;

/**
 * The member list page's table rows, written here once a page: a dozen template expressions on each of twenty lines
 * were a quarter of the page's time under {@code wrk} (issue 23; the dues roll's rows were moved the same way). The
 * markup is the template's; every text from the database is HTML-escaped here, so the template writes the result
 * unescaped. Labels are looked up once a page, in the reader's language.
 */
final class MemberRows {

	private final Map<Category, String> categories = new EnumMap<>(Category.class);

	private final Map<MemberStatus, String> statuses = new EnumMap<>(MemberStatus.class);

	private final String probationOverdue;

	private final String lateConversion;

	private final MessageSource messages;

	private final Locale locale;

	MemberRows(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
		for (Category c : Category.values()) {
			categories.put(c, label("member.category." + c));
		}
		for (MemberStatus s : MemberStatus.values()) {
			statuses.put(s, label("member.status." + s));
		}
		probationOverdue = "<span class=\"badge text-bg-dark probation-overdue\" title=\"" + label("member.probationOverdue.hint")
				+ "\">" + label("member.probationOverdue") + "</span>";
		lateConversion = "<span class=\"badge text-bg-light border late-conversion\" title=\"" + label("member.lateConversion.hint")
				+ "\">" + label("member.lateConversion") + "</span>";
	}

	private String label(String code, Object... arguments) {
		return PlainText.html(messages.getMessage(code, arguments, locale));
	}

	/** {@code contextPath}: the application's path before {@code /members/{id}}. */
	String html(List<MemberView> members, String contextPath) {
		String path = PlainText.html(contextPath);
		StringBuilder html = new StringBuilder(members.size() * 900);
		for (MemberView m : members) {
			html.append("\n        <tr>\n          <td class=\"text-nowrap\"><a href=\"").append(path).append("/members/")
				.append(m.id()).append("\">").append(PlainText.html(m.name())).append("</a></td>\n          <td>")
				.append(PlainText.html(m.staffNumber())).append("</td>\n          <td class=\"d-none d-md-table-cell\">")
				.append(m.category() == null ? "" : categories.get(m.category()))
				.append("</td>\n          <td class=\"text-nowrap\"><span class=\"badge ")
				.append(m.status() == MemberStatus.FULL ? "text-bg-danger" : "text-bg-warning").append("\">")
				.append(m.status() == null ? "" : statuses.get(m.status())).append("</span>");
			if (m.probationOverdue()) {
				html.append("\n            ").append(probationOverdue);
			}
			if (m.lateConversion()) {
				html.append("\n            ").append(lateConversion);
			}
			html.append("</td>\n          <td class=\"d-none d-lg-table-cell\">").append(PlainText.html(m.organizationName()))
				.append("</td>\n          <td class=\"d-none d-lg-table-cell text-nowrap\">").append(PlainText.html(m.joinDate()))
				.append("</td>\n          <td class=\"d-none d-md-table-cell party-years\">")
				.append(m.partyYears() == null ? "—" : label("member.partyYears.value", m.partyYears()))
				.append("</td>\n          <td class=\"d-none d-xl-table-cell\">").append(PlainText.html(m.phone())).append("</td>\n        </tr>");
		}
		return html.append("\n      ").toString();
	}
}
