package cn.partybuilding.member;

import java.time.LocalDate;

/**
 * A profile as lists and details show it: ID-card number and phone masked, and the birth date as year
 * and month only — the masked middle of an ID-card number <em>is</em> the birth date, so showing both
 * in full would give the whole number away without the audited reveal.
 */
public record MemberView(long id, String name, Gender gender, String ethnicity, String birthDate,
		String idCard, String nativePlace, Education education, Category category, String staffNumber,
		String phone, long organizationId, String organizationName, MemberStatus status, LocalDate joinDate,
		LocalDate conversionDate, Integer graduationYear, long version) {
}
