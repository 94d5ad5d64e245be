package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ReportPeriodsTest {

	private final ReportPeriods quarterly = new ReportPeriods(3);

	@Test
	void quartersRunFromJanuary() {
		assertThat(quarterly.of(LocalDate.of(2026, 3, 31)))
			.isEqualTo(new ReportPeriods.Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
		assertThat(quarterly.of(LocalDate.of(2026, 4, 1)).start()).isEqualTo(LocalDate.of(2026, 4, 1));
		assertThat(quarterly.of(LocalDate.of(2026, 12, 31)).end()).isEqualTo(LocalDate.of(2026, 12, 31));
	}

	@Test
	void theLastPeriodOfAYearIsShorterWhenTheMonthsDoNotDivideTwelve() {
		ReportPeriods five = new ReportPeriods(5);
		assertThat(five.of(LocalDate.of(2026, 12, 1)))
			.isEqualTo(new ReportPeriods.Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 31)));
		assertThat(five.after(five.of(LocalDate.of(2026, 12, 1))).start()).isEqualTo(LocalDate.of(2027, 1, 1));
		assertThatThrownBy(() -> new ReportPeriods(0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theLastEndedPeriodIsTheOneBeforeToday() {
		assertThat(quarterly.lastEnded(LocalDate.of(2026, 10, 1)))
			.isEqualTo(new ReportPeriods.Period(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30)));
		assertThat(quarterly.lastEnded(LocalDate.of(2026, 9, 30)).start()).isEqualTo(LocalDate.of(2026, 4, 1));
		assertThat(quarterly.lastEnded(LocalDate.of(2026, 1, 15)).start()).isEqualTo(LocalDate.of(2025, 10, 1));
	}

	@Test
	void aReportIsDueFromThePeriodAnActivistBeganOnItsFirstDay() {
		// confirmed on the first day of a quarter: that quarter is due; a day later: the next one
		assertThat(quarterly.due(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1)))
			.extracting(ReportPeriods.Period::start)
			.containsExactly(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1));
		assertThat(quarterly.due(LocalDate.of(2026, 4, 2), LocalDate.of(2026, 7, 1)))
			.extracting(ReportPeriods.Period::start)
			.containsExactly(LocalDate.of(2026, 7, 1));
		assertThat(quarterly.due(LocalDate.of(2026, 4, 2), LocalDate.of(2026, 6, 30))).isEmpty();
	}
}
