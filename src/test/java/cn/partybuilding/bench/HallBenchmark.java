package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/**
 * The demo hall's first scene on a phone over a 4G-like link (1.6 Mbit/s, 150 ms round trip): what the viewer page
 * makes the browser fetch before the first scene shows, in bytes as sent (text gzip-compressed, as the server's
 * compression does; images as they are), and the time that takes by a simple model, printed:
 * <ul>
 * <li>connection: 2 round trips (TCP, TLS 1.3);</li>
 * <li>the page: 1 round trip and its bytes;</li>
 * <li>then the styles, scripts and the scene's preview (named in the page) together over one link: 1 round trip and
 * all their bytes (the preview shows as the poster as soon as it arrives; the 360° sphere draws from the same
 * preview once three.js has run);</li>
 * <li>then the phone size that sharpens the scene: 1 round trip and its bytes.</li>
 * </ul>
 * A cold first visit with nothing cached; a second visit needs only the page, the preview and the phone size.
 */
class HallBenchmark extends PlatformTest {

	static final double BYTES_PER_SECOND = 1.6e6 / 8;

	static final double RTT = 0.150;

	private record Fetched(String url, long raw, long sent) {
	}

	@Test
	void firstSceneOnAPhoneOverFourG() throws Exception {
		RequestPostProcessor member = login("member1");
		long hall = jdbc.sql("select id from learning_hall where title = '校史馆·红色记忆 VR 展厅'").query(Long.class).single();
		MockHttpServletResponse page = mvc.perform(get("/learning/halls/{id}", hall).with(member))
			.andExpect(status().isOk()).andReturn().getResponse();
		String html = page.getContentAsString();
		Fetched pageBytes = new Fetched("/learning/halls/" + hall, html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
				gzip(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

		Set<String> critical = new LinkedHashSet<>();
		Matcher styles = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\"").matcher(html);
		while (styles.find()) {
			critical.add(styles.group(1));
		}
		Matcher scripts = Pattern.compile("<script src=\"([^\"]+)\"").matcher(html);
		while (scripts.find()) {
			critical.add(scripts.group(1));
		}
		Matcher poster = Pattern.compile("id=\"hall-poster\" src=\"([^\"]+)\"").matcher(html);
		if (!poster.find()) {
			throw new IllegalStateException("no poster in the viewer page");
		}
		String preview = poster.group(1).replace("&amp;", "&");
		critical.add(preview);
		Matcher phoneMatch = Pattern.compile("data-phone=\"([^\"]+)\"").matcher(html);
		phoneMatch.find();
		String phone = phoneMatch.group(1);

		List<Fetched> fetched = new ArrayList<>();
		for (String url : critical) {
			fetched.add(fetch(url, member));
		}
		Fetched sharp = fetch(phone, member);
		Fetched font = fetch("/webjars/bootstrap-icons/font/fonts/bootstrap-icons.woff2", member);

		System.out.printf("%n== the demo hall's first scene on a phone, 4G-like link: %.1f Mbit/s, %.0f ms round trip ==%n",
				BYTES_PER_SECOND * 8 / 1e6, RTT * 1000);
		System.out.printf("  %-60s %9s %9s%n", "resource", "bytes", "sent");
		System.out.printf("  %-60s %9d %9d%n", pageBytes.url(), pageBytes.raw(), pageBytes.sent());
		long criticalSent = 0;
		long imageSent = 0;
		for (Fetched f : fetched) {
			System.out.printf("  %-60s %9d %9d%n", f.url(), f.raw(), f.sent());
			criticalSent += f.sent();
			if (f.url().equals(preview)) {
				imageSent = f.sent();
			}
		}
		System.out.printf("  %-60s %9d %9d  (sharpens the scene afterwards)%n", sharp.url(), sharp.raw(), sharp.sent());
		System.out.printf("  %-60s %9d %9d  (icons: not needed to see the scene)%n", font.url(), font.raw(), font.sent());

		double connect = 2 * RTT;
		double pageDone = connect + RTT + pageBytes.sent() / BYTES_PER_SECOND;
		double firstScene = pageDone + RTT + criticalSent / BYTES_PER_SECOND;
		double posterOnly = pageDone + RTT + imageSent / BYTES_PER_SECOND;
		double sharpScene = firstScene + RTT + sharp.sent() / BYTES_PER_SECOND;
		double secondVisit = connect + RTT + pageBytes.sent() / BYTES_PER_SECOND + RTT + imageSent / BYTES_PER_SECOND;
		System.out.printf("  first scene: %d bytes before it shows (page %d + styles, scripts and preview %d)%n",
				pageBytes.sent() + criticalSent, pageBytes.sent(), criticalSent);
		System.out.printf("  estimated: the 360° scene drawn (cold, nothing cached) %.2f s [budget 2 s]; the preview alone "
				+ "%.2f s if it came first; sharp at phone size %.2f s; a second visit (scripts cached) %.2f s%n",
				firstScene, posterOnly, sharpScene, secondVisit);
	}

	private Fetched fetch(String url, RequestPostProcessor who) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn()
			.getResponse();
		byte[] body = response.getContentAsByteArray();
		String type = response.getContentType() == null ? "" : response.getContentType();
		boolean text = type.startsWith("text/") || type.contains("javascript") || type.contains("json")
				|| type.contains("svg");
		return new Fetched(url, body.length, text ? gzip(body) : body.length);
	}

	private static long gzip(byte[] bytes) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(bytes);
		}
		return out.size();
	}
}
