package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.content.XssPayloads;

/**
 * A branch secretary writes news in the editor with a pasted picture, submits it; a second item carries every XSS
 * payload of the test list through the API. The general branch and the committee approve both on their pages, and a
 * member reads them: the picture is ours (re-encoded), and no payload opens a dialog or breaks the CSP.
 */
class ContentJourneyTest extends BrowserTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** A 1×1 PNG, as a pasted screenshot arrives in the HTML. */
	private static final String PIXEL = "data:image/png;base64,"
			+ "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

	@Autowired
	JdbcClient jdbc;

	JavascriptExecutor js() {
		return (JavascriptExecutor) browser;
	}

	String fetch(String method, String path, Map<String, Object> body) throws Exception {
		return String.valueOf(js().executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var token = document.querySelector('meta[name=_csrf]').content;
				fetch(arguments[1], { method: arguments[0], body: arguments[2],
				    headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token } })
				  .then(function (r) { return r.text(); }).then(done).catch(function (e) { done(String(e)); });""",
				method, path, JSON.writeValueAsString(body)));
	}

	void approveAs(String username, long... ids) {
		browser.manage().deleteAllCookies();
		signIn(username);
		for (long id : ids) {
			browser.get(url("/content/items/" + id));
			js().executeScript("document.getElementById('review-form').requestSubmit(document.getElementById('approve'))");
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
		}
	}

	void noDialogOpens() {
		assertThatThrownBy(() -> new WebDriverWait(browser, Duration.ofSeconds(2)).until(ExpectedConditions.alertIsPresent()))
			.isInstanceOf(TimeoutException.class);
	}

	@Test
	void newsWrittenInTheEditorAndEveryXssPayloadAreApprovedAndReadSafely() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		long org = jdbc.sql("select id from organization where code = 'SFDX-JSJ-01'").query(Long.class).single();
		signIn("branch1");
		browser.get(url("/content/items/new"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tox-edit-area iframe")));
		browser.findElement(By.id("title")).sendKeys("支部主题党日 " + tag);
		new Select(browser.findElement(By.id("orgId"))).selectByValue(Long.toString(org));
		new Select(browser.findElement(By.id("audience"))).selectByValue("PUBLIC");
		js().executeScript("tinymce.get('body').setContent(arguments[0])",
				"<p>我们重温入党誓词。</p><p><img src=\"" + PIXEL + "\" alt=\"合影\"></p>");
		screenshot("content-editor");
		js().executeScript("document.getElementById('content-form').requestSubmit(document.getElementById('save-item'))");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit-item")));
		long written = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/content/items/(\\d+).*", "$1"));
		String stored = jdbc.sql("select body from content_version where item_id = ?").param(written).query(String.class).single();
		assertThat(stored).contains("/content/images/").doesNotContain("data:");
		browser.findElement(By.id("submit-item")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-state"), "审核中"));

		Map<String, Object> item = new HashMap<>();
		item.put("kind", "NEWS");
		item.put("title", "XSS " + tag);
		item.put("body", "<p>正文</p>" + String.join("\n<p>", XssPayloads.all()));
		item.put("orgId", org);
		item.put("audience", "PUBLIC");
		long payloads = JSON.readTree(fetch("POST", "/api/v1/content/items", item)).get("id").asLong();
		assertThat(fetch("POST", "/api/v1/content/items/" + payloads + "/submit", Map.of())).contains("IN_REVIEW");

		approveAs("college1", written, payloads);
		approveAs("admin", written, payloads);

		browser.manage().deleteAllCookies();
		signIn("member1");
		browser.get(url("/news/" + written));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("article-body")));
		Object loaded = js().executeScript(
				"var i = document.querySelector('#article-body img'); return i && i.complete && i.naturalWidth > 0;");
		assertThat(loaded).isEqualTo(true);
		screenshot("content-article");
		browser.get(url("/news/" + payloads));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("article-body")));
		noDialogOpens();
		screenshot("content-xss");
		noContentSecurityViolations();
		// and on the public portal, for anyone
		browser.manage().deleteAllCookies();
		browser.get(url("/portal/items/" + payloads));
		noDialogOpens();
		browser.get(url("/portal/items/" + written));
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
		browser.get(url("/portal"));
		screenshot("content-portal-phone");
		noContentSecurityViolations();
	}
}
