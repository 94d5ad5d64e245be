package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.partybuilding.member.SheetFiles;

/**
 * An administrator imports a spreadsheet with mistakes, reads the errors by row and column, fixes the
 * file, imports it again, finds the new member in the list and opens their chronicle.
 */
class MemberImportJourneyTest extends BrowserTest {

	String upload(Path file) {
		browser.get(url("/members/import"));
		browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
		browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
		// the status page replaces the form and then itself while the import runs: read it afresh each time
		return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(d -> {
			List<WebElement> found = d.findElements(By.id("import-status"));
			String status = found.isEmpty() ? null : found.get(0).getAttribute("data-status");
			return status == null || "RUNNING".equals(status) ? null : status;
		});
	}

	@Test
	void importsAFileSeesTheErrorsFixesItAndFindsTheMemberWithTheirChronicle() throws Exception {
		signIn("admin");
		String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		String staffA = "E2E" + suffix + "A";
		String staffB = "E2E" + suffix + "B";
		List<Object> good = SheetFiles.row("欧阳导入", staffA, "SFDX-JSJ-01", LocalDate.of(2001, 3, 4));
		List<Object> wrong = SheetFiles.row("司马有误", staffB, "SFDX-JSJ-01", LocalDate.of(2002, 5, 6));
		wrong.set(12, "1380000");
		wrong.set(10, "2022年13月1日");
		List<Object> header = new ArrayList<>(SheetFiles.HEADER);
		Path dir = Files.createTempDirectory("import-journey");
		Path file = dir.resolve("计算机学院党员.xlsx");
		Files.write(file, SheetFiles.xlsx(List.of(header, good, wrong)));

		browser.get(url("/members"));
		browser.findElement(By.linkText("批量导入")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-form")));
		screenshot("10-import-form");

		assertThat(upload(file)).isEqualTo("FAILED");
		String errors = browser.findElement(By.id("import-errors")).getText();
		assertThat(errors).contains("手机号").contains("入党日期").contains("2022年13月1日");
		assertThat(browser.findElement(By.id("import-message")).getText()).contains("未写入任何数据");
		screenshot("11-import-errors");

		wrong.set(12, "13800001234");
		wrong.set(10, "2022年12月1日");
		wrong.set(11, "2023年12月1日");
		Files.write(file, SheetFiles.xlsx(List.of(header, good, wrong)));
		assertThat(upload(file)).isEqualTo("DONE");
		assertThat(browser.findElement(By.id("import-counts")).getText()).contains("新增 2 人");
		assertThat(browser.getPageSource()).contains("下载初始密码单");
		screenshot("12-import-done");

		browser.get(url("/members?q=" + staffB));
		browser.findElement(By.linkText("司马有误")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "登记入党员信息库"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("批量导入").contains("138****1234");
		screenshot("13-imported-member");
		noContentSecurityViolations();
	}
}
