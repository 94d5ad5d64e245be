package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A branch secretary writes an article in the editor (TinyMCE under the strict CSP), publishes it, and the
 * script smuggled into it is gone; then puts it in this week's outline and sees the completion table.
 */
class LearningEditorJourneyTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	private void click(WebElement element) {
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
		element.click();
	}

	@Test
	void aSecretaryWritesAnArticleAndPublishesAnOutline() throws Exception {
		signIn("branch1");
		browser.get(url("/learning/materials/new"));
		// the editor replaces the text area
		try {
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tox-edit-area iframe")));
		}
		catch (RuntimeException e) {
			browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll()
				.forEach(l -> System.out.println("BROWSER " + l.getMessage()));
			throw e;
		}
		browser.findElement(By.id("title")).sendKeys("浏览器里写的学习文章");
		new Select(browser.findElement(By.id("orgId"))).selectByValue(Long.toString(
				jdbc.sql("select id from organization where code = 'SFDX-JSJ-01'").query(Long.class).single()));
		// a paste into the editor (what a paste with an event handler loses is the API tests' and the sanitiser's
		// part: here the strict CSP would refuse to run it in the editor and report that)
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
				"tinymce.get('body').setContent('<p>不忘初心，牢记使命。</p><p>学习</p>')");
		screenshot("learning-editor");
		// the file field is hidden for an article
		assertThat(browser.findElement(By.id("file")).isDisplayed()).isFalse();
		// the button is covered by nothing a person sees, but the editor's layers confuse the driver's click
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
				"document.getElementById('material-form').requestSubmit(document.getElementById('publish-material'))");
		try {
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
		}
		finally {
			screenshot("learning-editor-published");
		}
		assertThat(browser.findElement(By.id("materials")).getText()).contains("浏览器里写的学习文章");
		String stored = jdbc.sql("select body from learning_material where title = '浏览器里写的学习文章' order by id desc limit 1")
			.query(String.class).single();
		assertThat(stored).contains("不忘初心", "牢记使命", "<p>学习</p>").doesNotContain("onclick");
		long id = jdbc.sql("select id from learning_material where title = '浏览器里写的学习文章' order by id desc limit 1")
			.query(Long.class).single();

		browser.get(url("/learning/outlines/new"));
		browser.findElement(By.id("title")).sendKeys("浏览器发布的纲要");
		new Select(browser.findElement(By.id("orgId"))).selectByValue(Long.toString(
				jdbc.sql("select id from organization where code = 'SFDX-JSJ-01'").query(Long.class).single()));
		click(browser.findElement(By.id("required-" + id)));
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
				"document.getElementById('outline-form').requestSubmit(document.getElementById('publish-outline'))");
		try {
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
		}
		finally {
			screenshot("learning-outline-published");
		}
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("浏览器发布的纲要");
		assertThat(browser.findElements(By.cssSelector("#completion-people tr[data-member]"))).isNotEmpty();
		screenshot("learning-outline-completion");
		noContentSecurityViolations();
	}
}
