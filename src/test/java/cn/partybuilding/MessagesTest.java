package cn.partybuilding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class MessagesTest {

	@Test
	void chineseAndEnglishMessagesHaveTheSameKeys() throws Exception {
		Properties zh = load("/messages.properties");
		Properties en = load("/messages_en.properties");
		assertThat(zh).isNotEmpty();
		assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(zh.keySet());
	}

	private static Properties load(String name) throws Exception {
		Properties p = new Properties();
		try (var in = new InputStreamReader(MessagesTest.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}
}
