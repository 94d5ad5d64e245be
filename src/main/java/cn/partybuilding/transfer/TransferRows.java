package cn.partybuilding.transfer;

import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;

import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;

/**
 * The transfers page's 待我处理 items and table rows, written here once a page: the template's expressions on each of
 * seventy items were a fifth of the page's time under {@code wrk} (issue 23; the member list and meetings write
 * theirs the same way). The markup is the template's; every text from the database is HTML-escaped here, so the
 * template writes the result unescaped. Labels are looked up once a page, in the reader's language.
 */
final class TransferRows {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(PlatformZone.ZONE);

	private final Map<Stage, String> stages = new EnumMap<>(Stage.class);

	private final Map<TransferState, String> states = new EnumMap<>(TransferState.class);

	private final String contextPath;

	/** {@code contextPath}: the application's path before {@code /transfers/{id}}. */
	TransferRows(MessageSource messages, Locale locale, String contextPath) {
		this.contextPath = PlainText.html(contextPath);
		for (Stage s : Stage.values()) {
			stages.put(s, PlainText.html(messages.getMessage("transfer.stage." + s, null, locale)));
		}
		for (TransferState s : TransferState.values()) {
			states.put(s, PlainText.html(messages.getMessage("transfer.state." + s, null, locale)));
		}
	}

	/** The 待我处理 list's items: who, at which step, from where to where and why. */
	String waiting(List<TransferView> transfers) {
		StringBuilder html = new StringBuilder(transfers.size() * 480);
		for (TransferView t : transfers) {
			html.append("\n      <a class=\"list-group-item list-group-item-action\" href=\"").append(contextPath).append("/transfers/")
				.append(t.id()).append("\">\n        <div class=\"d-flex justify-content-between flex-wrap\"><strong>")
				.append(PlainText.html(t.memberName())).append("</strong>\n          <span class=\"badge text-bg-warning\">")
				.append(t.stage() == null ? "" : stages.get(t.stage())).append("</span></div>\n        <small>")
				.append(PlainText.html(t.fromName())).append(" → ").append(PlainText.html(t.toName())).append(" · ").append(PlainText.html(t.reason()))
				.append("</small>\n      </a>");
		}
		return html.append("\n    ").toString();
	}

	/** The table's rows: who, from where to where, the step it waits at (else its state) and when it began. */
	String table(List<TransferView> transfers) {
		StringBuilder html = new StringBuilder(transfers.size() * 300);
		for (TransferView t : transfers) {
			html.append("<tr>\n          <td><a href=\"").append(contextPath).append("/transfers/").append(t.id()).append("\">")
				.append(PlainText.html(t.memberName())).append("</a></td>\n          <td>").append(PlainText.html(t.fromName())).append(" → ")
				.append(PlainText.html(t.toName())).append("</td>\n          <td>")
				.append(t.stage() != null ? stages.get(t.stage()) : states.get(t.state()))
				.append("</td>\n          <td class=\"d-none d-md-table-cell\">").append(DAY.format(t.startedAt()))
				.append("</td>\n        </tr>");
		}
		return html.toString();
	}
}
