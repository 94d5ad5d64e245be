package cn.partybuilding.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A student member asks on a phone to move to another college's branch; their branch, both general branches
 * and the receiving branch act from their own pages; the member then belongs to the new branch. And a letter
 * out of the school: issued, verified on the public page by someone signed out, its 回执 recorded.
 */
class TransferJourneyTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	record Person(String username, String name) {
	}

	void decide(String username, String detail) {
		signIn(username);
		browser.get(detail);
		WebElement approve = wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
		approve.click();
		// the decision comes back to this same page: wait until the page it was pressed on has gone
		wait.until(ExpectedConditions.stalenessOf(approve));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-state")));
		signOut();
	}

	@Test
	void aMemberMovesToAnotherCollegesBranchOnceEverySideHasActed() throws Exception {
		// a member of branch1's branch other than member1, whom the other journeys use; the demo's branch1 is a
		// teachers' branch, so one of them is made a (graduate) student here, as the journey has it
		Person person = jdbc.sql("""
				select m.staff_number as username, m.name from member m join organization o on o.id = m.organization_id
				where o.code = 'SFDX-JSJ-01' and m.staff_number like 'T%' and m.departed_on is null
				  and not exists (select 1 from transfer t where t.member_id = m.id)
				order by m.id limit 1""")
			.query(Person.class).single();
		jdbc.sql("update member set category = 'STUDENT' where staff_number = ?").param(person.username()).update();
		browser.manage().window().setSize(new Dimension(375, 812));
		signIn(person.username());
		browser.get(url("/me/transfer"));
		Select to = new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("toOrgId"))));
		to.selectByVisibleText(to.getOptions().stream().map(o -> o.getText()).filter(t -> t.contains("机械") && t.contains("教工第一"))
			.findFirst().orElseThrow());
		browser.findElement(By.id("reason")).sendKeys("工作调动到机械工程学院");
		screenshot("40-ask-transfer");
		var send = browser.findElement(By.cssSelector("form[action$='/transfers/new'] button[type=submit]"));
		// far down a phone's page: pressed as the page's own script would (as the other journeys do)
		((JavascriptExecutor) browser).executeScript("arguments[0].click()", send);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("steps")));
		String detail = browser.getCurrentUrl();
		assertThat(browser.findElement(By.id("transfer-state")).getText()).contains("转出党支部审核");
		signOut();

		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("branch1");
		browser.get(url("/transfers"));
		assertThat(browser.findElement(By.id("waiting")).getText()).contains(person.name());
		screenshot("41-waiting-for-branch1");
		signOut();
		decide("branch1", detail);
		decide("college1", detail);
		decide("admin", detail); // the receiving college has no administrator in the demo: the committee's stands in
		signIn("branch2");
		browser.get(detail);
		assertThat(browser.findElement(By.id("approve")).getText()).contains("接收");
		browser.findElement(By.id("approve")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transfer-state"), "已完成"));
		screenshot("42-accepted");
		browser.get(url("/members?q=" + person.username()));
		assertThat(browser.getPageSource()).contains(person.name());
		signOut();

		signIn("branch1");
		browser.get(url("/members?q=" + person.username()));
		assertThat(browser.getPageSource()).doesNotContain(person.name());
		signOut();
	}

	@Test
	void anOutgoingLetterIsIssuedVerifiedInPublicAndItsReceiptRecorded() throws Exception {
		record Student(long id, String name) {
		}
		Student student = jdbc.sql("""
				select m.id, m.name from member m join organization o on o.id = m.organization_id
				where o.code = 'SFDX-JSJ-01' and m.staff_number like 'T%' and m.departed_on is null
				  and not exists (select 1 from transfer t where t.member_id = m.id)
				order by m.id desc limit 1""").query(Student.class).single();
		signIn("branch1");
		browser.get(url("/transfers/new?memberId=" + student.id()));
		wait.until(ExpectedConditions.elementToBeClickable(By.id("kind-outgoing"))).click();
		browser.findElement(By.id("toOrgName")).sendKeys("南京某软件公司党委");
		new Select(browser.findElement(By.id("toOrgKind"))).selectByValue("EMPLOYER");
		browser.findElement(By.id("toOrgAddress")).sendKeys("南京市雨花台区");
		browser.findElement(By.id("reason")).sendKeys("毕业到该公司工作");
		browser.findElement(By.cssSelector("form[action$='/transfers/new'] button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("steps")));
		String detail = browser.getCurrentUrl();
		signOut();
		decide("college1", detail);
		decide("admin", detail); // the committee issues the letter

		signIn("admin");
		browser.get(detail);
		String code = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#letter a[href*='/verify/letters/']")))
			.getText();
		assertThat(browser.findElement(By.id("letter-pdf")).getAttribute("href")).endsWith("/letter.pdf");
		screenshot("43-letter-issued");
		signOut();

		// the receiving organisation, not signed in, checks the letter: genuine, the masked name, nothing more
		browser.get(url("/verify/letters/" + code));
		String page = browser.findElement(By.tagName("main")).getText();
		assertThat(page).contains("真实有效").contains("南京某软件公司党委").doesNotContain(student.name());
		screenshot("44-letter-verified");

		signIn("admin");
		browser.get(detail);
		browser.findElement(By.id("receiptNo")).sendKeys("NJ-2026-088");
		browser.findElement(By.id("record-receipt")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transfer-state"), "回执已收回"));
		screenshot("45-receipt-recorded");
		browser.get(url("/verify/letters/" + code));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("已办结");
		browser.get(url("/transfers"));
		signOut();
	}
}
