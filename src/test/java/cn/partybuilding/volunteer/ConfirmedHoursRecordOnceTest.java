package cn.partybuilding.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;

/**
 * Record once: hours the organiser confirmed flow by themselves into the member's 纪实, their 学习 points (by the
 * rule table, corrected when the hours are) and the contact the 口袋党员 rule looks at.
 */
class ConfirmedHoursRecordOnceTest extends PlatformTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	private long shift = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);

	/** A day of its own for this run, years back, so no other test's points share it. */
	private LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));

	private VolunteerHoursConfirmed confirmed(long account, long member, String hours, String previous, String dayHours,
			String reason, Instant at) {
		return new VolunteerHoursConfirmed(7, shift, "社区敬老服务", orgId("SFDX-JSJ-01"), "计算机学院第一党支部", account,
				member, day, new BigDecimal(hours), previous == null ? null : new BigDecimal(previous),
				new BigDecimal(dayHours), reason, at, "李书记");
	}

	private void publish(VolunteerHoursConfirmed event) {
		tx.executeWithoutResult(status -> events.publishEvent(event));
	}

	private Integer points(long account) {
		return jdbc.sql("select points from learning_points where account_id = ? and day = ? and rule = 'VOLUNTEER_SERVICE'")
			.param(account).param(day).query(Integer.class).optional().orElse(null);
	}

	@Test
	void confirmedHoursWriteTheChronicleOnceAndACorrectionIsALineOfItsOwn() {
		long account = jdbc.sql("select id from account where username = 'member1'").query(Long.class).single();
		long member = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'member1'").query(Long.class).single();
		publish(confirmed(account, member, "3.5", null, "3.5", null, Instant.now().minus(2, ChronoUnit.DAYS)));
		publish(confirmed(account, member, "2", "3.5", "2", "提前离开", Instant.now().minus(2, ChronoUnit.DAYS)));
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(jdbc.sql("select detail from record_entry where member_id = ? and source_type = 'volunteer-shift' "
					+ "and source_id = ? and kind = 'VOLUNTEER_SERVICE'").param(member).param(Long.toString(shift))
				.query(String.class).list()).singleElement().asString().contains("社区敬老服务", "3.5 小时");
			assertThat(jdbc.sql("select detail from record_entry where member_id = ? and source_type = 'volunteer-shift' "
					+ "and source_id = ? and kind = 'VOLUNTEER_HOURS_CORRECTED'").param(member)
				.param(Long.toString(shift)).query(String.class).list()).singleElement().asString()
				.contains("3.5 小时改为 2 小时", "提前离开");
		});
	}

	@Test
	void theDaysConfirmedHoursEarnPointsByTheRuleTableUpToTheCapAndACorrectionCorrectsThem() {
		long account = jdbc.sql("select id from account where username = 'member2'").query(Long.class).single();
		long member = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'member2'").query(Long.class).single();
		Instant at = day.atTime(9, 0).atZone(cn.partybuilding.shared.PlatformZone.ZONE).toInstant();
		// 1 point an hour (3 600 s), at most 4 a day: 2.5 hours earn 2
		publish(confirmed(account, member, "2.5", null, "2.5", null, at));
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(points(account)).isEqualTo(2));
		// a second shift the same day: the day's 7.5 hours earn the cap
		shift++;
		publish(confirmed(account, member, "5", null, "7.5", null, at));
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(points(account)).isEqualTo(4));
		// the organiser corrects that shift to none: the day's points follow its hours down
		publish(confirmed(account, member, "0", "5", "2.5", "未到岗", at));
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(points(account)).isEqualTo(2));
		publish(confirmed(account, member, "0", "2.5", "0", "未到岗", at));
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(points(account)).isNull());
	}

	@Test
	void volunteerServiceIsContactForThePocketMemberRule() {
		long account = jdbc.sql("select id from account where username = 'member2'").query(Long.class).single();
		long member = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'member2'").query(Long.class).single();
		Instant at = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
		publish(confirmed(account, member, "1", null, "1", null, at));
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var contact = jdbc.sql("select last_at, how from transfer_last_contact where member_id = ?").param(member)
				.query((rs, n) -> rs.getTimestamp(1).toInstant() + " " + rs.getString(2)).single();
			assertThat(contact).isEqualTo(at + " 参加志愿服务《社区敬老服务》");
		});
	}
}
