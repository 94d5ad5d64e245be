package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.shared.FieldProblem;

/** The rules of a member's particulars, one by one, without a database: the stored data is a fake. */
class MemberRulesTest {

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

	private static final long BRANCH = 10, COLLEGE = 2;

	private final SensitiveData sensitive = new SensitiveData(new MockEnvironment()
		.withProperty("party.security.data-key", Base64.getEncoder().encodeToString(new byte[32])));

	private final MemberRules rules = new MemberRules(null, sensitive, null,
			Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.ofHours(8)), ZoneOffset.ofHours(8)));

	private String takenIdCard;

	private String takenStaffNumber = "T001";

	private final MemberRules.Lookups stored = new MemberRules.Lookups() {

		@Override
		public boolean idCardTaken(java.util.List<String> idCardHashes, long exceptId) {
			return takenIdCard != null && idCardHashes.contains(sensitive.lookupHash(takenIdCard));
		}

		@Override
		public boolean staffNumberTaken(String staffNumber, long exceptId) {
			return staffNumber.equalsIgnoreCase(takenStaffNumber);
		}

		@Override
		public OrgType typeOf(long organizationId) {
			return organizationId == BRANCH ? OrgType.BRANCH : organizationId == COLLEGE ? OrgType.GENERAL_BRANCH : null;
		}
	};

	private static String idCard(String birth, boolean female) {
		String first17 = "420102" + birth + (female ? "022" : "031");
		return first17 + IdCardNumber.checkCharacter(first17);
	}

	/** A man born 1990-05-01 who joined in 2015 and became a full member in 2016: passes every rule. */
	private static MemberForm valid() {
		return new MemberForm("张三", Gender.MALE, "汉族", LocalDate.of(1990, 5, 1), idCard("19900501", false), "湖北武汉",
				Education.MASTER, Category.FACULTY, "S2015001", "13800001111", BRANCH, MemberStatus.FULL,
				LocalDate.of(2015, 7, 1), LocalDate.of(2016, 7, 1), null);
	}

	private Map<String, String> problems(MemberForm form) {
		FieldProblem problem = catchThrowableOfType(FieldProblem.class, () -> rules.check(form, 0L, stored));
		assertThat(problem).as("the form was accepted").isNotNull();
		return problem.problems().stream()
			.collect(Collectors.toMap(FieldProblem.Problem::field, FieldProblem.Problem::messageKey, (a, b) -> a));
	}

	private static MemberForm with(MemberForm f, String field, Object value) {
		return new MemberForm(field.equals("name") ? (String) value : f.name(), field.equals("gender") ? (Gender) value : f.gender(),
				f.ethnicity(), field.equals("birthDate") ? (LocalDate) value : f.birthDate(),
				field.equals("idCard") ? (String) value : f.idCard(), f.nativePlace(), f.education(), f.category(),
				field.equals("staffNumber") ? (String) value : f.staffNumber(), field.equals("phone") ? (String) value : f.phone(),
				field.equals("organizationId") ? (Long) value : f.organizationId(),
				field.equals("status") ? (MemberStatus) value : f.status(),
				field.equals("joinDate") ? (LocalDate) value : f.joinDate(),
				field.equals("conversionDate") ? (LocalDate) value : f.conversionDate(), f.graduationYear());
	}

	@Test
	void aCompleteProfilePassesAndItsIdCardNumberIsParsed() {
		assertThat(rules.check(valid(), 0L, stored).birthDate()).isEqualTo(LocalDate.of(1990, 5, 1));
	}

	@Test
	@DisplayName("GB 11643: an ID-card number with a wrong check character is refused")
	void idCardCheckCharacter() {
		String good = idCard("19900501", false);
		String bad = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
		assertThat(problems(with(valid(), "idCard", bad))).containsEntry("idCard", "member.idCard.checkDigit");
	}

	@Test
	@DisplayName("Members: the birth date must agree with the ID-card number")
	void birthDateAgreesWithIdCard() {
		assertThat(problems(with(valid(), "birthDate", LocalDate.of(1990, 5, 2))))
			.containsEntry("birthDate", "member.birthDate.mismatch");
	}

	@Test
	@DisplayName("Members: the gender must agree with the ID-card number")
	void genderAgreesWithIdCard() {
		assertThat(problems(with(valid(), "gender", Gender.FEMALE))).containsEntry("gender", "member.gender.mismatch");
	}

	@Test
	@DisplayName("党章: a member was at least 18 on the day they joined")
	void eighteenAtJoining() {
		MemberForm young = with(with(valid(), "joinDate", LocalDate.of(2008, 4, 30)), "conversionDate", null);
		assertThat(problems(young)).containsEntry("birthDate", "member.age.under18");
		assertThatCode(() -> rules.check(with(with(valid(), "joinDate", LocalDate.of(2008, 5, 1)), "conversionDate", null), 0L,
				stored)).as("18 on the very day").doesNotThrowAnyException();
	}

	@Test
	@DisplayName("Members: an ID-card number and a 学号/工号 are registered once")
	void numbersAreUnique() {
		takenIdCard = valid().idCard();
		Map<String, String> found = problems(with(valid(), "staffNumber", "t001"));
		assertThat(found).containsEntry("idCard", "member.idCard.taken").containsEntry("staffNumber", "member.staffNumber.taken");
	}

	@Test
	void staffNumbersAndPhonesHaveTheirForm() {
		assertThat(problems(with(with(valid(), "staffNumber", "学号1"), "phone", "1234")))
			.containsEntry("staffNumber", "member.staffNumber.pattern").containsEntry("phone", "member.phone.format");
	}

	@Test
	@DisplayName("Members: a join date lies between 1921 and today")
	void joinDateInRange() {
		assertThat(problems(with(valid(), "joinDate", TODAY.plusDays(1)))).containsEntry("joinDate", "member.joinDate.range");
		assertThat(problems(with(valid(), "joinDate", LocalDate.of(1920, 12, 31)))).containsEntry("joinDate", "member.joinDate.range");
	}

	@Test
	@DisplayName("Members: 转正 comes after joining, and a 预备党员 has no 转正日期")
	void conversionAfterJoining() {
		assertThat(problems(with(valid(), "conversionDate", LocalDate.of(2015, 7, 1))))
			.containsEntry("conversionDate", "member.conversionDate.beforeJoin");
		assertThat(problems(with(valid(), "status", MemberStatus.PROBATIONARY)))
			.containsEntry("conversionDate", "member.conversionDate.probationary");
	}

	@Test
	@DisplayName("支部工作条例: members belong to a 党支部 (or its 党小组), not to a college")
	void membersBelongToBranches() {
		assertThat(problems(with(valid(), "organizationId", COLLEGE))).containsEntry("organizationId", "member.organization.branchOnly");
		assertThat(problems(with(valid(), "organizationId", null))).containsEntry("organizationId", "member.organization.required");
	}

	@Test
	void everyMistakeIsReportedAtOnce() {
		MemberForm empty = new MemberForm(" ", null, null, null, "123", null, null, null, "", null, null, null, null, null, null);
		assertThat(problems(empty)).containsKeys("name", "gender", "idCard", "birthDate", "staffNumber", "education", "category",
				"status", "joinDate", "organizationId");
	}

	private static MemberForm historical(MemberForm f) {
		return new MemberForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.idCard(), f.nativePlace(), f.education(),
				f.category(), f.staffNumber(), f.phone(), f.organizationId(), f.status(), f.joinDate(), f.conversionDate(),
				f.graduationYear(), true);
	}

	private void accepted(MemberForm form) {
		assertThatCode(() -> rules.check(form, 0L, stored)).doesNotThrowAnyException();
	}

	@Test
	@DisplayName("发展党员工作细则: a full member's 转正日期 is 入党日期 + 1 year (按期转正) or + 18 to 24 months (after an extension)")
	void aFullMembersConversionIsOneYearAfterJoiningOrEighteenToTwentyFourMonthsAfterAnExtension() {
		// joined 2015-07-01
		accepted(with(valid(), "conversionDate", LocalDate.of(2016, 7, 1)));
		accepted(with(valid(), "conversionDate", LocalDate.of(2017, 1, 1)));
		accepted(with(valid(), "conversionDate", LocalDate.of(2017, 4, 15)));
		accepted(with(valid(), "conversionDate", LocalDate.of(2017, 7, 1)));
		for (LocalDate wrong : new LocalDate[] { LocalDate.of(2016, 6, 30), LocalDate.of(2016, 7, 2), LocalDate.of(2016, 12, 31),
				LocalDate.of(2017, 7, 2), LocalDate.of(2020, 1, 1) }) {
			assertThat(problems(with(valid(), "conversionDate", wrong))).as(wrong.toString())
				.containsEntry("conversionDate", "member.conversionDate.probation");
		}
		FieldProblem refusal = catchThrowableOfType(FieldProblem.class,
				() -> rules.check(with(valid(), "conversionDate", LocalDate.of(2016, 7, 2)), 0L, stored));
		assertThat(refusal.problems().get(0).args()).as("the message names the dates the rule allows")
			.containsExactly(LocalDate.of(2016, 7, 1), LocalDate.of(2017, 1, 1), LocalDate.of(2017, 7, 1));
	}

	@Test
	@DisplayName("发展党员工作细则: a 转正 recorded late in old files is accepted only when marked as a historical record, with a warning")
	void aConversionRecordedLateIsAcceptedOnlyAsAHistoricalRecordWithAWarning() {
		MemberForm late = historical(with(valid(), "conversionDate", LocalDate.of(2018, 3, 1)));
		accepted(late);
		assertThat(MemberRules.historicalWarning(late)).isNotNull()
			.satisfies(w -> assertThat(w.messageKey()).isEqualTo("member.conversionDate.historical"));
		assertThat(MemberRules.historicalWarning(historical(valid()))).as("a historical record that follows the rule")
			.isNull();
		// a conversion before the 预备期 ended is never a late record
		assertThat(problems(historical(with(valid(), "conversionDate", LocalDate.of(2016, 3, 1)))))
			.containsEntry("conversionDate", "member.conversionDate.probation");
	}

	@Test
	@DisplayName("发展党员工作细则: a member who joined less than a year ago is not yet a full member")
	void aFullMemberWhoJoinedLessThanAYearAgoIsRefused() {
		MemberForm recent = with(with(valid(), "joinDate", TODAY.minusMonths(6)), "conversionDate", null);
		assertThat(problems(recent)).containsEntry("status", "member.status.fullTooSoon");
		assertThat(problems(historical(recent))).as("not even as a historical record").containsEntry("status",
				"member.status.fullTooSoon");
		accepted(with(with(valid(), "joinDate", TODAY.minusYears(1)), "conversionDate", TODAY));
		accepted(with(with(with(valid(), "joinDate", TODAY.minusMonths(6)), "status", MemberStatus.PROBATIONARY),
				"conversionDate", null));
	}

	@Test
	@DisplayName("Members: a 转正日期 in the future is refused")
	void aConversionDateInTheFutureIsRefused() {
		MemberForm future = with(with(valid(), "joinDate", TODAY.minusMonths(11)), "conversionDate", TODAY.plusMonths(1));
		assertThat(problems(future)).containsEntry("conversionDate", "member.conversionDate.future");
		assertThat(problems(historical(future))).containsEntry("conversionDate", "member.conversionDate.future");
	}

	@Test
	@DisplayName("党章: 党龄 counts whole years from the 转正日期")
	void partyYearsCountWholeYearsFromTheConversion() {
		assertThat(MemberRules.partyYears(LocalDate.of(2016, 12, 1), TODAY)).isEqualTo(10);
		assertThat(MemberRules.partyYears(LocalDate.of(2016, 12, 2), TODAY)).isEqualTo(9);
		assertThat(MemberRules.partyYears(TODAY, TODAY)).isZero();
		assertThat(MemberRules.partyYears(null, TODAY)).isNull();
	}

	@Test
	@DisplayName("发展党员工作细则: a 预备党员 more than two years after joining is flagged (预备期超期)")
	void aProbationaryMemberMoreThanTwoYearsAfterJoiningIsFlagged() {
		assertThat(MemberRules.probationOverdue(MemberStatus.PROBATIONARY, TODAY.minusYears(2).minusDays(1), TODAY)).isTrue();
		assertThat(MemberRules.probationOverdue(MemberStatus.PROBATIONARY, TODAY.minusYears(2), TODAY)).isFalse();
		assertThat(MemberRules.probationOverdue(MemberStatus.FULL, TODAY.minusYears(5), TODAY)).isFalse();
	}

	@Test
	@DisplayName("预备期超期 counted in the database (joined before a day) agrees with the rule every day, 29 February too")
	void theDayBeforeWhichAProbationIsOverdueAgreesWithTheRuleOnEveryDay() {
		for (LocalDate today = LocalDate.of(2027, 1, 1); today.isBefore(LocalDate.of(2033, 1, 1)); today = today.plusDays(1)) {
			LocalDate day = ProbationOverdueCounts.overdueIfJoinedBefore(today);
			for (LocalDate join = day.minusDays(3); join.isBefore(day.plusDays(3)); join = join.plusDays(1)) {
				assertThat(join.isBefore(day)).as("joined %s, today %s", join, today)
					.isEqualTo(MemberRules.probationOverdue(MemberStatus.PROBATIONARY, join, today));
			}
		}
	}
}
