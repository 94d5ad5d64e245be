package cn.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The warnings of 《中国共产党支部工作条例（试行）》(2018) about branches. */
class BranchRulesTest {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

	BranchRules rules = new BranchRules(new OrganizationSettings(3, 5, 90, 3, 50, 7, 500));

	static CommitteePosition seat(Position p, LocalDate start, LocalDate end) {
		return new CommitteePosition(1L, p, "张三", start, end, false);
	}

	@Test
	@DisplayName("支部工作条例: 支委会任期届满前90天提醒换届")
	void termEndingWithin90DaysWarns() {
		var seats = List.of(seat(Position.SECRETARY, TODAY.minusYears(3).plusDays(30), TODAY.plusDays(30)));
		assertThat(rules.termWarnings(seats, TODAY)).extracting(Warning::messageKey).containsExactly("warning.term.dueSoon");
	}

	@Test
	@DisplayName("支部工作条例: 支委会任期已届满提醒换届")
	void endedTermWarns() {
		var seats = List.of(seat(Position.SECRETARY, TODAY.minusYears(3).minusDays(1), TODAY.minusDays(1)));
		assertThat(rules.termWarnings(seats, TODAY)).extracting(Warning::messageKey).containsExactly("warning.term.overdue");
	}

	@Test
	@DisplayName("支部工作条例: 新一届支委会已选出（任期未开始）则不再提醒换届")
	void aNewlyElectedCommitteeSilencesTheWarning() {
		var seats = List.of(seat(Position.SECRETARY, TODAY.minusYears(3).plusDays(30), TODAY.plusDays(30)),
				seat(Position.SECRETARY, TODAY.plusDays(30), TODAY.plusDays(30).plusYears(3)));
		assertThat(rules.termWarnings(seats, TODAY)).isEmpty();
	}

	@Test
	@DisplayName("支部工作条例: 按现任委员的任期判断，已卸任者不影响")
	void onlyTheSittingCommitteeCounts() {
		var seats = List.of(seat(Position.SECRETARY, TODAY.minusYears(3).plusDays(30), TODAY.plusDays(30)),
				seat(Position.ORGANIZATION, TODAY.minusYears(6), TODAY.minusYears(3)));
		assertThat(rules.termWarnings(seats, TODAY)).extracting(Warning::messageKey).containsExactly("warning.term.dueSoon");
	}

	@Test
	@DisplayName("支部工作条例: 任期尚远不提醒")
	void termFarAwayIsQuiet() {
		var seats = List.of(seat(Position.SECRETARY, TODAY.minusYears(1), TODAY.plusYears(2)));
		assertThat(rules.termWarnings(seats, TODAY)).isEmpty();
		assertThat(rules.termWarnings(List.of(), TODAY)).isEmpty();
	}

	@Test
	@DisplayName("支部工作条例: 正式党员不足3人应成立联合党支部")
	void fewerThanThreeFullMembersWarns() {
		assertThat(rules.sizeWarnings(new Headcount.Count(2, 4), List.of(), TODAY))
			.extracting(Warning::messageKey).containsExactly("warning.size.tooFewFull");
		assertThat(rules.sizeWarnings(new Headcount.Count(3, 0), List.of(), TODAY)).isEmpty();
	}

	@Test
	@DisplayName("支部工作条例: 党员一般不超过50人")
	void moreThanFiftyMembersWarns() {
		assertThat(rules.sizeWarnings(new Headcount.Count(5, 45), List.of(), TODAY)).isEmpty();
		assertThat(rules.sizeWarnings(new Headcount.Count(5, 46), List.of(), TODAY))
			.extracting(Warning::messageKey).containsExactly("warning.size.tooMany");
	}

	@Test
	@DisplayName("支部工作条例: 正式党员7人以上应设支部委员会")
	void sevenFullMembersNeedACommittee() {
		var secretaryOnly = List.of(seat(Position.SECRETARY, TODAY.minusYears(1), TODAY.plusYears(2)));
		assertThat(rules.sizeWarnings(new Headcount.Count(7, 0), secretaryOnly, TODAY))
			.extracting(Warning::messageKey).containsExactly("warning.size.needsCommittee");
		var committee = List.of(seat(Position.SECRETARY, TODAY.minusYears(1), TODAY.plusYears(2)),
				seat(Position.ORGANIZATION, TODAY.minusYears(1), TODAY.plusYears(2)));
		assertThat(rules.sizeWarnings(new Headcount.Count(7, 0), committee, TODAY)).isEmpty();
		assertThat(rules.sizeWarnings(new Headcount.Count(6, 0), secretaryOnly, TODAY)).isEmpty();
	}
}
