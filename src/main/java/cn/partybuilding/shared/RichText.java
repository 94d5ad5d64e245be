package cn.partybuilding.shared;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * What an article's HTML may contain once it is stored: the editor's formatting, tables, links and images, and
 * nothing that runs (no script, no event handler, no javascript: or data: URL, no style that loads anything).
 * Sanitised on the server whatever the editor sent, so a client that skips the editor gains nothing.
 */
public final class RichText {

	private static final PolicyFactory POLICY = policy(new HtmlPolicyBuilder()
		.allowElements("img")
		.allowAttributes("src").matching(Pattern.compile("(?i)(https?://|/)[^\\s\"'<>]*")).onElements("img")
		.allowUrlProtocols("http", "https"));

	/** The formatting, blocks, links, styles and tables every article may have, plus the given image rules. */
	private static PolicyFactory policy(HtmlPolicyBuilder images) {
		return Sanitizers.FORMATTING
			.and(Sanitizers.BLOCKS)
			.and(Sanitizers.LINKS)
			.and(Sanitizers.STYLES)
			.and(images
				.allowAttributes("alt", "title", "width", "height").onElements("img")
				.allowElements("figure", "figcaption", "hr", "br", "span", "sup", "sub", "blockquote", "pre", "code")
				.allowElements("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col")
				.allowAttributes("colspan", "rowspan").matching(Pattern.compile("[0-9]{1,3}")).onElements("td", "th")
				.toFactory());
	}

	private RichText() {
	}

	public static String sanitise(String html) {
		return html == null ? "" : POLICY.sanitize(html);
	}

	/**
	 * The same rules, with the caller deciding each image: {@code imageSrc} gets every img src as written (http,
	 * https, data:, blob:, file: or a relative URL; other schemes never reach it) and answers the src to keep, or null to drop
	 * the image, which then goes whole (an img without src is not kept). It may store what a data: URL carries
	 * and answer the stored image's URL.
	 */
	public static String sanitise(String html, UnaryOperator<String> imageSrc) {
		if (html == null) {
			return "";
		}
		AttributePolicy src = (element, attribute, value) -> imageSrc.apply(value);
		PolicyFactory policy = policy(new HtmlPolicyBuilder()
			.allowElements((element, attributes) -> hasSrc(attributes) ? element : null, "img")
			.allowAttributes("src").matching(src).onElements("img")
			// the callback sees data: images to store them, and what it drops (a pasted document's file: pictures, a
			// blob: the editor had not uploaded) to say so; links keep their own protocols (no data: there)
			.allowUrlProtocols("http", "https", "data", "blob", "file"));
		return policy.sanitize(html);
	}

	/** Whether the attributes kept (name, value, name, value...) still hold a src. */
	private static boolean hasSrc(java.util.List<String> attributes) {
		for (int i = 0; i < attributes.size(); i += 2) {
			if ("src".equals(attributes.get(i))) {
				return true;
			}
		}
		return false;
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
