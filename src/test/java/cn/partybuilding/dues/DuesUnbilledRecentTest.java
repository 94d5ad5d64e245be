package cn.partybuilding.dues;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;

/**
 * The roll's «无账单» count over more than a thousand organisations subtracts the month's totals from a member count
 * kept as those totals are (a copy of the same age); a smaller scope's is counted on every page. (The suite runs
 * with copies off; these rolls keep them ten minutes.)
 */
class DuesUnbilledRecentTest extends PlatformTest {

	@Autowired
	DuesBases bases;

	@Autowired
	JdbcTemplate template;

	@Autowired
	DuesAccess access;

	@Autowired
	MemberDirectory members;

	@Autowired
	DuesArrears arrears;

	@Autowired
	Clock clock;

	@Autowired
	OrganizationScope scope;

	private DuesRoll roll(Duration maxAge) {
		return new DuesRoll(bases, template, access, members, arrears, clock, 3000, scope, maxAge);
	}

	@Test
	void aLargeScopesCountOfMembersWithoutABillIsACopyOfTheTotalsAge() {
		// an organisation id no organisation has, counted 5 members, among a thousand others: a scope of 1 001
		long counted = -424_242;
		Set<Long> large = new HashSet<>(LongStream.rangeClosed(1, 1000).map(i -> -i).boxed().toList());
		large.add(counted);
		DuesRoll.RollTotals twoBilled = new DuesRoll.RollTotals(2, 1, 0, BigDecimal.ONE, BigDecimal.ONE);
		jdbc.sql("insert into member_count (organization_id, members) values (?, 5)").param(counted).update();
		try {
			DuesRoll kept = roll(Duration.ofMinutes(10));
			assertThat(kept.unbilled(large, twoBilled)).isEqualTo(3);
			jdbc.sql("update member_count set members = 7 where organization_id = ?").param(counted).update();
			assertThat(kept.unbilled(large, twoBilled)).as("within the copy's age: the same count").isEqualTo(3);
			assertThat(kept.unbilled(Set.of(counted), twoBilled)).as("a small scope: counted").isEqualTo(5);
			assertThat(roll(Duration.ZERO).unbilled(large, twoBilled)).as("copies off: counted").isEqualTo(5);
		}
		finally {
			jdbc.sql("delete from member_count where organization_id = ?").param(counted).update();
		}
	}
}
