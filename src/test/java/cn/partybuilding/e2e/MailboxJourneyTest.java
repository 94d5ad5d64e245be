package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * 书记信箱 and 问答 in a browser: member1, on a phone-sized window, writes to the branch secretary; branch1, at a desk,
 * finds it in 信箱处理 and answers; member1 sees the answer and the history on the phone, and asks a question in the
 * branch's 问答. No page is wider than the phone, and the browser sees no CSP violation.
 */
class MailboxJourneyTest extends BrowserTest {

	@Test
	void aMemberWritesFromThePhoneTheSecretaryAnswersTheMemberReadsIt() throws Exception {
		String subject = "关于支部活动的建议 " + UUID.randomUUID().toString().substring(0, 6);
		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("member1");
		browser.get(url("/mailbox"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("write-letter")));
		fitsThePhone();
		screenshot("190-mailbox-phone");
		press(By.id("write-letter"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("letter-form")));
		new Select(browser.findElement(By.id("to"))).selectByValue("BRANCH");
		browser.findElement(By.id("subject")).sendKeys(subject);
		browser.findElement(By.id("body")).sendKeys("希望支部活动能多安排在周末。");
		fitsThePhone();
		screenshot("191-letter-form-phone");
		press(By.id("send"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("letter")));
		assertThat(browser.findElement(By.id("letter-state")).getText()).contains("待答复");
		String letter = browser.getCurrentUrl();
		fitsThePhone();
		noContentSecurityViolations();
		signOut();

		browser.manage().window().setSize(new Dimension(1280, 900));
		signIn("branch1");
		browser.get(url("/mailbox/inbox"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("letters")));
		screenshot("192-mailbox-inbox");
		browser.findElement(By.linkText(subject)).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer-form")));
		browser.findElement(By.id("answer-text")).sendKeys("谢谢建议，下月起主题党日安排在周六上午。");
		press(By.id("answer"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("letter-state"), "已答复"));
		screenshot("193-letter-answered");
		noContentSecurityViolations();
		signOut();

		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("member1");
		browser.get(letter);
		String history = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history"))).getText();
		assertThat(history).contains("答复").contains("周六上午");
		fitsThePhone();
		screenshot("194-letter-answer-phone");
		browser.get(url("/questions/new"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ask-form")));
		browser.findElement(By.id("title")).sendKeys("支部活动在哪里报名？ " + subject);
		browser.findElement(By.id("body")).sendKeys("想参加下次的主题党日。");
		press(By.id("submit-question"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("question")));
		assertThat(browser.findElement(By.id("no-answers")).getText()).isNotBlank();
		fitsThePhone();
		browser.get(url("/questions"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("questions")));
		fitsThePhone();
		screenshot("195-questions-phone");
		noContentSecurityViolations();
	}
}
