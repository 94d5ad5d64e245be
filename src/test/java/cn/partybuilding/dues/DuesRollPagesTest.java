package cn.partybuilding.dues;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll a page at a time (issue 23): the pages together are the whole roll, line for line — 党费交至 and the run
 * of unpaid months looked up for each page's members are what the whole roll says — and the totals are the whole scope's.
 */
class DuesRollPagesTest extends PlatformTest {

	@Autowired
	DuesRoll roll;

	@Autowired
	Clock clock;

	@Test
	void thePagesTogetherAreTheWholeRollLineForLine() {
		long college = orgId("SFDX-JSJ");
		Caller admin = new Caller(jdbc.sql("select id from account where username = 'admin'").query(Long.class).single(), "admin",
				"admin", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("SFDX"))));
		for (YearMonth month : List.of(YearMonth.now(clock), YearMonth.now(clock).minusMonths(2))) {
			for (DuesRoll.Show show : DuesRoll.Show.values()) {
				DuesRoll.Roll whole = roll.of(admin, college, month, show);
				assertThat(whole.tooMany()).isFalse();
				List<DuesRoll.Line> paged = new ArrayList<>();
				for (int p = 0; p * 3 < whole.listed(); p++) {
					DuesRoll.Roll page = roll.page(admin, college, month, show, p, 3);
					assertThat(page.page()).isEqualTo(p);
					assertThat(page.lines()).hasSizeLessThanOrEqualTo(3);
					assertThat(page.listed()).isEqualTo(whole.listed());
					assertThat(List.of(page.billed(), page.paid(), page.noBase())).isEqualTo(List.of(whole.billed(), whole.paid(), whole.noBase()));
					paged.addAll(page.lines());
				}
				assertThat(paged).as(month + " " + show).isEqualTo(whole.lines());
				assertThat(whole.lines()).hasSize(whole.listed());
			}
		}
		// a page beyond the last is the last
		DuesRoll.Roll all = roll.of(admin, college, YearMonth.now(clock), DuesRoll.Show.ALL);
		assertThat(all.listed()).isGreaterThan(3);
		assertThat(roll.page(admin, college, YearMonth.now(clock), DuesRoll.Show.ALL, 10_000, 3).page())
			.isEqualTo(Math.max(0, (all.listed() - 1) / 3));
	}
}
