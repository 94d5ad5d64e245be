package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.partybuilding.development.DevelopmentPath.Decision;
import cn.partybuilding.development.DevelopmentPath.Nominee;
import cn.partybuilding.development.DevelopmentPath.Recorded;
import cn.partybuilding.development.DevelopmentPath.Refusal;
import cn.partybuilding.development.DevelopmentPath.Request;

/** DOMAIN.md "Member development", rule by rule, on both sides of every boundary. */
class DevelopmentPathTest {

	static final LocalDate BIRTH = LocalDate.of(2004, 9, 10);

	static final LocalDate TODAY = LocalDate.of(2030, 1, 1);

	private final List<Recorded> done = new ArrayList<>();

	private DevelopmentRules rules = DevelopmentRules.DEFAULTS;

	private DevelopmentPath path() {
		return new DevelopmentPath(BIRTH, done, rules);
	}

	private void approve(Step step, LocalDate date) {
		done.add(new Recorded(step, date, Decision.APPROVED, 0, null));
	}

	/** Every step up to (not including) {@code until}, the waiting times respected. */
	private void walkTo(Step until, LocalDate start) {
		LocalDate day = start;
		for (Step step : Step.values()) {
			if (step == until) {
				return;
			}
			if (step == Step.CANDIDATE) {
				day = dateOf(Step.ACTIVIST).plusYears(1);
			}
			if (step == Step.PRE_REVIEW) {
				day = day.plusDays(7);
			}
			if (step == Step.CONVERSION_VOTE) {
				day = dateOf(Step.ADMISSION_VOTE).plusYears(1);
			}
			approve(step, day);
			day = day.plusDays(1);
		}
	}

	private LocalDate dateOf(Step step) {
		return done.stream().filter(r -> r.step() == step).reduce((a, b) -> b).orElseThrow().date();
	}

	private static Request plain(Step step, LocalDate date) {
		return new Request(step, date, Decision.APPROVED, null, "note", null, null, null, null, null);
	}

	private Optional<Refusal> check(Request request) {
		return path().check(request, TODAY);
	}

	private static Nominee full(long id) {
		return new Nominee(id, true, false);
	}

	@Test
	void anApplicantIsAtLeast18OnTheDayOfTheApplication() {
		assertThat(check(plain(Step.APPLICATION, BIRTH.plusYears(18).minusDays(1))))
			.hasValueSatisfying(r -> {
				assertThat(r.rule()).isEqualTo("development.rule.age");
				assertThat(r.possibleFrom()).isEqualTo(BIRTH.plusYears(18));
			});
		assertThat(check(plain(Step.APPLICATION, BIRTH.plusYears(18)))).isEmpty();
	}

	@Test
	void stepsAreDoneOnlyInOrder() {
		approve(Step.APPLICATION, LocalDate.of(2024, 3, 1));
		assertThat(check(plain(Step.ACTIVIST, LocalDate.of(2024, 5, 1))))
			.hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo("development.rule.order"));
		assertThat(check(plain(Step.TALK, LocalDate.of(2024, 3, 10)))).isEmpty();
	}

	@Test
	void aStepIsNeverDatedInTheFutureNorBeforeTheStepBeforeIt() {
		approve(Step.APPLICATION, LocalDate.of(2024, 3, 1));
		assertThat(check(plain(Step.TALK, TODAY.plusDays(1))).map(Refusal::rule)).contains("development.rule.future");
		assertThat(check(plain(Step.TALK, LocalDate.of(2024, 2, 29))).map(Refusal::rule))
			.contains("development.rule.beforePrevious");
		assertThat(check(plain(Step.TALK, LocalDate.of(2024, 3, 1)))).isEmpty();
		assertThat(check(plain(Step.TALK, TODAY))).isEmpty();
	}

	@Test
	void theTalkIsDueWithinAMonthOfTheApplicationAndOverdueAfterIt() {
		approve(Step.APPLICATION, LocalDate.of(2024, 3, 1));
		assertThat(path().talkOverdue(LocalDate.of(2024, 4, 1))).isFalse();
		assertThat(path().talkOverdue(LocalDate.of(2024, 4, 2))).isTrue();
		approve(Step.TALK, LocalDate.of(2024, 4, 5));
		assertThat(path().talkOverdue(LocalDate.of(2024, 5, 2))).isFalse();
	}

	@Test
	void anActivistIsConfirmedWithTheRecordOfTheRecommendationAndAfterTheLocalWait() {
		rules = new DevelopmentRules(3, 7, false, 3);
		walkTo(Step.ACTIVIST, LocalDate.of(2024, 3, 1));
		assertThat(check(plain(Step.ACTIVIST, LocalDate.of(2024, 5, 31)))).hasValueSatisfying(r -> {
			assertThat(r.rule()).isEqualTo("development.rule.activistWait");
			assertThat(r.possibleFrom()).isEqualTo(LocalDate.of(2024, 6, 1));
		});
		assertThat(check(plain(Step.ACTIVIST, LocalDate.of(2024, 6, 1)))).isEmpty();
		assertThat(check(new Request(Step.ACTIVIST, LocalDate.of(2024, 6, 1), Decision.APPROVED, null, " ", null, null, null,
				null, null)).map(Refusal::rule)).contains("development.rule.activistBasis");
	}

	@Test
	void oneOrTwoContactsWhoAreFullMembers() {
		walkTo(Step.CONTACTS, LocalDate.of(2024, 3, 1));
		LocalDate day = dateOf(Step.ACTIVIST_FILED);
		assertThat(check(withPeople(Step.CONTACTS, day, List.of()))).isPresent();
		assertThat(check(withPeople(Step.CONTACTS, day, List.of(full(1))))).isEmpty();
		assertThat(check(withPeople(Step.CONTACTS, day, List.of(full(1), full(2))))).isEmpty();
		assertThat(check(withPeople(Step.CONTACTS, day, List.of(full(1), full(2), full(3))))).isPresent();
		assertThat(check(withPeople(Step.CONTACTS, day, List.of(full(1), new Nominee(2, false, false)))).map(Refusal::rule))
			.contains("development.rule.contacts");
	}

	@Test
	void aCandidateHasBeenAnActivistForAtLeastAYear() {
		walkTo(Step.CANDIDATE, LocalDate.of(2024, 3, 1));
		LocalDate activist = dateOf(Step.ACTIVIST);
		assertThat(check(plain(Step.CANDIDATE, activist.plusYears(1).minusDays(1)))).hasValueSatisfying(r -> {
			assertThat(r.rule()).isEqualTo("development.rule.activistYear");
			assertThat(r.possibleFrom()).isEqualTo(activist.plusYears(1));
		});
		assertThat(check(plain(Step.CANDIDATE, activist.plusYears(1)))).isEmpty();
	}

	@Test
	void twoSponsorsWhoAreFullMembersNotUnderDisciplinaryProbation() {
		walkTo(Step.SPONSORS, LocalDate.of(2024, 3, 1));
		LocalDate day = dateOf(Step.CANDIDATE_FILED);
		assertThat(check(withPeople(Step.SPONSORS, day, List.of(full(1))))).isPresent();
		assertThat(check(withPeople(Step.SPONSORS, day, List.of(full(1), full(1))))).isPresent();
		assertThat(check(withPeople(Step.SPONSORS, day, List.of(full(1), new Nominee(2, true, true)))).map(Refusal::rule))
			.contains("development.rule.sponsors");
		assertThat(check(withPeople(Step.SPONSORS, day, List.of(full(1), full(2))))).isEmpty();
	}

	@Test
	void trainingIsAtLeastThreeDaysOr24Hours() {
		walkTo(Step.TRAINING, LocalDate.of(2024, 3, 1));
		LocalDate day = dateOf(Step.POLITICAL_REVIEW);
		assertThat(check(trained(day, 2, 23)).map(Refusal::rule)).contains("development.rule.training");
		assertThat(check(trained(day, 3, null))).isEmpty();
		assertThat(check(trained(day, null, 24))).isEmpty();
	}

	@Test
	void thePreReviewComesAfterTheNoticeHasRunItsLength() {
		walkTo(Step.PRE_REVIEW, LocalDate.of(2024, 3, 1));
		LocalDate reviewed = dateOf(Step.COMMITTEE_REVIEW);
		assertThat(check(plain(Step.PRE_REVIEW, reviewed.plusDays(6)))).hasValueSatisfying(r -> {
			assertThat(r.rule()).isEqualTo("development.rule.notice");
			assertThat(r.possibleFrom()).isEqualTo(reviewed.plusDays(7));
		});
		assertThat(check(plain(Step.PRE_REVIEW, reviewed.plusDays(7)))).isEmpty();
	}

	@Test
	void aNoticeOfFiveWorkingDaysSkipsTheWeekend() {
		DevelopmentRules working = new DevelopmentRules(0, 5, true, 3);
		// Thursday 2025-03-06: Thu, Fri, Mon, Tue, Wed → possible from Thursday 2025-03-13
		assertThat(working.noticeOver(LocalDate.of(2025, 3, 6))).isEqualTo(LocalDate.of(2025, 3, 13));
		// begun on a Saturday: Mon–Fri → the next Saturday
		assertThat(working.noticeOver(LocalDate.of(2025, 3, 8))).isEqualTo(LocalDate.of(2025, 3, 15));
	}

	@Test
	void theBranchMeetingNeedsAQuorumOfMoreThanHalfOfThoseExpected() {
		walkTo(Step.ADMISSION_VOTE, LocalDate.of(2024, 3, 1));
		LocalDate day = dateOf(Step.APPLICATION_FORM);
		assertThat(check(voted(day, new BranchVote(20, 10, 10, 0, 0, 1, 0))).map(Refusal::rule)).contains("development.rule.quorum");
		assertThat(check(voted(day, new BranchVote(20, 11, 11, 0, 0, 0, 0)))).isEmpty();
		assertThat(check(voted(day, null)).map(Refusal::rule)).contains("development.rule.voteMissing");
	}

	@Test
	void votesCannotOutnumberThePeople() {
		assertThat(new BranchVote(20, 21, 0, 0, 0, 0, 0).inconsistencies()).contains("development.vote.presentOverExpected");
		assertThat(new BranchVote(20, 11, 10, 1, 1, 0, 0).inconsistencies()).contains("development.vote.votesOverPresent");
		assertThat(new BranchVote(20, 11, 11, 0, 0, 8, 1).inconsistencies()).isEmpty();
		assertThat(new BranchVote(20, 11, 11, 0, 0, 9, 1).inconsistencies()).contains("development.vote.writtenOverAbsent");
	}

	@Test
	void aResolutionPassesWhenYesVotesExceedHalfOfThoseExpectedWrittenOpinionsCounted() {
		// 20 expected: 11 yes needed, whoever is present
		assertThat(new BranchVote(20, 12, 10, 2, 0, 0, 0).outcome().passed()).isFalse();
		assertThat(new BranchVote(20, 12, 10, 2, 0, 1, 0).outcome().passed()).isTrue();
		assertThat(new BranchVote(20, 12, 11, 1, 0, 0, 0).outcome().passed()).isTrue();
		// 21 expected: 11 needed
		assertThat(new BranchVote(21, 11, 11, 0, 0, 0, 0).outcome()).isEqualTo(new BranchVote.Outcome(true, true, 11, 11));
		assertThat(new BranchVote(21, 11, 10, 1, 0, 0, 0).outcome().passed()).isFalse();
	}

	@Test
	void theHigherCommitteeApprovesWithinThreeMonthsOfTheVoteOrUpToSixWithAReason() {
		walkTo(Step.ADMISSION_APPROVAL, LocalDate.of(2024, 3, 1));
		LocalDate vote = dateOf(Step.ADMISSION_VOTE);
		assertThat(check(plain(Step.ADMISSION_APPROVAL, vote.plusMonths(3)))).isEmpty();
		assertThat(check(plain(Step.ADMISSION_APPROVAL, vote.plusMonths(3).plusDays(1))).map(Refusal::rule))
			.contains("development.rule.approvalLate");
		assertThat(check(new Request(Step.ADMISSION_APPROVAL, vote.plusMonths(6), Decision.APPROVED, "寒假期间未能召开党委会", null,
				null, null, null, null, null))).isEmpty();
		assertThat(check(new Request(Step.ADMISSION_APPROVAL, vote.plusMonths(6).plusDays(1), Decision.APPROVED, "原因", null,
				null, null, null, null, null)).map(Refusal::rule)).contains("development.rule.approvalTooLate");
	}

	@Test
	void theJoinDateIsTheDateOfTheAdmittingVoteOnceApproved() {
		walkTo(Step.ADMISSION_APPROVAL, LocalDate.of(2024, 3, 1));
		assertThat(path().joinDate()).isEmpty();
		assertThat(path().stage()).isEqualTo(Stage.CANDIDATE);
		LocalDate vote = dateOf(Step.ADMISSION_VOTE);
		approve(Step.ADMISSION_APPROVAL, vote.plusMonths(2));
		assertThat(path().joinDate()).contains(vote);
		assertThat(path().stage()).isEqualTo(Stage.PROBATIONARY);
	}

	@Test
	void theConversionVoteIsNoEarlierThanTheEndOfTheProbationYear() {
		walkTo(Step.CONVERSION_VOTE, LocalDate.of(2024, 3, 1));
		LocalDate end = dateOf(Step.ADMISSION_VOTE).plusYears(1);
		assertThat(check(voted(end.minusDays(1), new BranchVote(20, 15, 15, 0, 0, 0, 0)))).hasValueSatisfying(r -> {
			assertThat(r.rule()).isEqualTo("development.rule.probation");
			assertThat(r.possibleFrom()).isEqualTo(end);
		});
		assertThat(check(voted(end, new BranchVote(20, 15, 15, 0, 0, 0, 0)))).isEmpty();
	}

	@Test
	void theProbationIsExtendedOnceBySixToTwelveMonths() {
		walkTo(Step.CONVERSION_APPROVAL, LocalDate.of(2024, 3, 1));
		LocalDate vote = dateOf(Step.CONVERSION_VOTE);
		assertThat(check(extended(vote, 5)).map(Refusal::rule)).contains("development.rule.extensionLength");
		assertThat(check(extended(vote, 13)).map(Refusal::rule)).contains("development.rule.extensionLength");
		assertThat(check(extended(vote, 6))).isEmpty();
		assertThat(check(extended(vote, 12))).isEmpty();
		done.add(new Recorded(Step.CONVERSION_APPROVAL, vote.plusDays(10), Decision.APPROVED, 6, null));
		DevelopmentPath extendedPath = path();
		assertThat(extendedPath.stage()).isEqualTo(Stage.PROBATIONARY);
		assertThat(extendedPath.next()).isEqualTo(Step.CONVERSION_VOTE);
		LocalDate end = dateOf(Step.ADMISSION_VOTE).plusYears(1).plusMonths(6);
		assertThat(extendedPath.possibleFrom()).isEqualTo(end);
		approve(Step.CONVERSION_VOTE, end);
		assertThat(check(extended(end.plusDays(5), 6)).map(Refusal::rule)).contains("development.rule.extensionOnce");
		assertThat(check(plain(Step.CONVERSION_APPROVAL, end.plusDays(5)))).isEmpty();
		approve(Step.CONVERSION_APPROVAL, end.plusDays(5));
		assertThat(path().stage()).isEqualTo(Stage.FULL);
		assertThat(path().probationEnds()).contains(end);
	}

	@Test
	void aReturnedStepNeedsAWrittenReasonAndCanBeDoneAgain() {
		approve(Step.APPLICATION, LocalDate.of(2024, 3, 1));
		Request returned = new Request(Step.TALK, LocalDate.of(2024, 3, 5), Decision.RETURNED, "", null, null, null, null, null,
				null);
		assertThat(check(returned).map(Refusal::rule)).contains("development.rule.reason");
		done.add(new Recorded(Step.TALK, LocalDate.of(2024, 3, 5), Decision.RETURNED, 0, null));
		assertThat(path().next()).isEqualTo(Step.TALK);
		assertThat(check(plain(Step.TALK, LocalDate.of(2024, 3, 12)))).isEmpty();
	}

	@Test
	void everyStepBelongsToTheLevelTheRegulationNames() {
		assertThat(Step.numbered(4).level()).isEqualTo(Step.Level.HIGHER);
		assertThat(Step.numbered(13).level()).isEqualTo(Step.Level.HIGHER);
		assertThat(Step.numbered(15).level()).isEqualTo(Step.Level.BRANCH);
		assertThat(Step.numbered(17).level()).isEqualTo(Step.Level.HIGHER);
		assertThat(Step.numbered(18).level()).isEqualTo(Step.Level.HIGHER_STILL);
		assertThat(Step.numbered(24).level()).isEqualTo(Step.Level.HIGHER);
		assertThat(Step.numbered(25)).isEqualTo(Step.ARCHIVED);
	}

	private static Request withPeople(Step step, LocalDate date, List<Nominee> people) {
		return new Request(step, date, Decision.APPROVED, null, null, people, null, null, null, null);
	}

	private static Request trained(LocalDate date, Integer days, Integer hours) {
		return new Request(Step.TRAINING, date, Decision.APPROVED, null, null, null, days, hours, null, null);
	}

	private Request voted(LocalDate date, BranchVote vote) {
		return new Request(path().next(), date, Decision.APPROVED, null, null, null, null, null, vote, null);
	}

	private static Request extended(LocalDate date, int months) {
		return new Request(Step.CONVERSION_APPROVAL, date, Decision.APPROVED, null, null, null, null, null, null, months);
	}
}
