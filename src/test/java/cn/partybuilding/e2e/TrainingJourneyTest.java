package cn.partybuilding.e2e;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committee organises a training class for the teacher-branch secretaries and opens a session's check-in
 * screen; a secretary, on a phone-sized window and not yet signed in, opens the QR code's link, signs in and lands
 * checked in; the committee sees it in the attendance table and looks at the secretaries' hours and the chart.
 */
class TrainingJourneyTest extends BrowserTest {

	void setValue(String id, String value) {
		((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
	}

	@Test
	void theCommitteeOrganisesAClassASecretaryChecksInFromThePhoneAndTheCommitteeSeesIt() throws Exception {
		signIn("admin");
		browser.get(url("/training/classes"));
		browser.findElement(By.id("new-class")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("class-form")));
		new Select(browser.findElement(By.id("orgId"))).selectByVisibleText("示范大学党委");
		browser.findElement(By.id("title")).sendKeys("教工党支部书记专题轮训");
		browser.findElement(By.id("requiredHours")).sendKeys("2");
		LocalDateTime now = LocalDateTime.now(PlatformZone.ZONE).truncatedTo(ChronoUnit.MINUTES);
		setValue("sessions[0].startAt", now.minusMinutes(5).toString());
		setValue("sessions[0].endAt", now.plusHours(2).toString());
		browser.findElement(By.id("sessions[0].place")).sendKeys("党校报告厅");
		browser.findElement(By.id("sessions[0].hours")).sendKeys("2");
		screenshot("60-training-form");
		press(By.cssSelector("#class-form button[type=submit]"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attendance")));
		String detail = browser.getCurrentUrl();
		assertThat(browser.findElement(By.id("attendance")).getText()).contains("刘洋");
		screenshot("61-training-class");

		browser.findElement(By.cssSelector("#sessions a[href$='/screen']")).click();
		String link = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("img.checkin-qr")))
			.getAttribute("data-link");
		assertThat(link).contains("/training/sessions/").contains("/checkin?token=");
		screenshot("62-training-screen");
		noContentSecurityViolations();

		// 刘洋, on a phone, not signed in: the link asks for the sign-in and then checks in
		signOut();
		browser.manage().window().setSize(new Dimension(375, 812));
		browser.get(link);
		wait.until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.id("username")).sendKeys("T-SEC-JX01");
		browser.findElement(By.id("password")).sendKeys("Demo@2026");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkin-result")));
		assertThat(browser.findElement(By.id("checkin-result")).getText()).contains("签到成功");
		screenshot("63-training-phone-checked-in");
		browser.get(url("/me/training"));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-hours"))).getText()).contains("学时");
		fitsThePhone();
		screenshot("64-training-mine");
		noContentSecurityViolations();

		signOut();
		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("admin");
		browser.get(detail);
		String attendance = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attendance"))).getText();
		assertThat(attendance).contains("刘洋").contains("结业");
		browser.get(url("/training/hours"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dual-leader-chart canvas")));
		assertThat(browser.findElement(By.id("shares")).getText()).contains("计算机科学与技术学院党委");
		screenshot("65-training-hours");
		noContentSecurityViolations();
	}
}
