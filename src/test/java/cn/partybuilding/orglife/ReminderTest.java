package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;

/** Seven days before a period ends, branches missing meetings are reminded — once. */
class ReminderTest extends PlatformTest {

	@Autowired
	ComplianceReminders reminders;

	long notices(String username, String titlePart) {
		return jdbc.sql("select count(*) from notification n join account a on a.id = n.account_id where a.username = ? and n.title like ?")
			.params(List.of(username, "%" + titlePart + "%")).query(Long.class).single();
	}

	@Test
	void branchesMissingMeetingsAreRemindedOnceAWeekBeforeThePeriodEnds() throws Exception {
		assertThat(reminders.remind(LocalDate.of(2026, 12, 20))).isZero(); // not seven days before an end
		int sent = reminders.remind(LocalDate.of(2026, 12, 24)); // December, Q4 and the year end on the 31st
		assertThat(sent).isPositive();
		assertThat(reminders.remind(LocalDate.of(2026, 12, 24))).isZero(); // once per branch and period

		long until = System.currentTimeMillis() + 20_000;
		while ((notices("branch1", "2026-12") == 0 || notices("college1", "个党支部 2026-12") == 0)
				&& System.currentTimeMillis() < until) {
			Thread.sleep(100);
		}
		assertThat(notices("branch1", "2026-12")).isEqualTo(1);
		assertThat(notices("college1", "个党支部 2026-12")).isEqualTo(1);
		assertThat(notices("branch2", "教工第一党支部 2026-12")).isEqualTo(1); // their own branch, not branch1's
	}
}
