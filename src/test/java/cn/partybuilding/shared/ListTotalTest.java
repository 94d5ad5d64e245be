package cn.partybuilding.shared;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A list's total: exact up to the bound, above it the planner's estimate said as one; the after= position read back. */
class ListTotalTest extends PlatformTest {

	@Autowired
	JdbcTemplate template;

	@Test
	void countedExactlyUpToTheBoundAndEstimatedAbove() {
		long organisations = jdbc.sql("select count(*) from organization").query(Long.class).single();
		assertThat(ListTotal.of(template, 1_000_000, "from organization where id > ?", 0L))
			.isEqualTo(new ListTotal(organisations, true));
		ListTotal estimated = ListTotal.of(template, 2, "from organization where id > ?", 0L);
		assertThat(estimated.exact()).isFalse();
		assertThat(estimated.count()).isGreaterThan(2);
	}

	@Test
	void anEstimateKeepsTwoSignificantDigits() {
		assertThat(ListTotal.rounded(52_345)).isEqualTo(52_000);
		assertThat(ListTotal.rounded(987)).isEqualTo(990);
		assertThat(ListTotal.rounded(42)).isEqualTo(42);
	}

	@Test
	void aPositionIsReadBackAsWrittenAndAnUnreadableOneIsAFieldProblem() {
		Keyset at = Keyset.after(Instant.parse("2026-12-01T08:30:00.123456789Z"), 42);
		assertThat(Keyset.parse(at.token())).isEqualTo(new Keyset(Instant.parse("2026-12-01T08:30:00.123456Z"), 42));
		assertThat(Keyset.parse(null)).isNull();
		assertThatThrownBy(() -> Keyset.parse("soon")).isInstanceOf(FieldProblem.class);
		assertThatThrownBy(() -> Keyset.parse("12.")).isInstanceOf(FieldProblem.class);
	}
}
