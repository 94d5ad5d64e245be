package cn.partybuilding.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.analytics.*} of the dashboard pages.
 *
 * @param screenRefreshSeconds how often the 大屏 fetches its figures again, in seconds
 * @param drillLimit the most names a drill-down lists
 */
@ConfigurationProperties("party.analytics")
record DashboardSettings(@DefaultValue("300") int screenRefreshSeconds, @DefaultValue("500") int drillLimit) {

	DashboardSettings {
		screenRefreshSeconds = Math.max(10, screenRefreshSeconds);
		drillLimit = Math.max(1, Math.min(drillLimit, 5000));
	}
}
