package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.RichText;
import cn.partybuilding.shared.Role;

/**
 * Real XSS payloads (src/test/resources/content/xss-payloads.txt) through the content cleaner: nothing executable
 * is left, read back the way a browser reads it (jsoup's HTML5 parser), twice over for mutations.
 */
class ContentHtmlXssTest {

	/** What the cleaner may leave: the editor's formatting, blocks, links, images and tables. */
	static final Set<String> ALLOWED = Set.of("b", "i", "font", "s", "u", "o", "sup", "sub", "ins", "del", "strong",
			"strike", "tt", "code", "big", "small", "br", "span", "em", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
			"ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "hr", "pre", "table", "thead", "tbody",
			"tfoot", "tr", "td", "th", "caption", "colgroup", "col");

	static final Set<String> FORBIDDEN = Set.of("script", "iframe", "object", "embed", "svg", "math", "form", "meta",
			"link", "style", "base", "frame", "frameset", "applet", "input", "button", "textarea", "select", "noscript",
			"template", "xmp", "plaintext", "video", "audio", "source", "param", "isindex", "keygen", "title");

	private static final Pattern BAD_URL = Pattern.compile("^(javascript|vbscript|data|livescript|file):.*",
			Pattern.DOTALL);

	static List<String> payloads() throws IOException {
		try (InputStream in = ContentHtmlXssTest.class.getResourceAsStream("/content/xss-payloads.txt")) {
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
	static ContentHtml cleaner() {
		ContentImages real = new ContentImages(null, null, null, 1600, 40_000_000, DataSize.ofMegabytes(10), 300, 0.85f);
		ContentImages images = mock(ContentImages.class);
		when(images.maxBytes()).thenReturn(real.maxBytes());
		when(images.store(any(Caller.class), any(byte[].class), anyString())).thenAnswer(call -> {
			ContentImages.Encoded encoded = real.encode(call.getArgument(1), call.getArgument(2));
			String key = ContentImages.newKey();
			return new ContentImages.StoredImage(key, ContentImages.url(key), encoded.width(), encoded.height());
		});
		return new ContentHtml(images);
	}

	static final Caller AUTHOR = new Caller(1, "author", "author", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, 1)));

	@Test
	void noPayloadLeavesAnythingExecutable() throws IOException {
		ContentHtml cleaner = cleaner();
		List<String> payloads = payloads();
		assertThat(payloads).hasSizeGreaterThan(100);
		List<String> failures = new ArrayList<>();
		for (String payload : payloads) {
			for (String wrapped : List.of(payload, "<p>" + payload + "</p>", "<table><tr><td>" + payload + "</td></tr></table>")) {
				String cleaned = cleaner.clean(wrapped, AUTHOR).html();
				List<String> problems = problems(cleaned);
				// the way a browser would read it after a round trip (mutation XSS needs two parses)
				problems.addAll(problems(Jsoup.parseBodyFragment(cleaned).body().html()));
				if (!problems.isEmpty()) {
					failures.add(payload + "\n  => " + cleaned + "\n  " + problems);
				}
			}
			// learning's sanitiser (same rules, its own image rule) leaves nothing either
			List<String> learning = problems(RichText.sanitise(payload));
			learning.removeIf(p -> p.startsWith("img src not ours"));
			if (!learning.isEmpty()) {
				failures.add("learning: " + payload + "\n  " + learning);
			}
		}
		assertThat(failures).as(String.join("\n", failures)).isEmpty();
	}

	/** The checker itself sees the danger in the payloads as they come (else its silence above would prove nothing). */
	@Test
	void theCheckerCatchesTheRawPayloads() throws IOException {
		List<String> payloads = payloads();
		// inert as written: tags cut off at the end of input (browsers drop them too), escapes a browser never decodes,
		// markup inside an attribute value (a danger only to a cleaner that writes values back unescaped)
		Set<String> inert = Set.of("<IMG SRC=\"`<javascript:alert>`('XSS')\"", "<IMG SRC=\"javascript:alert('XSS')\"",
				"<iframe src=https://evil.example/xss.html <", "<a href=\"\\x01javascript:alert(1)\">click</a>",
				"<a href=\"%6A%61%76%61%73%63%72%69%70%74:alert(1)\">x</a>",
				"<table><td><a href=\"</td><img src=x onerror=alert(1)>\">x</a></td></table>");
		assertThat(payloads.stream().filter(p -> !inert.contains(p) && problems(p).isEmpty())).isEmpty();
	}

	/** What in this HTML could run, load something or frame the page; empty when nothing. */
	static List<String> problems(String html) {
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
	static String cssUnescaped(String css) {
		return Pattern.compile("\\\\([0-9a-fA-F]{1,6})\\s?|\\\\(.)").matcher(css)
			.replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) != null
					? Character.toString(Integer.parseInt(m.group(1), 16)) : m.group(2)))
			.toLowerCase(Locale.ROOT);
	}

	@Test
	void formattingSurvives() {
		String html = "<h2 style=\"text-align:center\">T</h2><p><b>b</b><i>i</i><u>u</u>"
				+ "<span style=\"color:#c00000;font-size:14pt;background-color:yellow\">c</span></p>"
				+ "<ul><li>one</li></ul><ol><li>two</li></ol>"
				+ "<table><tr><td colspan=\"2\" rowspan=\"3\" style=\"width:100pt\">x</td></tr></table>"
				+ "<a href=\"https://www.example.edu.cn/a\">link</a>";
		String cleaned = cleaner().clean(html, AUTHOR).html();
		assertThat(cleaned).contains("<h2 style=\"text-align:center\">", "<b>b</b>", "<i>i</i>", "<u>u</u>",
				"color:#c00000", "font-size:14pt", "background-color:yellow", "<ul><li>one</li></ul>",
				"<ol><li>two</li></ol>", "colspan=\"2\"", "rowspan=\"3\"", "width:100pt",
				"href=\"https://www.example.edu.cn/a\"");
	}

	@Test
	void imagesOfOursStayOthersGoWithAWarning() {
		String ours = "/content/images/" + ContentImages.newKey();
		ContentHtml.Cleaned cleaned = cleaner().clean("<p><img src=\"" + ours + "\" alt=\"&#x5408;&amp;\">"
				+ "<img src=\"https://tracker.example/p.gif\" alt=\"t\"><img src=\"//x.example/a.png\">"
				+ "<img src=\"/logout\"></p>", AUTHOR);
		assertThat(cleaned.html()).isEqualTo("<p><img src=\"" + ours + "\" alt=\"\u5408&amp;\" /></p>");
		assertThat(cleaned.altTexts()).containsExactly("\u5408&");
		assertThat(cleaned.warnings()).singleElement().satisfies(w -> {
			assertThat(w.messageKey()).isEqualTo("content.html.externalImages");
			assertThat(w.args()).containsExactly(3);
		});
	}

	@Test
	void anEmbeddedImageThatIsNoPictureGoesWithAWarning() {
		ContentHtml.Cleaned cleaned = cleaner().clean("<p>a<img src=\"data:image/png;base64,"
				+ java.util.Base64.getEncoder().encodeToString("<svg onload=alert(1)>".getBytes()) + "\">b</p>", AUTHOR);
		assertThat(cleaned.html()).isEqualTo("<p>ab</p>");
		assertThat(cleaned.warnings()).extracting(w -> w.messageKey()).containsExactly("content.image.notImage");
	}

	@Test
	void aPictureTheEditorHadNotUploadedGoesWithItsOwnWarning() {
		ContentHtml.Cleaned cleaned = cleaner().clean("<p>a<img src=\"blob:http://localhost:8080/0f6d3c1e-5a2b\">b</p>", AUTHOR);
		assertThat(cleaned.html()).isEqualTo("<p>ab</p>");
		assertThat(cleaned.warnings()).extracting(w -> w.messageKey()).containsExactly("content.html.unsentImages");
	}

	@Test
	void emptyBodies() {
		assertThat(cleaner().clean(null, AUTHOR).html()).isEmpty();
		assertThat(cleaner().clean("  ", AUTHOR).html()).isEmpty();
	}
}
