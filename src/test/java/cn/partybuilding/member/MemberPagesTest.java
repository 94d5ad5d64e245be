package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import cn.partybuilding.PlatformTest;
import java.sql.Date;
import java.time.LocalDate;

/** The member pages over the demo university's generated members. */
class MemberPagesTest extends PlatformTest {

	long memberId(String staff) {
		return jdbc.sql("select id from member where staff_number = ?").param(staff).query(Long.class).single();
	}

	@Test
	void aCollegeSeesItsOwnMembersWithMaskedNumbers() throws Exception {
		String page = mvc.perform(get("/members").with(login("college1")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("党员信息库").contains("计算机科学与技术学院党委").doesNotContain("机械工程学院党委 › ");
		long inOtherCollege = memberId("member2");
		mvc.perform(get("/members/{id}", inOtherCollege).with(login("college1"))).andExpect(status().isNotFound());
		mvc.perform(get("/members").with(login("auditor"))).andExpect(status().isForbidden());
		mvc.perform(get("/members").with(login("college1")).param("q", "member1"))
			.andExpect(content().string(containsString("赵红梅")));
	}

	@Test
	void theListsLinksKeepItsFiltersAndLeaveOutTheEmptyOnes() throws Exception {
		long college = orgId("SFDX-JSJ");
		String page = mvc.perform(get("/members").with(login("college1")).param("orgId", Long.toString(college))
				.param("category", "FACULTY").param("q", "赵").param("status", "").param("sort", "name"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		String kept = "q=%E8%B5%B5&amp;orgId=" + college + "&amp;category=FACULTY";
		assertThat(page).contains("href=\"/members?" + kept + "&amp;sort=-name\"")
			.contains("href=\"/members?" + kept + "&amp;sort=staffNumber\"")
			.contains("href=\"/members?" + kept + "&amp;sort=joinDate\"")
			.contains("href=\"/api/v1/members/export?" + kept + "\"")
			.doesNotContain("status=&amp;")
			.contains("赵红梅");
		// a plus, a brace, an ampersand searched stay text in every link (not a space, not a template, not a parameter)
		assertThat(mvc.perform(get("/members").with(login("college1")).param("q", "C++ {x}&sort=name"))
			.andReturn().getResponse().getContentAsString())
			.contains("href=\"/members?q=C%2B%2B%20%7Bx%7D%26sort%3Dname&amp;sort=name\"");
		mvc.perform(get("/members").with(login("college1")).param("q", "没有这个人"))
			.andExpect(content().string(containsString("没有符合条件的党员")));
	}

	@Test
	void revealingOnThePageShowsTheFullNumberOnceAndIsAudited() throws Exception {
		var branch1 = login("branch1");
		long member1 = memberId("member1");
		mvc.perform(get("/members/{id}", member1).with(branch1))
			.andExpect(content().string(containsString("420102********022")))
			.andExpect(content().string(containsString("查看完整身份证号和手机号")));
		// without a reason nothing is shown: the form asks for one
		mvc.perform(post("/members/{id}/reveal", member1).with(branch1).with(csrf()))
			.andExpect(content().string(not(containsString("42010219800315022"))))
			.andExpect(content().string(containsString("请填写查看事由")));
		mvc.perform(post("/members/{id}/reveal", member1).param("reason", "核对党员档案").with(branch1).with(csrf()))
			.andExpect(content().string(containsString("42010219800315022")));
		mvc.perform(get("/members/{id}", member1).with(branch1))
			.andExpect(content().string(not(containsString("42010219800315022"))));
		assertThat(auditCount("member.reveal", "branch1")).isPositive();
	}

	@Test
	void aMemberSeesTheirOwnProfileAndChronicle() throws Exception {
		var member1 = login("member1");
		mvc.perform(get("/me/profile").with(member1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("赵红梅")))
			.andExpect(content().string(containsString("教工第一党支部")))
			.andExpect(content().string(not(containsString("查看完整身份证号"))));
		String chronicle = "";
		for (int i = 0; i < 100 && !chronicle.contains("登记入党员信息库"); i++) {
			chronicle = mvc.perform(get("/me/record").with(member1)).andReturn().getResponse().getContentAsString();
			Thread.sleep(100);
		}
		assertThat(chronicle).contains("登记入党员信息库");
		mvc.perform(get("/members").with(member1)).andExpect(status().isForbidden());
		mvc.perform(get("/members/{id}/record", memberId("member2")).with(member1)).andExpect(status().isNotFound());
	}

	@Test
	void aSecretaryRegistersAMemberThroughTheFormAndSeesTheOneTimePasswordOnce() throws Exception {
		var branch1 = login("branch1");
		mvc.perform(get("/members/new").with(branch1))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("教工第一党支部")))
			.andExpect(content().string(not(containsString("机械工程学院党委"))));
		// mistakes come back beside their fields, the input kept
		mvc.perform(post("/members").with(branch1).with(csrf()).param("name", "周表单").param("idCard", "123")
				.param("phone", "999"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"周表单\"")))
			.andExpect(content().string(containsString("身份证号应为18位")))
			.andExpect(content().string(containsString("手机号应为11位")))
			.andExpect(content().string(containsString("请选择所在党组织")));
		String first17 = "42010219950505" + String.format("%03d", 700 + (int) (System.nanoTime() % 100) * 2 + 1);
		String staff = unique("F");
		var result = mvc.perform(post("/members").with(branch1).with(csrf()).param("name", "周表单").param("gender", "MALE")
				.param("idCard", first17 + IdCardNumber.checkCharacter(first17)).param("education", "MASTER")
				.param("category", "FACULTY").param("staffNumber", staff).param("status", "FULL")
				.param("joinDate", "2018-06-01").param("conversionDate", "2019-06-01")
				.param("organizationId", Long.toString(orgId("SFDX-JSJ-01"))))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat((String) result.getFlashMap().get("oneTimePassword")).hasSizeGreaterThanOrEqualTo(8);
		assertThat(jdbc.sql("select count(*) from account where username = ?").param(staff).query(Long.class).single()).isOne();
	}

	@Test
	void correctingOnThePageKeepsHiddenNumbersAndNeverLosesAnEditSilently() throws Exception {
		var admin = login("admin");
		long member2 = memberId("member2");
		String page = mvc.perform(get("/members/{id}/edit", member2).with(admin))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("value=\"钱志强\"").doesNotContain("42010219800315031");
		long version = jdbc.sql("select version from member where id = ?").param(member2).query(Long.class).single();
		var save = post("/members/{id}", member2).with(admin).with(csrf()).param("version", Long.toString(version))
			.param("name", "钱志强").param("gender", "MALE").param("ethnicity", "汉族").param("birthDate", "1980-03-15")
			.param("education", "DOCTORATE").param("category", "FACULTY").param("staffNumber", "member2")
			.param("organizationId", Long.toString(orgId("SFDX-JX-01"))).param("status", "FULL")
			.param("joinDate", "2003-06-01").param("conversionDate", "2004-06-01").param("nativePlace", "湖北黄冈");
		mvc.perform(save).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select id_card_masked from member where id = ?").param(member2).query(String.class).single())
			.isEqualTo("420102********031" + IdCardNumber.checkCharacter("42010219800315031"));
		// the same stale version again: told, input kept, nothing written
		mvc.perform(post("/members/{id}", member2).with(admin).with(csrf()).param("version", Long.toString(version))
				.param("name", "钱志刚").param("gender", "MALE").param("birthDate", "1980-03-15").param("education", "DOCTORATE")
				.param("category", "FACULTY").param("organizationId", Long.toString(orgId("SFDX-JX-01")))
				.param("status", "FULL").param("joinDate", "2003-06-01"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("保存前已有他人修改")))
			.andExpect(content().string(containsString("value=\"钱志刚\"")));
		assertThat(jdbc.sql("select name from member where id = ?").param(member2).query(String.class).single())
			.isEqualTo("钱志强");
	}

	@Test
	void theMemberFormReadsTypedDatesAndKeepsAnUnreadableOneBesideItsField() throws Exception {
		var branch1 = login("branch1");
		mvc.perform(post("/members").with(branch1).with(csrf()).param("name", "吴日期").param("joinDate", "去年七一")
				.param("conversionDate", "2019年6月2日"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"去年七一\"")))
			.andExpect(content().string(containsString("请输入日期")))
			.andExpect(content().string(containsString("value=\"2019-06-02\"")))
			.andExpect(content().string(containsString("value=\"吴日期\"")));
		String first17 = "42010219960606" + String.format("%03d", 500 + (int) (System.nanoTime() % 100) * 2 + 1);
		String staff = unique("D");
		mvc.perform(post("/members").with(branch1).with(csrf()).param("name", "吴日期").param("gender", "MALE")
				.param("idCard", first17 + IdCardNumber.checkCharacter(first17)).param("education", "MASTER")
				.param("category", "FACULTY").param("staffNumber", staff).param("status", "FULL")
				.param("joinDate", "2018年6月1日").param("conversionDate", "2019/6/1")
				.param("organizationId", Long.toString(orgId("SFDX-JSJ-01"))))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select join_date from member where staff_number = ?").param(staff).query(Date.class)
			.single().toLocalDate()).isEqualTo(LocalDate.of(2018, 6, 1));
	}

	@Test
	void thePagerKeepsTheListsFilters() throws Exception {
		mvc.perform(get("/members").with(login("college1")).param("category", "STUDENT").param("sort", "-joinDate"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/members?category=STUDENT&amp;sort=-joinDate&amp;page=1\"")));
	}
}
