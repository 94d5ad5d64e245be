package cn.partybuilding.shared;

import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * What an article's HTML may contain once it is stored: the editor's formatting, tables, links and images, and
 * nothing that runs (no script, no event handler, no javascript: or data: URL, no style that loads anything).
 * Sanitised on the server whatever the editor sent, so a client that skips the editor gains nothing.
 */
public final class RichText {

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING
		.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.STYLES)
		.and(new HtmlPolicyBuilder()
			.allowElements("img")
			.allowAttributes("alt", "title", "width", "height").onElements("img")
			.allowAttributes("src").matching(Pattern.compile("(?i)(https?://|/)[^\\s\"'<>]*")).onElements("img")
			.allowUrlProtocols("http", "https")
			.allowElements("figure", "figcaption", "hr", "br", "span", "sup", "sub", "blockquote", "pre", "code")
			.allowElements("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col")
			.allowAttributes("colspan", "rowspan").matching(Pattern.compile("[0-9]{1,3}")).onElements("td", "th")
			.toFactory());

	private RichText() {
	}

	public static String sanitise(String html) {
		return html == null ? "" : POLICY.sanitize(html);
	}

	private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));");

	/** The text a reader reads: for search, for the reading time an article asks, for snippets. */
	public static String text(String html) {
		String noTags = html.replaceAll("<[^>]*>", " ").replace("&nbsp;", " ").replace("&lt;", "<")
			.replace("&gt;", ">").replace("&quot;", "\"");
		String decoded = NUMERIC_ENTITY.matcher(noTags).replaceAll(m -> {
			int cp = m.group(1) != null ? Integer.parseInt(m.group(1), 16) : Integer.parseInt(m.group(2));
			return java.util.regex.Matcher.quoteReplacement(Character.isValidCodePoint(cp) ? Character.toString(cp) : " ");
		}).replace("&amp;", "&");
		return decoded.replaceAll("\\s+", " ").trim();
	}
}
