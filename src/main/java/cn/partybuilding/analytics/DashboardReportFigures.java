package cn.partybuilding.analytics;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Period;

/** A report's figures are the dashboard's: computed fresh by the one computation the dashboard and its API read. */
@Component
class DashboardReportFigures implements ReportFigures {

	private final Dashboards dashboards;

	DashboardReportFigures(Dashboards dashboards) {
		this.dashboards = dashboards;
	}

	@Override
	public Dashboard compute(long orgId, Period period) {
		return dashboards.compute(orgId, period);
	}
}
