package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import cn.partybuilding.shared.PlatformZone;

/**
 * 志愿服务 and 问卷 in a browser. branch1, at a desk, publishes a volunteer activity through the form and sets a survey
 * with the question editor (a single choice and a rating); member1, on a phone-sized window, signs up for the shift
 * and answers the survey; branch1 finds member1 on the shift's list, shows the rotating check-in code, and reads the
 * answer rate and the charts. No member page is wider than the phone; the browser sees no CSP violation.
 */
class VolunteerSurveyJourneyTest extends BrowserTest {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	JavascriptExecutor js() {
		return (JavascriptExecutor) browser;
	}

	/** A date-time field set as the browser's own picker would (typing into one depends on the locale). */
	void setLocal(By by, LocalDateTime value) {
		js().executeScript("arguments[0].value = arguments[1]", browser.findElement(by), LOCAL.format(value));
	}

	@Test
	void theSecretaryPublishesTheMemberSignsUpAndAnswersOnThePhoneTheSecretarySeesBoth() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		String activity = "校史馆讲解志愿服务 " + tag;
		String survey = "主题党日时间意见征集 " + tag;
		LocalDateTime start = LocalDateTime.now(PlatformZone.ZONE).plusDays(3).truncatedTo(ChronoUnit.DAYS).withHour(9);

		// branch1 publishes an activity of one shift with two places
		signIn("branch1");
		browser.get(url("/volunteer/activities/new"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("activity-form")));
		new Select(browser.findElement(By.id("orgId"))).selectByIndex(1);
		browser.findElement(By.id("title")).sendKeys(activity);
		browser.findElement(By.id("place")).sendKeys("校史馆一楼");
		browser.findElement(By.id("description")).sendKeys("为来访师生讲解校史，需提前熟悉讲解词。");
		setLocal(By.id("signUpUntil"), start.minusDays(1));
		setLocal(By.name("shifts[0].startAt"), start);
		setLocal(By.name("shifts[0].endAt"), start.plusHours(2));
		browser.findElement(By.name("shifts[0].places")).sendKeys("2");
		screenshot("196-volunteer-form");
		press(By.cssSelector("#activity-form button[type=submit]"));
		wait.until(ExpectedConditions.urlMatches(".*/volunteer/activities/\\d+$"));
		String activityPage = browser.getCurrentUrl();
		assertThat(browser.findElement(By.id("activity-facts")).getText()).contains("校史馆一楼");

		// and a survey with the editor: a single choice, then a rating on the row the editor adds
		browser.get(url("/surveys/manage/new"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("survey-form")));
		browser.findElement(By.id("title")).sendKeys(survey);
		press(By.id("anonymous"));
		new Select(browser.findElement(By.id("resultsLive"))).selectByValue("true");
		new Select(browser.findElement(By.name("questions[0].type"))).selectByValue("SINGLE");
		browser.findElement(By.name("questions[0].text")).sendKeys("主题党日安排在什么时间更合适？");
		browser.findElement(By.name("questions[0].options")).sendKeys("周六上午\n工作日晚上\n线上");
		// only the first blank row shows; 添加题目 shows the next one
		WebElement second = browser.findElement(By.cssSelector(".question-row[data-row='1']"));
		assertThat(second.isDisplayed()).isFalse();
		press(By.id("add-question"));
		assertThat(second.isDisplayed()).isTrue();
		assertThat(browser.findElement(By.cssSelector(".question-row[data-row='2']")).isDisplayed()).isFalse();
		new Select(browser.findElement(By.name("questions[1].type"))).selectByValue("RATING");
		assertThat(second.findElement(By.cssSelector(".question-options")).isDisplayed()).isFalse();
		browser.findElement(By.name("questions[1].text")).sendKeys("对上次主题党日的满意度");
		screenshot("197-survey-editor");
		press(By.id("create-survey"));
		wait.until(ExpectedConditions.urlMatches(".*/surveys/\\d+/results$"));
		String results = browser.getCurrentUrl();
		String answerPage = results.replace("/results", "");
		noContentSecurityViolations();
		signOut();

		// member1, on the phone: the activity, a place; the survey, answered
		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("member1");
		browser.get(url("/volunteer"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText(activity)));
		fitsThePhone();
		screenshot("198-volunteer-phone");
		browser.findElement(By.partialLinkText(activity)).click();
		wait.until(ExpectedConditions.urlToBe(activityPage));
		press(By.cssSelector("form[action*='/signup'] button"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
		assertThat(browser.findElement(By.cssSelector("[id^='shift-']")).getText()).contains("已报名");
		fitsThePhone();
		screenshot("199-volunteer-signed-up-phone");

		browser.get(url("/surveys"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText(survey)));
		fitsThePhone();
		browser.findElement(By.partialLinkText(survey)).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer-form")));
		assertThat(browser.findElement(By.id("anonymous-note")).isDisplayed()).isTrue();
		press(By.id("q0o0"));
		press(By.id("q1r4"));
		fitsThePhone();
		screenshot("200-survey-answer-phone");
		press(By.id("submit-answers"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("thanks")));
		assertThat(browser.getCurrentUrl()).startsWith(answerPage);
		fitsThePhone();
		noContentSecurityViolations();
		signOut();

		// branch1 again: member1 on the shift's list, the QR code, the answer counted in the rate and the charts drawn
		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("branch1");
		browser.get(activityPage);
		press(By.cssSelector("a[href*='/volunteer/shifts/']"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signups")));
		assertThat(browser.findElement(By.id("signups")).getText()).contains("赵红梅");
		String shiftPage = browser.getCurrentUrl().replaceAll("[#?].*$", "");
		browser.get(shiftPage + "/screen");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkin-code")));
		screenshot("201-volunteer-checkin-screen");
		browser.get(results);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rate-total")));
		assertThat(browser.findElement(By.id("rate-total")).getText()).contains("1");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".survey-chart canvas")));
		assertThat(browser.findElements(By.cssSelector(".survey-chart canvas"))).hasSize(2);
		screenshot("202-survey-results");
		noContentSecurityViolations();
	}
}
