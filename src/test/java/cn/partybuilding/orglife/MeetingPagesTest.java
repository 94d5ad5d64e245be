package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import cn.partybuilding.PlatformTest;

/** The secretary plans on a page and shows the code; the member opens the code's link and is checked in. */
class MeetingPagesTest extends PlatformTest {

	@Test
	void planShowTheCodeAndCheckInByItsLink() throws Exception {
		var branch1 = login("branch1");
		LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).truncatedTo(ChronoUnit.MINUTES);
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
}
