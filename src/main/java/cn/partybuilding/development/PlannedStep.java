package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.List;

/**
 * One step of a file entered from paper, as {@link ApplicantRegistry#recordFile} records it through the same rules
 * as any step: its number (2 to 25; the application is the file itself), its date, the record's text, and what the
 * step needs (the people named, the training, the 支部大会's counts, an extension, a return with its reason).
 */
public record PlannedStep(int step, LocalDate date, String note, List<Long> memberIds, Integer days, Integer hours,
		Integer expected, Integer present, Integer yes, Integer no, Integer abstain, Integer writtenYes,
		Integer writtenNo, boolean returned, String reason, Integer extensionMonths, LocalDate noticeFrom,
		boolean cancel) {

	/** A step approved on a date with its record's text. */
	public static PlannedStep approved(int step, LocalDate date, String note) {
		return new PlannedStep(step, date, note, null, null, null, null, null, null, null, null, null, null, false,
				null, null, null, false);
	}

	/** The same step naming these members (培养联系人, 入党介绍人). */
	public PlannedStep naming(List<Long> members) {
		return new PlannedStep(step, date, note, List.copyOf(members), days, hours, expected, present, yes, no, abstain,
				writtenYes, writtenNo, returned, reason, extensionMonths, noticeFrom, cancel);
	}

	/** The same step with the training's length. */
	public PlannedStep trained(Integer trainingDays, Integer trainingHours) {
		return new PlannedStep(step, date, note, memberIds, trainingDays, trainingHours, expected, present, yes, no,
				abstain, writtenYes, writtenNo, returned, reason, extensionMonths, noticeFrom, cancel);
	}

	/** The same step with the 支部大会's counts (the platform decides whether it passed). */
	public PlannedStep voted(int expectedCount, int presentCount, int yesCount, int noCount, int abstainCount,
			int writtenYesCount, int writtenNoCount) {
		return new PlannedStep(step, date, note, memberIds, days, hours, expectedCount, presentCount, yesCount, noCount,
				abstainCount, writtenYesCount, writtenNoCount, returned, reason, extensionMonths, noticeFrom, cancel);
	}

	/** The same step returned (退回) with its reason. */
	public PlannedStep returnedFor(String why) {
		return new PlannedStep(step, date, note, memberIds, days, hours, expected, present, yes, no, abstain,
				writtenYes, writtenNo, true, why, extensionMonths, noticeFrom, cancel);
	}

	/** Step 24 extending the 预备期 by these months. */
	public PlannedStep extendedBy(int months) {
		return new PlannedStep(step, date, note, memberIds, days, hours, expected, present, yes, no, abstain,
				writtenYes, writtenNo, returned, reason, months, noticeFrom, cancel);
	}

	/** Step 24 ending the 预备期 without conversion (取消预备党员资格), with its reason. */
	public PlannedStep cancelledFor(String why) {
		return new PlannedStep(step, date, note, memberIds, days, hours, expected, present, yes, no, abstain,
				writtenYes, writtenNo, returned, why, extensionMonths, noticeFrom, true);
	}
}
