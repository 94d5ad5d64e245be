package cn.partybuilding.development;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The 上级党委 approved an applicant's admission (step 17): they are now a probationary member with 入党日期
 * {@code joinDate} (dues are owed from that month), and their 纪实 begins with the development history.
 */
public record ApplicantAdmitted(long personId, long memberId, long organizationId, LocalDate joinDate,
		List<HistoryLine> history, String actor, Instant at) {

	/** One approved step of the history: DOMAIN.md's number, its Chinese name, the date, who recorded it. */
	public record HistoryLine(int step, String title, LocalDate date, String actor, String detail) {
	}
}
