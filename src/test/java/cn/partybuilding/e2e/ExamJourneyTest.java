package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An exam on the phone: the branch sets a five-question test through the API; member1 finds it under 我的考试,
 * starts it, answers four questions (each saved as chosen), refreshes the page and finds the answers and the
 * server's remaining time as they were, submits after a confirmation naming the question left unanswered, and
 * sees the score.
 */
class ExamJourneyTest extends BrowserTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	JdbcClient jdbc;

	JavascriptExecutor js() {
		return (JavascriptExecutor) browser;
	}

	void click(WebElement element) {
		js().executeScript("arguments[0].click();", element);
	}

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

	long question(long org, Map<String, Object> fields) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("score", 2, "explanation", "解析", "tags", List.of("党章"),
				"difficulty", 2, "orgId", org));
		body.putAll(fields);
		return postJson("/api/v1/exam/questions", body);
	}

	String state(long question) {
		return browser.findElement(By.id("state-" + question)).getAttribute("data-state");
	}

	int remaining() {
		return Integer.parseInt(browser.findElement(By.id("countdown")).getAttribute("data-remaining"));
	}

	@Test
	void aMemberTakesAnExamOnThePhoneRefreshesAndFindsAnswersAndTimeAsTheyWere() throws Exception {
		long org = jdbc.sql("select id from organization where code = 'SFDX-JSJ-01'").query(Long.class).single();
		String tag = UUID.randomUUID().toString().substring(0, 6);
		browser.manage().window().setSize(new Dimension(390, 844));
		signIn("branch1");
		long single = question(org, Map.of("type", "SINGLE", "text", "党的最高领导机关是 " + tag, "options",
				List.of("全国代表大会和它所产生的中央委员会", "中央政治局", "中央书记处"), "answer", "A"));
		long multiple = question(org, Map.of("type", "MULTIPLE", "text", "党员的义务包括 " + tag, "options",
				List.of("认真学习", "贯彻执行党的基本路线", "享有特权"), "answer", List.of("A", "B")));
		long truth = question(org, Map.of("type", "TRUE_FALSE", "text", "预备党员的预备期为一年 " + tag, "answer", true));
		long fill = question(org, Map.of("type", "FILL", "text", "党的根本组织原则是（　）" + tag, "answer",
				List.of(List.of("民主集中制"))));
		long shortAnswer = question(org, Map.of("type", "SHORT", "text", "谈谈三会一课 " + tag, "answer", "按时召开"));
		String title = "手机测试 " + tag;
		Map<String, Object> exam = new HashMap<>(Map.of("title", title, "orgId", org, "audience", Map.of("scope", "BRANCH"),
				"questionIds", List.of(single, multiple, truth, fill, shortAnswer), "opensAt",
				Instant.now().minus(1, ChronoUnit.HOURS).toString(), "closesAt",
				Instant.now().plus(2, ChronoUnit.HOURS).toString(), "durationMinutes", 20, "attempts", 1, "passMark", 6));
		exam.put("shuffle", false);
		long examId = postJson("/api/v1/exams", exam);

		browser.manage().deleteAllCookies();
		signIn("member1");
		browser.get(url("/study/exams"));
		WebElement line = browser.findElement(By.cssSelector("[data-exam='" + examId + "']"));
		click(line.findElement(By.cssSelector(".exam-start")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("start-exam")));
		click(browser.findElement(By.id("start-exam")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exam-paper")));
		String paperUrl = browser.getCurrentUrl();
		assertThat(paperUrl).matches(".*/study/exam-attempts/\\d+");

		click(browser.findElement(By.cssSelector("input[name='q-" + single + "'][value='A']")));
		click(browser.findElement(By.cssSelector("input[name='q-" + multiple + "'][value='A']")));
		click(browser.findElement(By.cssSelector("input[name='q-" + multiple + "'][value='B']")));
		click(browser.findElement(By.cssSelector("input[name='q-" + truth + "'][value='true']")));
		browser.findElement(By.cssSelector("input[name='q-" + fill + "']")).sendKeys("民主 集中制");
		wait.until(d -> List.of(single, multiple, truth, fill).stream().allMatch(q -> state(q).equals("saved")));
		assertThat(browser.findElement(By.id("answered-count")).getText()).contains("4/5");
		screenshot("exam-paper");
		int before = remaining();
		assertThat(before).isBetween(19 * 60, 20 * 60);

		// a refresh (or another phone): the same answers, the same time left — the clock is the server's
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exam-paper")));
		assertThat(browser.getCurrentUrl()).isEqualTo(paperUrl);
		assertThat(browser.findElement(By.cssSelector("input[name='q-" + single + "'][value='A']")).isSelected()).isTrue();
		assertThat(browser.findElement(By.cssSelector("input[name='q-" + multiple + "'][value='B']")).isSelected()).isTrue();
		assertThat(browser.findElement(By.cssSelector("input[name='q-" + multiple + "'][value='C']")).isSelected()).isFalse();
		assertThat(browser.findElement(By.cssSelector("input[name='q-" + truth + "'][value='true']")).isSelected()).isTrue();
		assertThat(browser.findElement(By.cssSelector("input[name='q-" + fill + "']")).getAttribute("value"))
			.isEqualTo("民主 集中制");
		assertThat(remaining()).isBetween(before - 5, before + 5);

		// the connection drops: the answer waits on the phone (and in its storage), then saves when it is back
		String attempt = paperUrl.substring(paperUrl.lastIndexOf('/') + 1);
		ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
		offline.setOffline(true);
		((ChromeDriver) browser).setNetworkConditions(offline);
		click(browser.findElement(By.cssSelector("input[name='q-" + truth + "'][value='false']")));
		wait.until(d -> state(truth).equals("queued"));
		assertThat(browser.findElement(By.id("connection")).isDisplayed()).isTrue();
		assertThat((String) js().executeScript("return localStorage.getItem(arguments[0]);",
				"exam-attempt-" + attempt + "-waiting")).contains("false");
		click(browser.findElement(By.cssSelector("input[name='q-" + truth + "'][value='true']")));
		screenshot("exam-offline");
		((ChromeDriver) browser).deleteNetworkConditions();
		new WebDriverWait(browser, Duration.ofSeconds(40)).until(d -> state(truth).equals("saved"));
		assertThat(js().executeScript("return localStorage.getItem(arguments[0]);", "exam-attempt-" + attempt + "-waiting"))
			.isNull();
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exam-paper")));
		assertThat(browser.findElement(By.cssSelector("input[name='q-" + truth + "'][value='true']")).isSelected()).isTrue();

		// submitting asks first, naming the unanswered question
		click(browser.findElement(By.id("submit-exam")));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text")));
		assertThat(browser.findElement(By.id("confirm-text")).getText()).contains("5");
		screenshot("exam-confirm");
		click(browser.findElement(By.id("confirm-submit")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exam-result")));
		assertThat(browser.findElement(By.id("score")).getText()).isEqualTo("8");
		assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("及格");
		assertThat(browser.findElements(By.id("reveal-later"))).hasSize(1);
		screenshot("exam-result");
		noContentSecurityViolations();
	}
}
