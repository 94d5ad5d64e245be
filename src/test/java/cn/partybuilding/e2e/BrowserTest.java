package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.partybuilding.PartyBuildingApplication;

/**
 * A real browser (Debian's headless Chromium) against the whole platform on a random port. Screenshots
 * land in target/screenshots; every journey ends by checking the browser saw no CSP violation.
 */
@SpringBootTest(classes = PartyBuildingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BrowserTest {

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

	void noContentSecurityViolations() {
		List<LogEntry> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(e -> e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Refused to"))
			.toList();
		assertThat(violations).isEmpty();
	}

	void signIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("Demo@2026");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
	}

	/** Buttons far down a long phone page: clicked as the page's own script would (the form still submits with it). */
	void press(WebElement element) {
		((JavascriptExecutor) browser).executeScript("arguments[0].click()", element);
	}

	void press(By by) {
		press(browser.findElement(by));
	}

	void signOut() {
		press(By.cssSelector("form[action$='/logout'] button"));
		wait.until(ExpectedConditions.urlContains("/login"));
	}

	void fitsThePhone() {
		Long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
		assertThat(scrollWidth).isLessThanOrEqualTo(375L);
	}
}
