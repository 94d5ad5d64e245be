package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.partybuilding.member.IdCardNumber;

/**
 * 发展党员 in the browser: the branch records a paper application, and the branch, the general branch and the
 * committee take the person through all 25 steps from their pages to 转正, the platform's clock moved by the
 * test so that the waiting times pass (a year as an activist, the 公示, the 预备期). The applicant follows on a
 * phone; a step asked too early is refused with the first day it becomes possible.
 */
@Import(MovableClock.Config.class)
class DevelopmentJourneyTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	String signedIn;

	@AfterEach
	void backToToday() {
		clock.reset();
	}

	void as(String username) {
		if (username.equals(signedIn)) {
			return;
		}
		if (signedIn != null) {
			signOut();
		}
		signIn(username);
		signedIn = username;
	}

	void click(WebElement element) {
		// far down a page: pressed as the page's own script would (as the other journeys do)
		((JavascriptExecutor) browser).executeScript("arguments[0].click()", element);
	}

	void setValue(String id, String value) {
		((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(id)), value);
	}

	/** Opens the file as this person and records its next step with these fields (selects by their value). */
	void step(String who, String file, int step, String... fields) {
		as(who);
		browser.get(file);
		WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("step-form")));
		assertThat(form.findElement(By.name("step")).getAttribute("value")).isEqualTo(Integer.toString(step));
		fill(fields);
		click(browser.findElement(By.id("record-step")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
		assertThat(browser.findElement(By.cssSelector("#steps tr[data-step='" + step + "']")).getText())
			.contains(clock.today().toString());
	}

	void fill(String... fields) {
		for (int i = 0; i < fields.length; i += 2) {
			WebElement field = browser.findElement(By.id(fields[i]));
			if (field.getTagName().equals("select")) {
				new Select(field).selectByValue(fields[i + 1]);
			}
			else {
				field.clear();
				field.sendKeys(fields[i + 1]);
			}
		}
	}

	@Test
	void onePersonFromThePaperApplicationToConversion() throws Exception {
		LocalDate start = clock.today();
		long branch = jdbc.sql("select id from organization where code = 'SFDX-JSJ-01'").query(Long.class).single();
		var full = jdbc.sql("select id from member where organization_id = ? and status = 'FULL' and departed_on is null order by id limit 3")
			.param(branch).query(Long.class).list();
		String staff = "S" + System.currentTimeMillis() % 100_000_000;
		String first17 = "420102200103150" + (int) (Math.random() * 10) + "1";

		// the branch records the paper application today
		as("branch1");
		browser.get(url("/development"));
		click(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-person"))));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-person-form")));
		fill("branchId", Long.toString(branch), "name", "林晓航", "staffNumber", staff,
				"idCard", first17 + IdCardNumber.checkCharacter(first17), "gender", "MALE", "ethnicity", "汉族",
				"category", "STUDENT", "education", "BACHELOR", "phone", "13912345678");
		setValue("birthDate", "2001-03-15");
		assertThat(browser.findElement(By.id("appliedOn")).getAttribute("value")).isEqualTo(start.toString());
		screenshot("60-paper-application");
		click(browser.findElement(By.id("save-person")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
		assertThat(browser.findElement(By.id("notice")).getText()).contains(staff);
		String file = browser.getCurrentUrl();
		assertThat(browser.findElement(By.id("person-stage")).getText()).contains("入党申请人");

		clock.moveTo(start.plusDays(10));
		step("branch1", file, 2, "note", "谈话了解入党动机");
		clock.moveTo(start.plusDays(20));
		step("branch1", file, 3, "note", "党员推荐，支部委员会研究同意");
		// the 备案 is the general branch's: the branch sees who does it
		browser.get(file);
		assertThat(browser.findElement(By.id("done-by")).getText()).contains("上级党委");
		clock.moveTo(start.plusDays(25));
		step("college1", file, 4);
		clock.moveTo(start.plusDays(30));
		step("branch1", file, 5, "member0", Long.toString(full.get(0)));
		String contact = jdbc.sql("select name from member where id = ?").param(full.get(0)).query(String.class).single();

		// the applicant follows on a phone
		jdbc.sql("""
				update account set password_hash = (select password_hash from account where username = 'member1'),
				  must_change_password = false where username = ?""").param(staff).update();
		as(staff);
		browser.manage().window().setSize(new Dimension(375, 812));
		browser.get(url("/development/me"));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-stage"))).getText()).contains("入党积极分子");
		assertThat(browser.findElement(By.id("my-contacts")).getText()).contains(contact);
		assertThat(browser.findElement(By.id("my-next")).getText()).contains("第 6 步");
		screenshot("61-my-way-on-a-phone");
		browser.manage().window().setSize(new Dimension(1280, 900));

		clock.moveTo(start.plusDays(180));
		step("branch1", file, 6, "note", "半年考察");
		// a 发展对象 only after a year as an activist: refused, with the first day it becomes possible
		as("branch1");
		browser.get(file);
		fill("note", "支委会讨论");
		click(browser.findElement(By.id("record-step")));
		LocalDate possible = start.plusDays(20).plusYears(1);
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("possible-from"))).getText())
			.contains(possible.toString());
		assertThat(browser.findElement(By.id("note")).getAttribute("value")).isEqualTo("支委会讨论");
		screenshot("62-refused-too-early");

		clock.moveTo(possible);
		step("branch1", file, 7, "note", "支委会讨论");
		clock.moveTo(possible.plusDays(5));
		step("college1", file, 8);
		clock.moveTo(possible.plusDays(10));
		step("branch1", file, 9, "member0", Long.toString(full.get(1)), "member1", Long.toString(full.get(2)));
		clock.moveTo(possible.plusDays(20));
		step("branch1", file, 10, "note", "政治审查合格");
		clock.moveTo(possible.plusDays(40));
		step("college1", file, 11, "days", "3");
		clock.moveTo(possible.plusDays(50));
		step("branch1", file, 12);
		clock.moveTo(possible.plusDays(60));
		step("college1", file, 13);
		clock.moveTo(possible.plusDays(65));
		step("branch1", file, 14);
		LocalDate vote = possible.plusDays(70);
		clock.moveTo(vote);
		step("branch1", file, 15, "expected", "9", "present", "8", "yes", "7", "no", "1", "abstain", "0", "writtenYes", "1",
				"writtenNo", "0");
		assertThat(browser.findElement(By.cssSelector("#steps tr[data-step='15']")).getText()).contains("表决通过");
		clock.moveTo(vote.plusDays(10));
		step("college1", file, 16);

		// the general branch finds the approval waiting, with its deadline, and the funnel drawn beside its numbers
		clock.moveTo(vote.plusDays(20));
		browser.get(url("/development/approvals"));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("waiting"))).getText()).contains("林晓航")
			.contains(vote.plusMonths(3).toString());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#funnel-chart canvas")));
		assertThat(browser.findElement(By.id("funnel-table")).getText()).contains("合计");
		screenshot("63-approvals-and-funnel");
		step("college1", file, 17);
		assertThat(browser.findElement(By.id("person-stage")).getText()).contains("预备党员");
		assertThat(browser.findElement(By.id("join-date")).getText()).isEqualTo(vote.toString());
		assertThat(browser.findElement(By.id("probation-ends")).getText()).isEqualTo(vote.plusYears(1).toString());

		clock.moveTo(vote.plusDays(25));
		step("admin", file, 18);
		clock.moveTo(vote.plusDays(30));
		step("branch1", file, 19);
		step("branch1", file, 20);
		clock.moveTo(vote.plusMonths(6));
		step("branch1", file, 21, "note", "继续教育考察");
		clock.moveTo(vote.plusYears(1).minusDays(30));
		step("branch1", file, 22, "note", "本人提出转正申请");
		clock.moveTo(vote.plusYears(1));
		step("branch1", file, 23, "expected", "10", "present", "9", "yes", "9");
		clock.moveTo(vote.plusYears(1).plusDays(10));
		step("college1", file, 24);
		assertThat(browser.findElement(By.id("person-stage")).getText()).contains("正式党员");
		clock.moveTo(vote.plusYears(1).plusDays(20));
		step("branch1", file, 25);
		screenshot("64-converted-and-archived");

		Map<String, Object> member = new LinkedHashMap<>(jdbc.sql("""
				select m.status, m.join_date, m.conversion_date from member m join applicant a on a.member_id = m.id
				where a.staff_number = ?""").param(staff).query().singleRow());
		assertThat(member.get("status")).isEqualTo("FULL");
		assertThat(member.get("join_date").toString()).isEqualTo(vote.toString());
		assertThat(member.get("conversion_date").toString()).isEqualTo(vote.plusYears(1).toString());
		noContentSecurityViolations();
	}
}
