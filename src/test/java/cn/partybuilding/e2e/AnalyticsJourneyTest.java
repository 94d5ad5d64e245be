package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * 数据分析 in a browser: the committee opens the school's dashboard and every chart draws; a click on a bar of the
 * composition opens the members behind it, a table's link the lines behind a figure; the 大屏 draws its figures with
 * a clock and no name; a secretary reads the dashboard on a phone. The browser sees no CSP violation.
 */
class AnalyticsJourneyTest extends BrowserTest {

	Object script(String js, Object... args) {
		return ((JavascriptExecutor) browser).executeScript(js, args);
	}

	@Test
	void theCommitteeReadsTheDashboardDrillsDownAndOpensTheScreen() throws Exception {
		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("admin");
		browser.get(url("/analytics"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#card-composition-category .analytics-chart canvas")));
		List<WebElement> charts = browser.findElements(By.cssSelector(".analytics-chart"));
		assertThat(charts).hasSizeGreaterThan(5);
		wait.until(d -> d.findElements(By.cssSelector(".analytics-chart canvas")).size() == charts.size());
		assertThat(browser.findElement(By.id("as-of")).getText()).contains("数据截至");
		assertThat(browser.findElements(By.cssSelector("#children-table tbody tr"))).hasSizeGreaterThan(3);
		screenshot("210-analytics-dashboard");

		// a click on the first bar of 人员类别 opens the members behind it
		WebElement box = browser.findElement(By.cssSelector("#card-composition-category .analytics-chart"));
		script("arguments[0].scrollIntoView({block: 'center'})", box);
		@SuppressWarnings("unchecked")
		List<Number> point = (List<Number>) script("""
				var chart = echarts.getInstanceByDom(arguments[0]);
				var bar = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(0);
				return [bar.x + bar.width / 2, bar.y + bar.height / 2, arguments[0].clientWidth, arguments[0].clientHeight];""", box);
		int x = (int) Math.round(point.get(0).doubleValue() - point.get(2).doubleValue() / 2);
		int y = (int) Math.round(point.get(1).doubleValue() - point.get(3).doubleValue() / 2);
		new Actions(browser).moveToElement(box, x, y).click().perform();
		wait.until(ExpectedConditions.urlContains("/analytics/drill/members"));
		assertThat(browser.getCurrentUrl()).contains("dimension=category");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("names")));
		assertThat(browser.findElements(By.cssSelector("#names tbody tr"))).isNotEmpty();
		screenshot("211-analytics-drill-members");
		noContentSecurityViolations();

		// back, and a figure's line in the orglife table: the lines behind it
		browser.findElement(By.id("back")).click();
		WebElement figure = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#card-area-orglife a.drill")));
		script("arguments[0].click()", figure);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drill-title")));
		assertThat(browser.getCurrentUrl()).contains("/analytics/drill/figure");
		assertThat(browser.findElements(By.cssSelector("#lines, #no-lines"))).isNotEmpty();
		screenshot("212-analytics-drill-figure");
		noContentSecurityViolations();

		// the 大屏: its figures drawn large, a clock, no name
		browser.manage().window().setSize(new Dimension(1920, 1080));
		browser.get(url("/analytics/screen"));
		wait.until(d -> !d.findElement(By.id("kpi-total")).getText().equals("—"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-category canvas")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#screen-figures .screen-kpi")));
		assertThat(browser.findElement(By.id("screen-clock")).getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(browser.getPageSource()).doesNotContain("/members/").doesNotContain("/analytics/drill");
		screenshot("213-analytics-screen");
		noContentSecurityViolations();
	}

	@Test
	void aSecretaryReadsTheDashboardOnAPhone() throws Exception {
		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("branch1");
		browser.get(url("/analytics"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#card-members-total table")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".analytics-chart canvas")));
		Long scrollWidth = (Long) script("return document.documentElement.scrollWidth");
		assertThat(scrollWidth).isLessThanOrEqualTo(375L);
		screenshot("214-analytics-dashboard-phone");
		noContentSecurityViolations();
	}
}
