package cn.partybuilding.e2e;

import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member pays the two months they owe from a phone, through the sandbox payment provider (whose signed
 * notification comes back to the running platform over HTTP), and the secretary sees the branch's
 * collection rate for the month go up.
 */
class DuesJourneyTest extends BrowserTest {

	String rate() {
		return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("total-rate"))).getText();
	}

	@Test
	void aMemberPaysTwoMonthsOnThePhoneAndTheSecretarySeesTheRateChange() throws Exception {
		YearMonth month = YearMonth.now(PlatformZone.ZONE);
		signIn("branch1");
		browser.get(url("/dues/report?period=" + month));
		String before = rate();
		screenshot("30-collection-before");
		signOut();

		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("member1");
		browser.get(url("/me/dues"));
		var ticked = browser.findElements(By.cssSelector("#pay-form input[name=months]:checked"));
		assertThat(ticked).hasSize(2);
		screenshot("31-my-dues");
		((JavascriptExecutor) browser).executeScript("arguments[0].click()", browser.findElement(By.id("go-pay")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sandbox-pay")));
		assertThat(browser.findElement(By.id("sandbox-amount")).getText()).startsWith("¥");
		screenshot("32-sandbox-provider");
		browser.findElement(By.id("sandbox-pay")).click();
		// back on the platform: waiting, then paid once the provider's notification has arrived
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("order-paid")));
		assertThat(browser.findElement(By.id("order-paid")).getText()).contains("缴费成功");
		screenshot("33-paid");
		browser.get(url("/me/dues"));
		assertThat(browser.findElement(By.id("paid-up-to")).getText()).isEqualTo(month.toString());
		assertThat(browser.findElements(By.id("nothing-to-pay"))).hasSize(1);
		fitsThePhone();
		signOut();

		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("branch1");
		browser.get(url("/dues/report?period=" + month));
		String after = rate();
		screenshot("34-collection-after");
		assertThat(Double.parseDouble(after.replace("%", ""))).isGreaterThan(Double.parseDouble(before.replace("%", "")));
	}
}
