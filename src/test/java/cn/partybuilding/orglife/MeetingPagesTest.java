package cn.partybuilding.orglife;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import java.sql.Timestamp;

/** The secretary plans on a page and shows the code; the member opens the code's link and is checked in. */
class MeetingPagesTest extends PlatformTest {

	@Test
	void theListLinksToThePlanFormOnItsOwnPageWithTheFiltersOrganisationChosen() throws Exception {
		var college1 = login("college1");
		long branch = orgId("SFDX-JSJ-01");
		String list = mvc.perform(get("/meetings").param("orgId", Long.toString(branch)).with(college1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("id=\"plan-link\" href=\"/meetings/new?orgId=" + branch + "\"").doesNotContain("plan-form");
		mvc.perform(get("/meetings").with(college1))
			.andExpect(content().string(Matchers.containsString("id=\"plan-link\" href=\"/meetings/new\"")));
		String plan = mvc.perform(get("/meetings/new").param("orgId", Long.toString(branch)).with(college1))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(plan).contains("id=\"plan-form\"")
			.containsPattern("<option value=\"" + branch + "\" data-org-type=\"BRANCH\" selected=\"selected\"");
		mvc.perform(get("/meetings/new").with(college1))
			.andExpect(status().isOk()).andExpect(content().string(Matchers.not(Matchers.containsString("selected=\"selected\">"))));
		// a member plans nothing; another school's organisation is the audited 404
		mvc.perform(get("/meetings/new").with(login("member1"))).andExpect(status().isForbidden());
		mvc.perform(post("/meetings").with(login("member1")).with(csrf()).param("topic", "x")).andExpect(status().isForbidden());
		long denied = auditCount("access.denied", "school2");
		mvc.perform(get("/meetings/new").param("orgId", Long.toString(orgId("SFDX"))).with(login("school2")))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "school2")).isGreaterThan(denied);
	}

	@Test
	void planShowTheCodeAndCheckInByItsLink() throws Exception {
		var branch1 = login("branch1");
		LocalDateTime now = LocalDateTime.now(PlatformZone.ZONE).truncatedTo(ChronoUnit.MINUTES);
		String org = Long.toString(orgId("SFDX-JSJ-01"));

		// a mistake comes back beside its field, the rest kept
		mvc.perform(post("/meetings").with(branch1).with(csrf()).param("orgId", org).param("type", "PARTY_LECTURE")
			.param("topic", "党的二十大精神专题党课").param("startAt", now.toString()).param("endAt", now.minusHours(1).toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("结束时间应晚于开始时间")))
			.andExpect(content().string(Matchers.containsString("党的二十大精神专题党课")));

		// a tampered form is answered like an empty one, not with a server error
		mvc.perform(post("/meetings").with(branch1).with(csrf()).param("orgId", "abc").param("type", "NOPE").param("topic", "x")
			.param("startAt", now.toString()).param("endAt", now.plusHours(1).toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("请选择召开会议的党组织")));

		String location = mvc.perform(post("/meetings").with(branch1).with(csrf()).param("orgId", org)
			.param("type", "PARTY_LECTURE").param("topic", "党的二十大精神专题党课").param("lecturer", "张伟")
			.param("startAt", now.minusMinutes(5).toString()).param("endAt", now.plusHours(1).toString()))
			.andExpect(status().is3xxRedirection())
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(location).matches("/meetings/\\d+");

		String screen = mvc.perform(get(location + "/screen").with(branch1)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(screen).contains("data:image/svg+xml;base64,");
		Matcher link = Pattern.compile("data-link=\"[^\"]*(/meetings/\\d+/checkin\\?token=[^\"]+)\"").matcher(screen);
		assertThat(link.find()).isTrue();

		var member1 = login("member1");
		mvc.perform(get("/me/meetings").with(member1)).andExpect(content().string(Matchers.containsString("党的二十大精神专题党课")));
		mvc.perform(get(link.group(1).replace("&amp;", "&")).with(member1))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("签到成功")));
		mvc.perform(get(location).with(branch1))
			.andExpect(content().string(Matchers.containsString("赵红梅")))
			.andExpect(content().string(Matchers.containsString("代签到")));
		// a member of another college cannot open it
		mvc.perform(get(location).with(login("member2"))).andExpect(status().isNotFound());
		mvc.perform(get(location + "/screen").with(member1)).andExpect(status().isForbidden());
	}

	@Test
	void theCommitteeOrChosenPeopleCanBeInvitedFromThePage() throws Exception {
		var college1 = login("college1");
		LocalDateTime start = LocalDateTime.now(PlatformZone.ZONE).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
		long branch = orgId("SFDX-JSJ-02");
		var people = jdbc.sql("select id, account_id from member where organization_id = ? order by id limit 3").param(branch)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();

		// nobody holds a committee role there yet: said so, the form kept
		mvc.perform(post("/meetings").with(college1).with(csrf()).param("orgId", Long.toString(branch))
			.param("type", "BRANCH_COMMITTEE").param("topic", "研究发展党员工作").param("invitees", "COMMITTEE")
			.param("startAt", start.toString()).param("endAt", start.plusHours(1).toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("还没有担任支部书记或支部委员的党员账号")))
			.andExpect(content().string(Matchers.containsString("研究发展党员工作")));
		jdbc.sql("insert into account_grant (account_id, role, organization_id) values (?, 'BRANCH_COMMITTEE', ?) on conflict do nothing")
			.params(people.get(0)[1], branch).update();
		String committee = mvc.perform(post("/meetings").with(college1).with(csrf()).param("orgId", Long.toString(branch))
			.param("type", "BRANCH_COMMITTEE").param("topic", "研究发展党员工作").param("invitees", "COMMITTEE")
			.param("startAt", start.toString()).param("endAt", start.plusHours(1).toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(invitees(committee)).containsExactly(people.get(0)[0]);

		// chosen people: the picker lists the organisation's members; none ticked is a mistake, not everyone
		mvc.perform(get("/meetings/invitee-choices").with(college1).param("orgId", Long.toString(branch)))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("name=\"memberIds\" id=\"person-" + people.get(1)[0])));
		mvc.perform(post("/meetings").with(college1).with(csrf()).param("orgId", Long.toString(branch))
			.param("type", "TALK").param("topic", "谈心谈话").param("invitees", "CHOSEN")
			.param("startAt", start.toString()).param("endAt", start.plusHours(1).toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("请选择参会人员")));
		String chosen = mvc.perform(post("/meetings").with(college1).with(csrf()).param("orgId", Long.toString(branch))
			.param("type", "TALK").param("topic", "谈心谈话").param("invitees", "CHOSEN")
			.param("memberIds", Long.toString(people.get(1)[0]), Long.toString(people.get(2)[0]))
			.param("startAt", start.toString()).param("endAt", start.plusHours(1).toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(invitees(chosen)).containsExactlyInAnyOrder(people.get(1)[0], people.get(2)[0]);
		// another college's branch is not offered
		mvc.perform(get("/meetings/invitee-choices").with(college1).param("orgId", Long.toString(orgId("SFDX-JX-01"))))
			.andExpect(status().isNotFound());
	}

	@Test
	void aFailedPlanComesBackFilledWithEachMessageBesideItsFieldAndTypedTimesAreRead() throws Exception {
		var college1 = login("college1");
		long branch = orgId("SFDX-JSJ-02");
		long person = jdbc.sql("select id from member where organization_id = ? order by id limit 1").param(branch)
			.query(Long.class).single();
		// an unreadable time and an overlong lecturer: said beside their fields, the ticked person still ticked
		String page = mvc.perform(post("/meetings").with(college1).with(csrf()).param("orgId", Long.toString(branch))
			.param("type", "TALK").param("topic", "谈心谈话").param("invitees", "CHOSEN").param("memberIds", Long.toString(person))
			.param("startAt", "下周一上午").param("endAt", "2099-01-01T10:00"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("请输入日期和时间", "value=\"下周一上午\"", "value=\"2099-01-01T10:00\"", "value=\"谈心谈话\"")
			.containsPattern("id=\"person-" + person + "\"[^>]*checked")
			.contains("<option value=\"" + branch + "\" data-org-type=\"BRANCH\" selected=\"selected\">");
		mvc.perform(post("/meetings").with(college1).with(csrf()).param("orgId", Long.toString(branch))
			.param("type", "TALK").param("topic", "谈心谈话").param("lecturer", "讲".repeat(51))
			.param("startAt", "2099-01-01T09:00").param("endAt", "2099-01-01T10:00"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("不能超过 50 个字")));
		// the dates offices type are read as the browser's
		String planned = mvc.perform(post("/meetings").with(college1).with(csrf()).param("orgId", Long.toString(branch))
			.param("type", "TALK").param("topic", "谈心谈话").param("invitees", "CHOSEN").param("memberIds", Long.toString(person))
			.param("startAt", "2099年1月1日 09:00").param("endAt", "2099/1/1 10:30"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(jdbc.sql("select start_at from meeting where id = ?")
			.param(Long.parseLong(planned.substring(planned.lastIndexOf('/') + 1))).query(Timestamp.class).single()
			.toInstant()).isEqualTo(LocalDateTime.of(2099, 1, 1, 9, 0).atZone(PlatformZone.ZONE).toInstant());
	}

	@Test
	void aRefusedMinutesOrLeaveFormComesBackOnTheMeetingPageWithItsMessage() throws Exception {
		var branch1 = login("branch1");
		LocalDateTime start = LocalDateTime.now(PlatformZone.ZONE).plusDays(3).truncatedTo(ChronoUnit.MINUTES);
		String location = mvc.perform(post("/meetings").with(branch1).with(csrf()).param("orgId", Long.toString(orgId("SFDX-JSJ-01")))
			.param("type", "BRANCH_ASSEMBLY").param("topic", "支部党员大会").param("startAt", start.toString())
			.param("endAt", start.plusHours(1).toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		// signing off empty minutes: the message beside the text, the resolutions typed kept
		mvc.perform(post(location + "/minutes").with(branch1).with(csrf()).param("action", "sign-off").param("text", " ")
			.param("resolutions", "同意"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("请填写会议记录的内容")))
			.andExpect(content().string(Matchers.containsString(">同意</textarea>")));
		mvc.perform(post(location + "/minutes").with(branch1).with(csrf()).param("action", "save").param("text", "会议记录"))
			.andExpect(status().is3xxRedirection());
		// a member asking for leave with no reason is told so on the meeting's page
		mvc.perform(post(location + "/leave").with(login("member1")).with(csrf()).param("reason", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("请填写请假事由")));
		mvc.perform(post(location + "/leave").with(login("member1")).with(csrf()).param("reason", "出差"))
			.andExpect(status().is3xxRedirection());
	}

	private List<Long> invitees(String location) {
		return jdbc.sql("select member_id from meeting_invitee where meeting_id = ?")
			.param(Long.parseLong(location.substring(location.lastIndexOf('/') + 1))).query(Long.class).list();
	}
}
