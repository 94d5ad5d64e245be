package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
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
		List<String> payloads = XssPayloads.all();
		assertThat(payloads).hasSizeGreaterThan(100);
		List<String> failures = new ArrayList<>();
		for (String payload : payloads) {
			for (String wrapped : List.of(payload, "<p>" + payload + "</p>", "<table><tr><td>" + payload + "</td></tr></table>")) {
				String cleaned = cleaner.clean(wrapped, AUTHOR).html();
				List<String> problems = XssPayloads.executableIn(cleaned);
				// the way a browser would read it after a round trip (mutation XSS needs two parses)
				problems.addAll(XssPayloads.executableIn(Jsoup.parseBodyFragment(cleaned).body().html()));
				if (!problems.isEmpty()) {
					failures.add(payload + "\n  => " + cleaned + "\n  " + problems);
				}
			}
			// learning's sanitiser (same rules, its own image rule) leaves nothing either
			List<String> learning = XssPayloads.executableIn(RichText.sanitise(payload));
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
		List<String> payloads = XssPayloads.all();
		// inert as written: tags cut off at the end of input (browsers drop them too), escapes a browser never decodes,
		// markup inside an attribute value (a danger only to a cleaner that writes values back unescaped)
		Set<String> inert = Set.of("<IMG SRC=\"`<javascript:alert>`('XSS')\"", "<IMG SRC=\"javascript:alert('XSS')\"",
				"<iframe src=https://evil.example/xss.html <", "<a href=\"\\x01javascript:alert(1)\">click</a>",
				"<a href=\"%6A%61%76%61%73%63%72%69%70%74:alert(1)\">x</a>",
				"<table><td><a href=\"</td><img src=x onerror=alert(1)>\">x</a></td></table>");
		assertThat(payloads.stream().filter(p -> !inert.contains(p) && XssPayloads.executableIn(p).isEmpty())).isEmpty();
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
	void chineseFontNamesSurviveEverySave() {
		ContentHtml cleaner = cleaner();
		String once = cleaner.clean("<p><span style=\"font-family:\u4eff\u5b8b_GB2312,serif;font-size:16pt\">a</span>"
				+ "<span style='font-family:\"\u9ed1\u4f53\", \"Times New Roman\"'>b</span></p>", AUTHOR).html();
		assertThat(once).contains("\u4eff\u5b8b_gb2312", "\u9ed1\u4f53", "times new roman", "font-size:16pt");
		assertThat(cleaner.clean(once, AUTHOR).html()).isEqualTo(once);
	}

	@Test
	void emptyBodies() {
		assertThat(cleaner().clean(null, AUTHOR).html()).isEmpty();
		assertThat(cleaner().clean("  ", AUTHOR).html()).isEmpty();
	}
}
