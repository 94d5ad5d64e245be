package cn.partybuilding.orglife;

import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;

/**
 * The meetings page's table rows, written here once a page: the template's expressions on each of its fifty lines
 * were a third of the page's time under {@code wrk} (issue 23; the member list and dues roll write theirs the same
 * way). The markup is the template's; every text from the database is HTML-escaped here, so the template writes the
 * result unescaped. Labels are looked up once a page, in the reader's language.
 */
final class MeetingRows {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private final Map<MeetingType, String> types = new EnumMap<>(MeetingType.class);

	private final String recordedAfter;

	MeetingRows(MessageSource messages, Locale locale) {
		for (MeetingType t : MeetingType.values()) {
			types.put(t, PlainText.html(messages.getMessage("orglife.type." + t, null, locale)));
		}
		recordedAfter = "\n            <span class=\"badge text-bg-secondary\">"
				+ PlainText.html(messages.getMessage("orglife.recordedAfter", null, locale)) + "</span>";
	}

	/** {@code contextPath}: the application's path before {@code /meetings/{id}}. */
	String html(List<MeetingPlanner.MeetingView> meetings, String contextPath) {
		String path = PlainText.html(contextPath);
		StringBuilder html = new StringBuilder(meetings.size() * 420);
		for (MeetingPlanner.MeetingView m : meetings) {
			html.append("\n        <tr>\n          <td class=\"text-nowrap\">").append(WHEN.format(m.startAt()))
				.append("</td>\n          <td class=\"text-nowrap\"><span>").append(types.get(m.type())).append("</span>")
				.append(m.recordedAfter() ? recordedAfter : "").append("</td>\n          <td><a href=\"").append(path)
				.append("/meetings/").append(m.id()).append("\">").append(PlainText.html(m.topic()))
				.append("</a></td>\n          <td class=\"d-none d-md-table-cell\">")
				.append(PlainText.html(m.organizationName())).append("</td>\n          <td class=\"d-none d-md-table-cell\">")
				.append(m.invited()).append("</td>\n        </tr>");
		}
		return html.append("\n      ").toString();
	}
}
