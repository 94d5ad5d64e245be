package cn.partybuilding.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import org.unbescape.html.HtmlEscape;

import cn.partybuilding.shared.MenuEntry;

/**
 * The left navigation's items as HTML, written once for each list of entries and language. The layout wrote them
 * with Thymeleaf on every page (a loop of ~40 items, each a link, a class and a message): about a third of the
 * time a bare page took (sampled on {@code /dues/rules}, issue 23). The markup is the template's, to the byte:
 * the same escaping (unbescape's, as {@code th:text} and attributes), the same message lookup and the same
 * whitespace as the loop printed. Nothing but the entries, the language and the context path goes into it, so
 * what is kept can never be another caller's: the entries are the caller's own ({@link CallerMenus}).
 */
@Component
class NavigationMarkup {

	/** Languages come from a cookie (any value parses), and role sets are few: a bound keeps the map small whatever comes. */
	static final int KEPT = 256;

	/** The whitespace the template's loop wrote between two items. */
	private static final String BETWEEN = "\n        ";

	private final MessageSource messages;

	private final Map<Key, String> kept = new ConcurrentHashMap<>();

	NavigationMarkup(MessageSource messages) {
		this.messages = messages;
	}

	record Key(List<MenuEntry> entries, Locale locale, String contextPath) {
	}

	/**
	 * The items for this page. {@code encodeUrl} is the response's: when it changes a link (the session in the
	 * address, which this platform never does) each link is written anew, as the template's {@code @{...}} did.
	 */
	String items(List<MenuEntry> entries, Locale locale, String contextPath, UnaryOperator<String> encodeUrl) {
		String probe = contextPath + "/";
		if (!probe.equals(encodeUrl.apply(probe))) {
			return write(entries, locale, href -> encodeUrl.apply(link(contextPath, href)));
		}
		Key key = new Key(List.copyOf(entries), locale, contextPath);
		String html = kept.get(key);
		if (html == null) {
			html = write(key.entries(), locale, href -> link(contextPath, href));
			if (kept.size() >= KEPT) {
				kept.clear();
			}
			kept.put(key, html);
		}
		return html;
	}

	int keptCount() {
		return kept.size();
	}

	/** What {@code @{href}} makes of a link: relative to the application when it starts with one slash. */
	static String link(String contextPath, String href) {
		return href.startsWith("/") && !href.startsWith("//") ? contextPath + href : href;
	}

	private String write(List<MenuEntry> entries, Locale locale, UnaryOperator<String> link) {
		StringBuilder html = new StringBuilder(entries.size() * 160);
		for (MenuEntry item : entries) {
			if (!html.isEmpty()) {
				html.append(BETWEEN);
			}
			String icon = item.icon() == null || item.icon().isEmpty() ? "" : " " + escape(item.icon());
			html.append("<li class=\"nav-item\">\n          <a class=\"nav-link py-3 py-md-2\" href=\"")
				.append(escape(link.apply(item.href())))
				.append("\">\n            <i class=\"bi")
				.append(icon)
				.append("\"></i> <span>")
				.append(escape(label(item.label(), locale)))
				.append("</span>\n          </a>\n        </li>");
		}
		return html.toString();
	}

	/** The label as {@code #{key}} wrote it, an absent key as Thymeleaf shows one. */
	private String label(String key, Locale locale) {
		try {
			return messages.getMessage(key, null, locale);
		}
		catch (NoSuchMessageException ex) {
			return "??" + key + "_" + locale + "??";
		}
	}

	private static String escape(String text) {
		return HtmlEscape.escapeHtml4Xml(text);
	}
}
