package cn.partybuilding.analytics;

import java.util.List;

import cn.partybuilding.shared.Period;

/**
 * The hook through which a report calls out the early-warning centre's warnings of its scope: one line of text per
 * warning (kind, organisation, since when, due). Implemented by the warning centre; while no bean implements it, the
 * report says that no warnings were available (it does not pretend there were none).
 */
interface ReportWarnings {

	List<String> lines(long orgId, Period period);
}
