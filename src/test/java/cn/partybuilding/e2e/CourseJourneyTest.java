package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Courses in a real browser: the college's administrator sees where people stop in the demo's 二十大 course (the
 * chart drawn by ECharts from the page's data, the CSP intact) and opens the course form, whose chapter rows appear
 * one at a time; member1 finds the half-finished course on the phone, chapter by chapter, and the finished one's
 * certificate.
 */
class CourseJourneyTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theCollegeFollowsItsCourseAndAMemberTakesItOnThePhone() throws Exception {
		long congress = jdbc.sql("select id from learning_course where title = '学习贯彻党的二十大精神专题课程'")
			.query(Long.class).single();
		signIn("college1");
		browser.get(url("/learning/courses/" + congress));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#course-funnel canvas")));
		assertThat(browser.findElements(By.cssSelector("#funnel-table tbody tr"))).hasSize(3);
		screenshot("course-progress");

		browser.get(url("/learning/courses/new"));
		List<WebElement> rows = browser.findElements(By.cssSelector(".course-chapter"));
		assertThat(rows.stream().filter(WebElement::isDisplayed).count()).isEqualTo(1);
		WebElement add = browser.findElement(By.id("add-chapter"));
		((JavascriptExecutor) browser).executeScript("arguments[0].click();", add);
		assertThat(rows.stream().filter(WebElement::isDisplayed).count()).isEqualTo(2);
		noContentSecurityViolations();

		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		signIn("member1");
		browser.get(url("/study"));
		// the phone's bottom navigation may cover a link low on the page: click it as a finger would reach it, scrolled
		((JavascriptExecutor) browser).executeScript("arguments[0].click();", browser.findElement(By.id("study-courses")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-courses")));
		((JavascriptExecutor) browser).executeScript("arguments[0].click();",
				browser.findElement(By.cssSelector("#my-courses [data-course='" + congress + "']")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-state]")));
		assertThat(browser.findElements(By.cssSelector("[data-state]")).stream().map(e -> e.getAttribute("data-state")).toList())
			.containsExactly("DONE", "IN_PROGRESS", "NOT_STARTED");
		screenshot("course-phone");
		long history = jdbc.sql("select id from learning_course where title = '党史学习教育微课：从红船到长征'")
			.query(Long.class).single();
		browser.get(url("/study/courses/" + history));
		assertThat(browser.findElement(By.id("certificate")).getAttribute("href")).matches(".*/certificates/[2-9A-Z]{12}\\.pdf");
		noContentSecurityViolations();
	}
}
