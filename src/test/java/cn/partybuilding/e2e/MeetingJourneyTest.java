package cn.partybuilding.e2e;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secretary plans a meeting and opens the check-in screen; a member, on a phone-sized window and not
 * yet signed in, opens the QR code's link, signs in, lands checked in; the secretary sees it.
 */
class MeetingJourneyTest extends BrowserTest {

	void setValue(String id, String value) {
		((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
	}

	@Test
	void aSecretaryPlansAMemberChecksInFromThePhoneAndTheSecretarySeesIt() throws Exception {
		signIn("branch1");
		browser.get(url("/meetings"));
		browser.findElement(By.id("plan-link")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-form")));
		LocalDateTime now = LocalDateTime.now(PlatformZone.ZONE).truncatedTo(ChronoUnit.MINUTES);
		new Select(browser.findElement(By.id("type"))).selectByValue("THEME_DAY");
		browser.findElement(By.id("topic")).sendKeys("主题党日：重温入党誓词");
		setValue("startAt", now.minusMinutes(1).toString());
		setValue("endAt", now.plusMinutes(2).toString()); // short, so the minutes can be signed off after it
		browser.findElement(By.id("place")).sendKeys("计算机楼 301");
		press(By.cssSelector("#plan-form button[type=submit]"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("open-screen")));
		String detail = browser.getCurrentUrl();
		screenshot("20-meeting-planned");

		browser.get(detail + "/screen");
		String link = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("img.checkin-qr")))
			.getAttribute("data-link");
		screenshot("21-checkin-screen");
		assertThat(link).contains("/checkin?token=");

		// the member, on a phone, not signed in: the link asks for the sign-in and then checks in
		signOut();
		browser.manage().window().setSize(new Dimension(375, 812));
		browser.get(link);
		wait.until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.id("username")).sendKeys("member1");
		browser.findElement(By.id("password")).sendKeys("Demo@2026");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkin-result")));
		assertThat(browser.findElement(By.id("checkin-result")).getText()).contains("签到成功");
		screenshot("22-phone-checked-in");
		fitsThePhone();

		signOut();
		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("branch1");
		browser.get(detail);
		String attendance = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attendance"))).getText();
		assertThat(attendance).contains("赵红梅");
		assertThat(attendance).containsAnyOf("已到", "迟到");
		screenshot("23-attendance");

		// the secretary writes the minutes, and once the meeting is over signs them off
		WebElement minutes = browser.findElement(By.id("minutes-text"));
		minutes.sendKeys("重温入党誓词，交流学习体会。");
		press(By.cssSelector("button[name=action][value=save]"));
		// saved back to this same page: wait until the page it was typed on has gone
		wait.until(ExpectedConditions.stalenessOf(minutes));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("minutes-text")));
		assertThat(browser.findElement(By.id("minutes-text")).getText()).contains("重温入党誓词");
		screenshot("24-minutes");
		new WebDriverWait(browser, Duration.ofSeconds(200))
			.pollingEvery(Duration.ofSeconds(5))
			.until(d -> {
				d.navigate().refresh();
				return d.findElement(By.id("sign-off")).isEnabled();
			});
		press(By.id("sign-off"));
		browser.switchTo().alert().accept();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("minutes-signed")));
		assertThat(browser.findElements(By.id("minutes-text"))).isEmpty();
		screenshot("25-minutes-signed");
		noContentSecurityViolations();
	}
}
