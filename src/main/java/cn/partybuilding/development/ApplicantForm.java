package cn.partybuilding.development;

import java.time.LocalDate;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Gender;

/** An application to join: the person, their branch, the date of the 入党申请书, and the stage reached since when. */
public record ApplicantForm(String name, Gender gender, LocalDate birthDate, String staffNumber, Category category,
		Long organizationId, LocalDate appliedOn, Stage stage, LocalDate stageSince) {
}
