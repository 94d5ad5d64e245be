package cn.partybuilding.content;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.content.screen.*}.
 *
 * @param reloadSeconds how often, at most, a node asks the database whether the word list changed elsewhere (a
 * change made on this node applies at once)
 * @param importMaxRows the most rows one word list import may hold
 */
@ConfigurationProperties("party.content.screen")
record ScreenSettings(@DefaultValue("5") int reloadSeconds, @DefaultValue("20000") int importMaxRows) {

	static ScreenSettings defaults() {
		return new ScreenSettings(5, 20000);
	}
}
