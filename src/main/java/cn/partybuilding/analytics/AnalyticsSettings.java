package cn.partybuilding.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.analytics.*} of the dashboards.
 *
 * @param freshMinutes how old a kept dashboard may grow before it is computed again: a view still gets the kept one
 *        at once (its asOf says when) while it is computed behind it; a report waits for the new one
 * @param screenRefreshSeconds how often the 大屏 reloads its figures
 */
@ConfigurationProperties("party.analytics")
record AnalyticsSettings(@DefaultValue("15") int freshMinutes, @DefaultValue("300") int screenRefreshSeconds) {
}
