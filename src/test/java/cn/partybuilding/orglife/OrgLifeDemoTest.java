package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.PlatformZone;

/** The demo university shows a lived year of 组织生活, made through orglife's façade and events. */
class OrgLifeDemoTest extends PlatformTest {

	@Autowired
	Compliance compliance;

	@Autowired
	AccountManagement accounts;

	@Test
	@DisplayName("The demo shows a lived year: every branch's meetings, mostly complete, a group-level gap, and member1's 纪实 tells it")
	void theDemoShowsALivedYearOfMeetings() throws Exception {
		long branches = jdbc.sql("""
				select count(distinct organization_id) from meeting m join organization o on o.id = m.organization_id
				where o.type = 'BRANCH' and m.start_at > now() - interval '1 year'""").query(Long.class).single();
		assertThat(branches).isGreaterThanOrEqualTo(50);
		// check-ins: some late, some on leave, a few absent; minutes signed off
		assertThat(jdbc.sql("select count(*) from meeting_checkin c join meeting m on m.id = c.meeting_id where c.checked_in_at > m.start_at")
			.query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("select count(*) from meeting_invitee where leave_state = 'APPROVED'").query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("select count(*) from meeting_minutes where signed_off_at is not null").query(Long.class).single())
			.isGreaterThan(1000);

		// last month: branch1's second group missed its 党小组会 three to five months ago
		YearMonth gapMonth = YearMonth.now(PlatformZone.ZONE).minusMonths(4);
		var branch1 = accounts.callerFor("branch1");
		Compliance.BranchCompliance jsj01 = compliance.report(branch1, orgId("SFDX-JSJ-01"), gapMonth.toString()).branches().get(0);
		assertThat(jsj01.required().get(MeetingType.GROUP_MEETING)).isEqualTo(2);
		assertThat(jsj01.held().get(MeetingType.GROUP_MEETING)).isEqualTo(1);
		// most branches are nearly complete over the last full quarter, a few are not
		LocalDate lastQuarterStart = LocalDate.now(PlatformZone.ZONE).withDayOfMonth(1)
			.minusMonths((LocalDate.now(PlatformZone.ZONE).getMonthValue() - 1) % 3).minusMonths(3);
		String quarter = lastQuarterStart.getYear() + "-Q" + ((lastQuarterStart.getMonthValue() - 1) / 3 + 1);
		List<Compliance.BranchCompliance> all = compliance.report(accounts.callerFor("admin"), null, quarter).branches();
		assertThat(all.stream().filter(b -> b.rate() >= 80).count()).isGreaterThan(all.size() / 2);
		assertThat(all.stream().filter(b -> b.rate() < 100).count()).isPositive();

		// member1's 纪实 tells the year's meetings (the listener runs after the demo's commits)
		long member1 = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'member1'")
			.query(Long.class).single();
		long attended = 0;
		for (int i = 0; i < 100 && attended < 20; i++) {
			attended = jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'MEETING_ATTENDED'").param(member1)
				.query(Long.class).single();
			if (attended < 20) {
				Thread.sleep(200);
			}
		}
		assertThat(attended).isGreaterThanOrEqualTo(20);
		mvc.perform(get("/me/record").with(login("member1"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("参加主题党日")));
	}

	@Test
	@DisplayName("branch1's home page shows real things to do: today's check-in, a leave request, minutes to write; college1's its 党课's minutes")
	void theHomePageShowsWhatOrganisersHaveToDo() throws Exception {
		mvc.perform(get("/").with(login("branch1"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("打开签到二维码")))
			.andExpect(content().string(Matchers.containsString("条请假申请待审批")))
			.andExpect(content().string(Matchers.containsString("请填写并签发会议记录")));
		mvc.perform(get("/").with(login("college1"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("教育家精神")));
		mvc.perform(get("/").with(login("member1"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.not(Matchers.containsString("请填写并签发会议记录"))));
	}
}
