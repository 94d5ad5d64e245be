package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

import cn.partybuilding.shared.PlatformZone;

/**
 * A member studies this week's outline on a phone: the phone home shows it, the article page reports visible time
 * by heartbeat (every 2 s here; the account's clock is moved back as if each beat came 18 s after the last, so the
 * test waits seconds, not minutes), and the outline shows finished without a click. A video page loads and its
 * file answers a Range request with 206. First-load page weights are printed (no page over 500 KB).
 */
@TestPropertySource(properties = "party.learning.heartbeat-seconds=2")
class StudyJourneyTest extends BrowserTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	JdbcClient jdbc;

	JavascriptExecutor js() {
		return (JavascriptExecutor) browser;
	}

	/** Posts JSON from the signed-in page (its CSRF token from the layout's meta tag) and gives the answer's id. */
	long postJson(String path, Map<String, Object> body) throws Exception {
		Object id = js().executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var token = document.querySelector('meta[name=_csrf]').content;
				fetch(arguments[0], { method: 'POST', body: arguments[1],
				    headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token } })
				  .then(function (r) { return r.json(); }).then(function (j) { done(j.id || JSON.stringify(j)); })
				  .catch(function (e) { done(String(e)); });""", path, JSON.writeValueAsString(body));
		return Long.parseLong(String.valueOf(id));
	}

	/** Uploads a file material from the signed-in page, as the management page's form would. */
	long upload(String kind, String fileName, String type, byte[] bytes, String title, long orgId) {
		Object id = js().executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var bin = atob(arguments[0]);
				var bytes = new Uint8Array(bin.length);
				for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
				var form = new FormData();
				form.append('file', new Blob([bytes], { type: arguments[3] }), arguments[2]);
				form.append('kind', arguments[1]);
				form.append('title', arguments[4]);
				form.append('orgId', arguments[5]);
				form.append('audience', 'SUBTREE');
				var token = document.querySelector('meta[name=_csrf]').content;
				fetch('/api/v1/learning/materials', { method: 'POST', body: form, headers: { 'X-CSRF-TOKEN': token } })
				  .then(function (r) { return r.json(); }).then(function (j) { done(j.id || JSON.stringify(j)); })
				  .catch(function (e) { done(String(e)); });""", Base64.getEncoder().encodeToString(bytes), kind, fileName,
				type, title, String.valueOf(orgId));
		return Long.parseLong(String.valueOf(id));
	}

	static byte[] pdf() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document doc = new Document();
		PdfWriter.getInstance(doc, out);
		doc.open();
		doc.add(new Paragraph("The Constitution of the Communist Party of China: General Program"));
		doc.close();
		return out.toByteArray();
	}

	/** Tap targets under 44 px high that the phone shows (text links inside an article's own body aside). */
	@SuppressWarnings("unchecked")
	List<String> smallTargets() {
		return (List<String>) js().executeScript("""
				var small = [];
				document.querySelectorAll('a, button, input, select, summary').forEach(function (el) {
				  if (el.closest('#article-body')) { return; }
				  var r = el.getBoundingClientRect();
				  if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') { return; }
				  if (r.height < 44) { small.push(el.tagName + '#' + el.id + ' "' + el.textContent.trim().slice(0, 20) + '" ' + r.height); }
				});
				return small;""");
	}

	void phoneFits(String page) {
		assertThat(smallTargets()).as("targets under 44 px on " + page).isEmpty();
		Long scrollWidth = (Long) js().executeScript("return document.documentElement.scrollWidth");
		assertThat(scrollWidth).as("width of " + page).isLessThanOrEqualTo(375L);
	}

	/** The bytes a fresh load of the page moved: the document and every resource (the cache is off). */
	long pageWeight(String path) throws Exception {
		browser.get(url(path));
		wait.until(d -> "complete".equals(js().executeScript("return document.readyState")));
		Thread.sleep(1000); // the icon font comes after the styles
		return ((Number) js().executeScript("""
				var total = performance.getEntriesByType('navigation')[0].transferSize;
				performance.getEntriesByType('resource').forEach(function (e) { total += e.transferSize; });
				return total;""")).longValue();
	}

	@Test
	void aMemberFinishesThisWeeksOutlineOnThePhoneByStudyingIt() throws Exception {
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		long branch = jdbc.sql("select id from organization where code = 'SFDX-JSJ-01'").query(Long.class).single();
		long account = jdbc.sql("select id from account where username = 'member1'").query(Long.class).single();
		String title = "本周学习纲要 " + UUID.randomUUID().toString().substring(0, 6);
		LocalDate today = LocalDate.now(PlatformZone.ZONE);

		signIn("branch1");
		long article = postJson("/api/v1/learning/materials", Map.of("kind", "ARTICLE", "title", "必学：党章总纲",
				"body", "<h2>总纲</h2><p>中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队。</p>",
				"orgId", branch, "audience", "SUBTREE", "tags", List.of("党章")));
		byte[] clip;
		try (InputStream in = getClass().getResourceAsStream("/demo/learning/demo-clip.mp4")) {
			clip = in.readAllBytes();
		}
		long video = upload("VIDEO", "clip.mp4", "video/mp4", clip, "微视频：红船精神", branch);
		long pdf = upload("PDF", "constitution.pdf", "application/pdf", pdf(), "党章（PDF）", branch);
		long outline = postJson("/api/v1/learning/outlines", Map.of("orgId", branch, "week",
				String.format("%d-W%02d", today.get(IsoFields.WEEK_BASED_YEAR), today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
				"title", title, "topic", "学习党章总纲", "required", List.of(article), "optional", List.of(video),
				"dueOn", today.plusDays(3).toString()));
		signOut();

		// the member, on a phone: the home shows this week's outline and what is left
		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("member1");
		String card = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card-outline"))).getText();
		assertThat(card).contains(title).contains("必学：党章总纲");
		assertThat(browser.findElement(By.id("member-tabs")).isDisplayed()).isTrue();
		assertThat(browser.findElements(By.id("card-points"))).hasSize(1);
		screenshot("60-phone-home");
		phoneFits("/");

		// the required article: heartbeats count the visible time, nothing is clicked
		browser.findElement(By.cssSelector("#card-outline a[href='/study/materials/" + article + "']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("study-progress")));
		phoneFits("/study/materials/" + article);
		boolean finished = false;
		for (int i = 0; i < 20 && !finished; i++) {
			// as if the page's previous heartbeat came 18 s ago (the time a reader spends between two beats)
			jdbc.sql("update learning_clock set last_beat_at = now() - interval '18 seconds' where account_id = ?")
				.param(account).update();
			Thread.sleep(2500);
			finished = !browser.findElement(By.id("progress-finished")).getAttribute("class").contains("d-none");
		}
		assertThat(finished).as("the article finished by heartbeats alone").isTrue();
		System.out.println("reading time counted: " + browser.findElement(By.id("progress-done")).getText() + " of "
				+ browser.findElement(By.id("progress-needed")).getText());
		screenshot("61-article-finished");

		browser.get(url("/study/outlines/" + outline));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outline-finished"))).getText())
			.isEqualTo("已完成");
		phoneFits("/study/outlines/" + outline);
		screenshot("62-outline-finished");
		browser.get(url("/"));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card-outline"))).getText())
			.contains(title + "：已完成");

		// the video: it loads, and its file answers a Range request with 206 and just those bytes
		browser.get(url("/study/materials/" + video));
		wait.until(d -> ((Number) js().executeScript("return document.getElementById('study-media').readyState")).intValue() >= 1);
		@SuppressWarnings("unchecked")
		Map<String, Object> ranged = (Map<String, Object>) js().executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				fetch(document.getElementById('study-media').src, { headers: { Range: 'bytes=100-199' } })
				  .then(function (r) { return r.arrayBuffer().then(function (b) {
				    done({ status: r.status, range: r.headers.get('Content-Range'), length: b.byteLength }); }); });""");
		assertThat(ranged).containsEntry("status", 206L).containsEntry("length", 100L);
		assertThat((String) ranged.get("range")).startsWith("bytes 100-199/");
		// played for a few seconds, a seek far ahead, a few seconds more: only what really played is counted
		js().executeScript("var v = document.getElementById('study-media'); v.muted = true; v.play();");
		Thread.sleep(4000);
		js().executeScript("document.getElementById('study-media').currentTime = 24;");
		Thread.sleep(3000);
		js().executeScript("document.getElementById('study-media').pause();");
		Thread.sleep(3000); // the next heartbeat carries the last range
		String played = browser.findElement(By.id("progress-done")).getText();
		System.out.println("video played as counted by the server: " + played + " (the seek skipped 0:04 to 0:24)");
		int seconds = Integer.parseInt(played.split(":")[0]) * 60 + Integer.parseInt(played.split(":")[1]);
		assertThat(seconds).as("played seconds").isBetween(2, 12);
		phoneFits("/study/materials/" + video);
		screenshot("63-video");
		// the PDF is shown in the page: its file may be framed by this site (a refusal would be in the browser's log)
		browser.get(url("/study/materials/" + pdf));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pdf-frame")));
		Thread.sleep(2000);
		screenshot("65-pdf");
		browser.get(url("/study"));
		phoneFits("/study");
		browser.get(url("/me"));
		phoneFits("/me");
		screenshot("64-me");
		noContentSecurityViolations();

		// what a first visit moves over the line, the cache off
		((ChromeDriver) browser).executeCdpCommand("Network.enable", Map.of());
		((ChromeDriver) browser).executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
		for (String page : List.of("/", "/study", "/study/materials/" + article, "/me")) {
			long bytes = pageWeight(page);
			System.out.printf("page weight, first load: %-28s %,9d bytes%n", page, bytes);
			assertThat(bytes).as(page).isLessThan(500_000L);
		}
	}
}
