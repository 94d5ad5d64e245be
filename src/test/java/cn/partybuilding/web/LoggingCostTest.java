package cn.partybuilding.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import cn.partybuilding.PlatformTest;

/**
 * Asking a logger whether it is enabled stays a field read: with a turbo filter (Micrometer's counter of log
 * events) logback asks the filter first on every call, and Thymeleaf asks on every expression of every page.
 */
class LoggingCostTest extends PlatformTest {

	@Test
	void theRunningPlatformHasNoLogbackTurboFilter() {
		assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList()).isEmpty();
	}
}
