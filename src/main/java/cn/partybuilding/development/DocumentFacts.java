package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the documents of one person's file are filled from: who they are, where, and every step approved so
 * far (by DOMAIN.md's number). Built by the development service from what was recorded; nothing is typed twice.
 */
record DocumentFacts(long id, String name, String gender, String ethnicity, LocalDate birthDate, String staffNumber,
		String category, String education, String phone, String branchName, String collegeName, LocalDate appliedOn,
		Stage stage, LocalDate joinDate, LocalDate probationEnds, Map<Integer, StepFacts> steps) {

	/**
	 * One approved step as recorded: its date and who acted, the text, the people named (培养联系人,
	 * 入党介绍人, by name), the training, the 支部大会's counts and outcome, an extension, the 公示's start.
	 */
	record StepFacts(int step, LocalDate date, String actor, String note, String reason, List<String> people,
			Integer days, Integer hours, BranchVote vote, Integer extensionMonths, LocalDate noticeFrom) {
	}
}
