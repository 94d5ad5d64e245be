package cn.partybuilding.member;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A member's particulars as a form, an import row or an incoming letter gives them (checked by {@code MemberRules}).
 * {@code historicalRecord} marks a profile copied from old paper files: a 转正日期 recorded late (outside the
 * probation rule) is then accepted with a warning instead of refused; null or false otherwise.
 */
public record MemberForm(@Size(max = 50) String name, Gender gender, @Size(max = 20) String ethnicity, LocalDate birthDate,
		@Size(max = 20) String idCard, @Size(max = 50) String nativePlace, Education education, Category category,
		@Size(max = 64) String staffNumber, @Size(max = 20) String phone,
		Long organizationId, MemberStatus status, LocalDate joinDate, LocalDate conversionDate,
		Integer graduationYear, Boolean historicalRecord) {

	/** Particulars that are not a historical record. */
	public MemberForm(String name, Gender gender, String ethnicity, LocalDate birthDate, String idCard,
			String nativePlace, Education education, Category category, String staffNumber, String phone,
			Long organizationId, MemberStatus status, LocalDate joinDate, LocalDate conversionDate,
			Integer graduationYear) {
		this(name, gender, ethnicity, birthDate, idCard, nativePlace, education, category, staffNumber, phone,
				organizationId, status, joinDate, conversionDate, graduationYear, null);
	}

	/** Whether the person entering it marked it as a historical record. */
	boolean historical() {
		return Boolean.TRUE.equals(historicalRecord);
	}
}
