package cn.partybuilding.development;

import java.time.LocalDate;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;

/**
 * A person's file as a school enters it from paper (the demo, a start from paper records): the particulars of the
 * 入党申请书 as {@link ApplicantRegistry#recordFile} takes them, the branch, the application's date, and the
 * applicant account's password already encoded (one encoding for many accounts).
 */
public record NewFile(String name, Gender gender, String ethnicity, LocalDate birthDate, String idCard,
		String staffNumber, Category category, Education education, String phone, long branchId, LocalDate appliedOn,
		String encodedPassword, boolean mustChangePassword) {
}
