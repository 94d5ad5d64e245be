package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GB 11643-1999 公民身份号码, with the standard's published examples. */
class IdCardNumberTest {

	@Test
	@DisplayName("GB 11643: 标准示例号码校验通过")
	void theStandardsExamplesAreValid() {
		assertThat(IdCardNumber.problemWith("11010519491231002X")).isEmpty();
		assertThat(IdCardNumber.problemWith("440524188001010014")).isEmpty();
		assertThat(IdCardNumber.problemWith("11010519491231002x")).as("a lower-case x is read as X").isEmpty();
		assertThat(IdCardNumber.problemWith(" 440524 18800101 0014 ")).as("spaces typed in are ignored").isEmpty();
	}

	@Test
	@DisplayName("GB 11643: 校验码错误被发现")
	void aWrongCheckDigitIsCaught() {
		assertThat(IdCardNumber.problemWith("420102199003071234")).contains("member.idCard.checkDigit");
		assertThat(IdCardNumber.problemWith("110105194912310021")).contains("member.idCard.checkDigit");
	}

	@Test
	@DisplayName("GB 11643: 位数、字符和出生日期")
	void shapeAndBirthDate() {
		assertThat(IdCardNumber.problemWith("1101051949123100")).contains("member.idCard.format");
		assertThat(IdCardNumber.problemWith("11010519491231002Y")).contains("member.idCard.format");
		assertThat(IdCardNumber.problemWith(null)).contains("member.idCard.format");
		// 1949-02-30 does not exist
		String noSuchDay = "11010519490230002";
		assertThat(IdCardNumber.problemWith(noSuchDay + IdCardNumber.checkCharacter(noSuchDay))).contains("member.idCard.birthDate");
	}

	@Test
	void birthDateGenderAndMasking() {
		IdCardNumber id = IdCardNumber.parse("11010519491231002X");
		assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
		assertThat(id.gender()).isEqualTo(Gender.FEMALE);
		assertThat(IdCardNumber.parse("440524188001010014").gender()).isEqualTo(Gender.MALE);
		assertThat(id.masked()).isEqualTo("110105********002X");
		assertThat(id.toString()).as("never the full number in logs").doesNotContain("19491231");
	}
}
