package cn.partybuilding.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.analytics.*} of the dashboards.
 *
 * @param freshMinutes how long a computed dashboard is served before it is computed again (its asOf says when)
 * @param screenRefreshSeconds how often the 大屏 reloads its figures
 */
@ConfigurationProperties("party.analytics")
record AnalyticsSettings(@DefaultValue("15") int freshMinutes, @DefaultValue("300") int screenRefreshSeconds) {
}
