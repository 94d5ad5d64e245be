package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * 考核评议 in a browser: the committee opens the school's live ranking, goes into a branch's score and opens what lies
 * behind an indicator; branch1 sees its own branch with its formula and sources; member1, on a phone, reads their own
 * 民主评议 result. No page breaks the phone's width, and the browser sees no CSP violation.
 */
class AssessmentJourneyTest extends BrowserTest {

	@Test
	void theCommitteeReadsTheRankingABranchSeesWhyAMemberReadsTheirEvaluation() throws Exception {
		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("admin");
		browser.get(url("/assessment"));
		WebElement ranking = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ranking")));
		assertThat(ranking.findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThan(10);
		assertThat(browser.findElement(By.id("star-summary")).getText()).isNotBlank();
		screenshot("200-assessment-ranking");
		press(ranking.findElement(By.cssSelector("tbody tr:last-child a")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("total")));
		WebElement details = browser.findElement(By.cssSelector("details"));
		press(details.findElement(By.tagName("summary")));
		wait.until(d -> details.getAttribute("open") != null);
		assertThat(details.findElements(By.tagName("li"))).isNotEmpty();
		screenshot("201-assessment-branch-score");
		browser.get(url("/assessment/systems"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("published-indicators")));
		assertThat(browser.findElements(By.cssSelector("#published-indicators tbody tr"))).hasSize(20);
		screenshot("202-assessment-indicators");
		noContentSecurityViolations();
		signOut();

		signIn("branch1");
		browser.get(url("/assessment"));
		WebElement own = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ranking tbody tr a")));
		assertThat(browser.findElements(By.cssSelector("#ranking tbody tr"))).hasSize(1);
		press(own);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("indicator-orglife.compliance.THEME_DAY")));
		assertThat(browser.findElement(By.id("indicator-orglife.compliance.THEME_DAY")).getText()).contains("%");
		screenshot("203-assessment-own-branch");
		noContentSecurityViolations();
		signOut();

		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("member1");
		browser.get(url("/evaluations/mine"));
		String result = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("own-result"))).getText();
		assertThat(result).isNotBlank();
		fitsThePhone();
		screenshot("204-evaluation-own-result-phone");
		noContentSecurityViolations();
	}
}
