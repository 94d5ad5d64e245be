package cn.partybuilding.member;

import java.time.LocalDate;

/** A member's particulars as a form, an import row or an incoming letter gives them (checked by {@code MemberRules}). */
public record MemberForm(String name, Gender gender, String ethnicity, LocalDate birthDate, String idCard,
		String nativePlace, Education education, Category category, String staffNumber, String phone,
		Long organizationId, MemberStatus status, LocalDate joinDate, LocalDate conversionDate,
		Integer graduationYear) {
}
