package cn.partybuilding.analytics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Computes the committees' and general branches' dashboards of the last month ahead of time, once whatever the
 * number of nodes, so the office's first look of the hour does not wait for a few seconds of figures.
 */
@Component
class DashboardRefresh {

	private static final Logger log = LoggerFactory.getLogger(DashboardRefresh.class);

	private final Dashboards dashboards;

	private final OrganizationScope scope;

	DashboardRefresh(Dashboards dashboards, OrganizationScope scope) {
		this.dashboards = dashboards;
		this.scope = scope;
	}

	@Scheduled(cron = "${party.analytics.refresh-cron:0 10 * * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "analytics-dashboard-refresh", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void refresh() {
		Period period = dashboards.defaultPeriod();
		for (OrgRef org : scope.activeOfTypes(OrgType.COMMITTEE, OrgType.GENERAL_BRANCH)) {
			try {
				dashboards.compute(org.id(), period);
			}
			catch (RuntimeException e) {
				log.warn("Dashboard of organisation {} for {} not computed ahead: {}", org.id(), period.name(), e.toString());
			}
		}
	}
}
