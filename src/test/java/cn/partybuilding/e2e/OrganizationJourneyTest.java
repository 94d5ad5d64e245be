package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.partybuilding.PartyBuildingApplication;

/**
 * A real browser (Debian's headless Chromium) signs in, opens the organisation tree, creates a branch
 * under a college and sees it. Screenshots land in target/screenshots.
 */
@SpringBootTest(classes = PartyBuildingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrganizationJourneyTest {

	@LocalServerPort
	int port;

	WebDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--lang=zh-CN",
				"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().window().setSize(new Dimension(1280, 900));
		wait = new WebDriverWait(browser, Duration.ofSeconds(15));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	void screenshot(String name) throws Exception {
		Path dir = Path.of("target/screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	void signIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("Demo@2026");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
	}

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

		List<LogEntry> cspViolations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(e -> e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Refused to"))
			.toList();
		assertThat(cspViolations).isEmpty();
	}

	@Test
	void worksOnAPhoneScreen() throws Exception {
		browser.manage().window().setSize(new Dimension(375, 812));
		signIn("branch1");
		browser.get(url("/organizations"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("org-name")));
		assertThat(browser.findElement(By.id("org-name")).getText()).isEqualTo("教工第一党支部");
		Long scrollWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth");
		assertThat(scrollWidth).as("no sideways scrolling on a phone").isLessThanOrEqualTo(375L);
		screenshot("05-phone");
	}
}
