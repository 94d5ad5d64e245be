package cn.partybuilding.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Real XSS payloads (src/test/resources/content/xss-payloads.txt: the OWASP filter evasion cheat sheet, the
 * PortSwigger cheat sheet, known mutation XSS) and a check of what in some HTML could still run, for the cleaner's
 * tests and the browser journey (render each cleaned payload, assert no dialog opens).
 */
public final class XssPayloads {

	private XssPayloads() {
	}

	/** What the cleaner may leave: the editor's formatting, blocks, links, images and tables. */
	public static final Set<String> ALLOWED = Set.of("b", "i", "font", "s", "u", "o", "sup", "sub", "ins", "del", "strong",
			"strike", "tt", "code", "big", "small", "br", "span", "em", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
			"ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "hr", "pre", "table", "thead", "tbody",
			"tfoot", "tr", "td", "th", "caption", "colgroup", "col");

	public static final Set<String> FORBIDDEN = Set.of("script", "iframe", "object", "embed", "svg", "math", "form", "meta",
			"link", "style", "base", "frame", "frameset", "applet", "input", "button", "textarea", "select", "noscript",
			"template", "xmp", "plaintext", "video", "audio", "source", "param", "isindex", "keygen", "title");

	private static final Pattern BAD_URL = Pattern.compile("^(javascript|vbscript|data|livescript|file):.*",
			Pattern.DOTALL);

	public static List<String> all() throws IOException {
		try (InputStream in = XssPayloads.class.getResourceAsStream("/content/xss-payloads.txt")) {
			List<String> lines = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank() && !line.startsWith("# ")) {
					lines.add(line);
				}
			}
			return lines;
		}
	}

	/** A cleaner whose image store re-encodes for real but keeps nothing (no database here). */
	/** What in this HTML could run, load something or frame the page; empty when nothing. */
	public static List<String> executableIn(String html) {
		List<String> problems = new ArrayList<>();
		if (html.toLowerCase(Locale.ROOT).contains("<script")) {
			problems.add("script text");
		}
		Document doc = Jsoup.parse(html);
		for (Element e : doc.getAllElements()) {
			String name = e.normalName();
			boolean frame = e == doc || e == doc.head() || e == doc.body() || name.equals("html");
			if (!frame && (FORBIDDEN.contains(name) || !ALLOWED.contains(name))) {
				problems.add("element " + name);
			}
			for (Attribute a : e.attributes()) {
				String key = a.getKey().toLowerCase(Locale.ROOT);
				String value = a.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
				if (key.startsWith("on")) {
					problems.add("handler " + key);
				}
				if (Set.of("href", "src", "action", "formaction", "xlink:href", "background", "data", "dynsrc", "lowsrc",
						"srcdoc", "poster").contains(key) && BAD_URL.matcher(value).matches()) {
					problems.add(key + "=" + value);
				}
				if (key.equals("srcdoc") || key.equals("class") || key.equals("target") || key.contains(":")
						|| value.contains("&{")) {
					problems.add("attribute " + key);
				}
				if (key.equals("style")) {
					String css = cssUnescaped(value);
					if (css.contains("url(") || css.contains("expression") || css.contains("behavior")
							|| css.contains("binding") || css.contains("position") || css.contains("@import")) {
						problems.add("style " + value);
					}
				}
			}
			if (name.equals("img") && !ContentImages.OWN_URL.matcher(e.attr("src")).matches()) {
				problems.add("img src not ours: " + e.attr("src"));
			}
		}
		return problems;
	}

	/** CSS as a browser reads its escapes: a backslash and hex digits are a character, a backslash else nothing. */
	private static String cssUnescaped(String css) {
		return Pattern.compile("\\\\([0-9a-fA-F]{1,6})\\s?|\\\\(.)").matcher(css)
			.replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) != null
					? Character.toString(Integer.parseInt(m.group(1), 16)) : m.group(2)))
			.toLowerCase(Locale.ROOT);
	}
}
