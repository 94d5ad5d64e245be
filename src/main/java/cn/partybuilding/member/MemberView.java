package cn.partybuilding.member;

import java.time.LocalDate;

/**
 * A profile as lists and details show it: ID-card number and phone masked, and the birth date as year
 * and month only — the masked middle of an ID-card number <em>is</em> the birth date, so showing both
 * in full would give the whole number away without the audited reveal. {@code partyYears} is the 党龄
 * (whole years since the 转正日期, today in the platform's zone; null without one); {@code probationOverdue}
 * flags a 预备党员 more than two years after joining; {@code lateConversion} a historical record whose
 * 转正日期 is outside the probation rule.
 */
public record MemberView(long id, String name, Gender gender, String ethnicity, String birthDate,
		String idCard, String nativePlace, Education education, Category category, String staffNumber,
		String phone, long organizationId, String organizationName, MemberStatus status, LocalDate joinDate,
		LocalDate conversionDate, Integer graduationYear, long version, Integer partyYears, boolean probationOverdue,
		boolean historicalRecord, boolean lateConversion) {
}
