package cn.partybuilding.development;

import java.time.Instant;

/** The 培养联系人 or the branch wrote (or corrected) the 考察意见 on a 思想汇报. */
public record ThoughtReportAssessed(long personId, long reportId, long organizationId, String summary, Instant at)
		implements DevelopmentPersonEvent {

	@Override
	public String action() {
		return "development.report.opinion";
	}
}
