package cn.partybuilding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * application.properties is read as ISO-8859-1 (as every .properties file): Chinese in a value must be written as
 * unicode escapes, or the platform shows it garbled. Comments may hold any text.
 */
class SettingsFileTest extends PlatformTest {

	@Value("${party.orglife.key-dates}")
	String keyDates;

	@Test
	void chineseSettingsArriveAsWritten() {
		assertThat(keyDates).contains("党的生日（七一）", "一二·九运动纪念日");
	}

	@Test
	void noValueHoldsCharactersOutsideLatin1() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
			List<String> raw = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(l -> !l.stripLeading().startsWith("#"))
				.filter(l -> l.chars().anyMatch(c -> c > 127))
				.toList();
			assertThat(raw).as("values with Chinese written as is (use \\uXXXX escapes)").isEmpty();
		}
	}
}
