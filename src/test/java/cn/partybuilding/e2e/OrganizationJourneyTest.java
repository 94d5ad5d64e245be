package cn.partybuilding.e2e;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser signs in, opens the organisation tree, creates a branch under a college and sees it.
 */
class OrganizationJourneyTest extends BrowserTest {

	@Test
	void signsInOpensTheTreeCreatesABranchAndSeesIt() throws Exception {
		browser.get(url("/organizations"));
		wait.until(ExpectedConditions.urlContains("/login"));
		screenshot("01-login");
		signIn("admin");
		assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo("王建国");

		browser.get(url("/organizations"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("org-name")));
		browser.findElement(By.xpath("//ul[contains(@class,'org-tree')]//a[normalize-space(.)='计算机科学与技术学院党委']")).click();
		wait.until(ExpectedConditions.textToBe(By.id("org-name"), "计算机科学与技术学院党委"));
		screenshot("02-college");

		String name = "人工智能研究生党支部";
		String code = "E2E-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		browser.findElement(By.id("create-name")).sendKeys(name);
		browser.findElement(By.id("create-code")).sendKeys(code);
		new Select(browser.findElement(By.id("create-type"))).selectByValue("BRANCH");
		browser.findElement(By.cssSelector("#create-form button[type=submit]")).click();

		wait.until(ExpectedConditions.textToBe(By.id("org-name"), name));
		assertThat(browser.findElements(By.xpath("//ul[contains(@class,'org-tree')]//a[normalize-space(.)='" + name + "']")))
			.hasSize(1);
		assertThat(browser.getPageSource()).contains(code);
		screenshot("03-created");

		// a rule violation comes back beside the field, with the input kept
		browser.findElement(By.id("create-name")).sendKeys("第一党小组");
		browser.findElement(By.id("create-code")).sendKeys(code);
		new Select(browser.findElement(By.id("create-type"))).selectByValue("GROUP");
		browser.findElement(By.cssSelector("#create-form button[type=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#create-code.is-invalid")));
		assertThat(browser.findElement(By.id("create-code")).getAttribute("value")).isEqualTo(code);
		assertThat(browser.getPageSource()).contains("已被使用");
		screenshot("04-error");

		noContentSecurityViolations();
	}

	@Test
	void worksOnAPhoneScreen() throws Exception {
		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("branch1");
		browser.get(url("/organizations"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("org-name")));
		assertThat(browser.findElement(By.id("org-name")).getText()).isEqualTo("教工第一党支部");
		Long scrollWidth = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth");
		assertThat(scrollWidth).as("no sideways scrolling on a phone").isLessThanOrEqualTo(375L);
		screenshot("05-phone");
	}
}
