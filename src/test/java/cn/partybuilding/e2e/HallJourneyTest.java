package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A member visits the demo's 红色教育 hall on a phone: the viewer draws the first scene on its canvas (three.js, a
 * sphere with the panorama inside), a drag turns the view, the arrow to the next room moves to its scene, which is
 * drawn in turn; the CSP holds throughout.
 */
class HallJourneyTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	/** How many different colours a 16×16 copy of the viewer's canvas shows (one for a blank canvas). */
	private long colours() {
		Object n = ((JavascriptExecutor) browser).executeScript("""
				var c = document.querySelector('#hall-viewer canvas');
				if (!c) { return -1; }
				var small = document.createElement('canvas');
				small.width = 16; small.height = 16;
				var g = small.getContext('2d');
				g.drawImage(c, 0, 0, 16, 16);
				var d = g.getImageData(0, 0, 16, 16).data, seen = {};
				for (var i = 0; i < d.length; i += 4) { seen[d[i] + ',' + d[i + 1] + ',' + d[i + 2]] = 1; }
				return Object.keys(seen).length;""");
		return ((Number) n).longValue();
	}

	@Test
	void aMemberLooksAroundTheHallAndFollowsAnArrow() throws Exception {
		long hall = jdbc.sql("select id from learning_hall where title = '校史馆·红色记忆 VR 展厅'").query(Long.class).single();
		List<Long> scenes = jdbc.sql("select id from learning_hall_scene where hall_id = ? order by position").param(hall)
			.query(Long.class).list();
		browser.manage().window().setSize(new Dimension(412, 900));
		signIn("member1");
		browser.get(url("/study/halls"));
		browser.findElement(By.cssSelector("a[data-hall='" + hall + "']")).click();

		WebElement viewer = wait.until(d -> d.findElement(By.id("hall-viewer")));
		wait.until(d -> "none".equals(viewer.getAttribute("data-webgl"))
				|| String.valueOf(scenes.get(0)).equals(viewer.getAttribute("data-drawn")));
		assertThat(viewer.getAttribute("data-webgl")).as("WebGL in the browser").isNull();
		assertThat(colours()).as("the first scene is drawn on the canvas").isGreaterThan(4);
		screenshot("hall-first-scene");

		// drag to the right: the arrow to the next room comes towards the middle
		new Actions(browser).moveToElement(viewer).clickAndHold().moveByOffset(-100, 0).release().perform();
		WebElement arrow = browser.findElement(By.cssSelector(".hall-arrow[data-of-scene='" + scenes.get(0) + "']"));
		wait.until(d -> arrow.isDisplayed());
		arrow.click();
		wait.until(d -> String.valueOf(scenes.get(1)).equals(viewer.getAttribute("data-drawn")));
		assertThat(viewer.getAttribute("data-scene")).isEqualTo(String.valueOf(scenes.get(1)));
		assertThat(colours()).isGreaterThan(4);
		assertThat(browser.findElement(By.cssSelector(".hall-scene.active")).getAttribute("data-scene-id"))
			.isEqualTo(String.valueOf(scenes.get(1)));
		// the next room's arrows are shown, the first room's are not
		assertThat(arrow.isDisplayed()).isFalse();
		wait.until(d -> !browser.findElement(By.id("hall-visit")).getText().isBlank());
		screenshot("hall-second-scene");
		noContentSecurityViolations();
	}
}
