package cn.partybuilding.analytics;

import cn.partybuilding.shared.Period;

/**
 * Where a report's figures come from: the dashboard's own computation, fresh and without a scope check (the report's
 * request was checked; the schedule acts for the platform), so a report says what the dashboard says.
 */
interface ReportFigures {

	Dashboard compute(long orgId, Period period);
}
