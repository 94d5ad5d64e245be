package cn.partybuilding.web;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a link that may name a static file is asked of the resource chain; every other link is written as it is. */
class StaticLinksTest {

	@Test
	void staticPrefixesOnly() {
		assertThat(StaticLinks.mayBeStatic("", "/webjars/bootstrap/css/bootstrap.min.css")).isTrue();
		assertThat(StaticLinks.mayBeStatic("", "/css/app.css")).isTrue();
		assertThat(StaticLinks.mayBeStatic("", "/js/app.js")).isTrue();
		assertThat(StaticLinks.mayBeStatic("", "/favicon.ico")).isTrue();
		assertThat(StaticLinks.mayBeStatic("/ctx", "/ctx/css/app.css")).isTrue();
		assertThat(StaticLinks.mayBeStatic("", "/members")).isFalse();
		assertThat(StaticLinks.mayBeStatic("", "/dues/rules?lang=en")).isFalse();
		assertThat(StaticLinks.mayBeStatic("", "https://www.12371.cn/")).isFalse();
		assertThat(StaticLinks.mayBeStatic("/ctx", "/css/app.css")).isFalse();
	}

	/** A folder added under static/ without its prefix would lose its versioned links: this says so. */
	@Test
	void everyStaticEntryHasItsPrefix() throws URISyntaxException {
		File[] entries = new File(getClass().getClassLoader().getResource("static").toURI()).listFiles();
		assertThat(entries).isNotEmpty();
		Arrays.stream(entries).forEach(entry -> assertThat(StaticLinks.mayBeStatic("",
				"/" + entry.getName() + (entry.isDirectory() ? "/x" : ""))).as(entry.getName()).isTrue());
	}
}
