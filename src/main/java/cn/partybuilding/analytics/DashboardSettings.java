package cn.partybuilding.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.analytics.*} of the dashboard pages (the 大屏's refresh is the lead's
 * {@code screen-refresh-seconds} in {@link AnalyticsSettings}).
 *
 * @param drillLimit the most names a drill-down lists
 */
@ConfigurationProperties("party.analytics")
record DashboardSettings(@DefaultValue("500") int drillLimit) {

	DashboardSettings {
		drillLimit = Math.max(1, Math.min(drillLimit, 5000));
	}
}
