package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The 2008 regulation's brackets (中组发〔2008〕3号), each boundary on both sides, rounding, and versions. */
class DuesRulesTest extends PlatformTest {

	@Autowired
	DuesRules rules;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	Clock clock;

	@Autowired
	MessageSource messages;

	String amount(DuesCategory category, String base) {
		return rules.standard(category, base == null ? null : new BigDecimal(base), YearMonth.now(clock)).monthlyAmount()
			.toPlainString();
	}

	@Test
	void inServiceUpTo3000PaysHalfAPercentAndAboveItOnePercent() {
		assertThat(amount(DuesCategory.IN_SERVICE, "3000.00")).isEqualTo("15.00");
		assertThat(amount(DuesCategory.IN_SERVICE, "3000.01")).isEqualTo("30.00");
	}

	@Test
	void inServiceUpTo5000PaysOnePercentAndAboveItOneAndAHalf() {
		assertThat(amount(DuesCategory.IN_SERVICE, "5000.00")).isEqualTo("50.00");
		assertThat(amount(DuesCategory.IN_SERVICE, "5000.01")).isEqualTo("75.00");
	}

	@Test
	void inServiceUpTo10000PaysOneAndAHalfPercentAndAboveItTwo() {
		assertThat(amount(DuesCategory.IN_SERVICE, "10000.00")).isEqualTo("150.00");
		assertThat(amount(DuesCategory.IN_SERVICE, "10000.01")).isEqualTo("200.00");
		assertThat(amount(DuesCategory.IN_SERVICE, "23456.78")).isEqualTo("469.14");
	}

	@Test
	void retiredUpTo5000PayHalfAPercentAndAboveItOnePercent() {
		assertThat(amount(DuesCategory.RETIRED, "5000.00")).isEqualTo("25.00");
		assertThat(amount(DuesCategory.RETIRED, "5000.01")).isEqualTo("50.00");
	}

	@Test
	void studentsAndTheUnemployedPayTwentyFen() {
		assertThat(amount(DuesCategory.STUDENT, null)).isEqualTo("0.20");
		assertThat(amount(DuesCategory.UNEMPLOYED, "8000.00")).isEqualTo("0.20");
	}

	@Test
	void farmersPayTwentyFenToOneYuanAsTheyChoose() {
		assertThat(amount(DuesCategory.FARMER, null)).isEqualTo("0.20");
		assertThat(amount(DuesCategory.FARMER, "1.00")).isEqualTo("1.00");
		assertThat(amount(DuesCategory.FARMER, "0.50")).isEqualTo("0.50");
		assertThatThrownBy(() -> amount(DuesCategory.FARMER, "1.01")).isInstanceOf(FieldProblem.class);
		assertThatThrownBy(() -> amount(DuesCategory.FARMER, "0.19")).isInstanceOf(FieldProblem.class);
	}

	@Test
	void aBaseIsRequiredWhereTheRateFollowsItAndMustBeExactMoney() {
		assertThatThrownBy(() -> amount(DuesCategory.IN_SERVICE, null)).isInstanceOf(FieldProblem.class);
		assertThatThrownBy(() -> amount(DuesCategory.IN_SERVICE, "-1.00")).isInstanceOf(FieldProblem.class);
		// no pay is not a base of 0 but a case for relief, approved with a reason
		assertThatThrownBy(() -> amount(DuesCategory.IN_SERVICE, "0.00")).isInstanceOf(FieldProblem.class);
		assertThatThrownBy(() -> amount(DuesCategory.IN_SERVICE, "4500.001")).isInstanceOf(FieldProblem.class);
	}

	@Test
	void amountsAreRoundedToTheFenHalfUpUnlessTheSettingSaysOtherwise() {
		// 1001.00 × 0.5% = 5.005
		assertThat(amount(DuesCategory.IN_SERVICE, "1001.00")).isEqualTo("5.01");
		DuesRules halfEven = new DuesRules(jdbcTemplate, clock, RoundingMode.HALF_EVEN, messages);
		assertThat(halfEven.standard(DuesCategory.IN_SERVICE, new BigDecimal("1001.00"), YearMonth.now(clock)).monthlyAmount()
			.toPlainString()).isEqualTo("5.00");
		// 3333.33 × 1% = 33.3333
		assertThat(amount(DuesCategory.IN_SERVICE, "3333.33")).isEqualTo("33.33");
	}

	@Test
	void theCalculatorAnswersWithExactDecimalStringsAndSaysWhy() throws Exception {
		mvc.perform(get("/api/v1/dues/standard").param("category", "IN_SERVICE").param("base", "4500.00").with(login("member1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.monthlyAmount").value("45.00"))
			.andExpect(jsonPath("$.rate").value("0.01"))
			.andExpect(jsonPath("$.explanation").value(Matchers.containsString("3000.00 元以上至 5000.00 元（含）")));
		mvc.perform(get("/api/v1/dues/standard").param("category", "RETIRED").with(login("member1")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("base"));
		mvc.perform(get("/api/v1/dues/standard").param("category", "NOBLE").param("base", "1").with(login("member1")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aNewVersionAppliesFromItsMonthWhileEarlierMonthsKeepTheirs() throws Exception {
		YearMonth july = YearMonth.now(clock).plusYears(3).withMonth(7);
		String brackets = """
				{"category": "IN_SERVICE", "upTo": "4000.00", "rate": "0.005"},
				{"category": "IN_SERVICE", "above": "4000.00", "rate": "0.01"},
				{"category": "OTHER", "rate": "0.01"},
				{"category": "RETIRED", "rate": "0.005"},
				{"category": "STUDENT", "fixedAmount": "0.30"},
				{"category": "UNEMPLOYED", "fixedAmount": "0.20"},
				{"category": "FARMER", "fixedAmount": "0.20", "fixedMax": "1.00"}""";
		// a gap in the brackets is refused, as is a version starting in the past or not on the 1st
		mvc.perform(post("/api/v1/dues/rules").with(login("admin")).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"effectiveFrom\": \"" + july.atDay(1) + "\", \"title\": \"测试标准\", \"rules\": ["
					+ brackets.replace("\"above\": \"4000.00\"", "\"above\": \"4500.00\"") + "]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("rules"));
		mvc.perform(post("/api/v1/dues/rules").with(login("admin")).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"effectiveFrom\": \"2020-01-01\", \"title\": \"过去\", \"rules\": [" + brackets + "]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("effectiveFrom"));
		// only the committee's administrator
		mvc.perform(post("/api/v1/dues/rules").with(login("branch1")).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"effectiveFrom\": \"" + july.atDay(1) + "\", \"title\": \"测试标准\", \"rules\": [" + brackets + "]}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/dues/rules").with(login("admin")).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"effectiveFrom\": \"" + july.atDay(1) + "\", \"title\": \"测试标准\", \"rules\": [" + brackets + "]}"))
			.andExpect(status().isCreated());

		assertThat(rules.standard(DuesCategory.IN_SERVICE, new BigDecimal("4500.00"), july.minusMonths(1)).monthlyAmount())
			.isEqualByComparingTo("45.00");
		assertThat(rules.standard(DuesCategory.IN_SERVICE, new BigDecimal("4500.00"), july).monthlyAmount())
			.isEqualByComparingTo("45.00");
		assertThat(rules.standard(DuesCategory.IN_SERVICE, new BigDecimal("3500.00"), july.minusMonths(1)).monthlyAmount())
			.isEqualByComparingTo("35.00");
		assertThat(rules.standard(DuesCategory.IN_SERVICE, new BigDecimal("3500.00"), july).monthlyAmount())
			.isEqualByComparingTo("17.50");
		assertThat(rules.standard(DuesCategory.STUDENT, null, july).monthlyAmount()).isEqualByComparingTo("0.30");
		assertThat(rules.versionFor(july).id()).isNotEqualTo(rules.versionFor(july.minusMonths(1)).id());
	}
}
