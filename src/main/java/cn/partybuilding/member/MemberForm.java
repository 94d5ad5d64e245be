package cn.partybuilding.member;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A member's particulars as a form, an import row or an incoming letter gives them (checked by {@code MemberRules}). */
public record MemberForm(@Size(max = 50) String name, Gender gender, @Size(max = 20) String ethnicity, LocalDate birthDate,
		@Size(max = 20) String idCard, @Size(max = 50) String nativePlace, Education education, Category category,
		@Size(max = 64) String staffNumber, @Size(max = 20) String phone,
		Long organizationId, MemberStatus status, LocalDate joinDate, LocalDate conversionDate,
		Integer graduationYear) {
}
