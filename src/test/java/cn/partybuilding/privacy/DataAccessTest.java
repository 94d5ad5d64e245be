package cn.partybuilding.privacy;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** 谁查看了我的数据: reveals with their reason, exports and printed letters, each recorded once and shown to the member. */
class DataAccessTest extends PrivacyTestBase {

	@Test
	@DisplayName("查看完整身份证号须填事由，本人可见谁（角色、组织，管理员具名）何时为何查看")
	void aRevealNeedsAReasonAndTheMemberSeesWhoLookedWhenAndWhy() throws Exception {
		Person p = member("SFDX-JSJ-01");
		var self = login(p.username());
		String why = unique("核对档案");
		// no reason: 400 on the field, nothing revealed, nothing recorded
		mvc.perform(post("/api/v1/members/{id}/reveal", p.id()).with(login("branch1")).with(csrf().asHeader()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		assertThat(JsonPath.<List<?>>read(access(self), "$")).isEmpty();

		reveal(login("branch1"), p.id(), why).andExpect(status().isOk()).andExpect(jsonPath("$.idCard").value(p.idCard()));
		String seen = access(self);
		assertThat(JsonPath.<List<String>>read(seen, "$[?(@.reason == '" + why + "')].kind")).containsExactly("reveal");
		assertThat(JsonPath.<List<String>>read(seen, "$[?(@.reason == '" + why + "')].role")).containsExactly("BRANCH_SECRETARY");
		assertThat(JsonPath.<List<String>>read(seen, "$[?(@.reason == '" + why + "')].organization"))
			.containsExactly("教工第一党支部");
		// a branch secretary is shown by role and organisation, not by name
		assertThat(JsonPath.<List<Object>>read(seen, "$[?(@.reason == '" + why + "')].name")).containsExactly((Object) null);
		assertThat(seen).doesNotContain(p.idCard());

		// an administrator is named
		String why2 = unique("组织部核查");
		reveal(login("college1"), p.id(), why2).andExpect(status().isOk());
		String seen2 = access(self);
		assertThat(JsonPath.<List<String>>read(seen2, "$[?(@.reason == '" + why2 + "')].name")).containsExactly("李明");
		assertThat(JsonPath.<List<String>>read(seen2, "$[*].reason").indexOf(why2)).as("newest first").isZero();
		// and the 我的数据 page lists it
		mvc.perform(get("/me/data").with(self)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString(why2)));
	}

	@Test
	void anExportIsOneRowNamingEveryMemberItListed() throws Exception {
		Person p = member("SFDX-JSJ-01");
		var branch1 = login("branch1");
		long before = jdbc.sql("select coalesce(max(id), 0) from privacy_data_access").query(Long.class).single();
		mvc.perform(get("/api/v1/members/export").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch1))
			.andExpect(status().isOk());
		List<Integer> sizes = jdbc.sql("""
				select cardinality(member_ids) from privacy_data_access
				where id > ? and kind = 'EXPORT' and member_ids @> array[?]::bigint[]""")
			.params(before, p.id()).query(Integer.class).list();
		long listed = jdbc.sql("select count(*) from member where organization_id = ? and departed_on is null")
			.param(orgId("SFDX-JSJ-01")).query(Long.class).single();
		assertThat(sizes).as("one row for the whole export").hasSize(1);
		assertThat(sizes.get(0)).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo((int) listed + 50);
		assertThat(access(login(p.username()))).contains("\"kind\":\"export\"", "导出党员信息");
	}

	@Test
	void theTransferListExportedNamesEveryMemberOnIt() throws Exception {
		long before = jdbc.sql("select coalesce(max(id), 0) from privacy_data_access").query(Long.class).single();
		mvc.perform(get("/transfers/export.xlsx").with(login("admin"))).andExpect(status().isOk());
		List<Integer> sizes = jdbc.sql("select cardinality(member_ids) from privacy_data_access where id > ? and kind = 'EXPORT'"
				+ " and role = 'COMMITTEE_ADMIN' and reason like '导出组织关系转接列表%'")
			.param(before).query(Integer.class).list();
		long transferred = jdbc.sql("select count(distinct member_id) from transfer").query(Long.class).single();
		assertThat(sizes).hasSize(1);
		assertThat(sizes.get(0)).isPositive().isLessThanOrEqualTo((int) transferred);
	}

	@Test
	void aPrintedLetterWithTheIdCardNumberIsShownButTheMembersOwnLooksAreNot() throws Exception {
		var admin = login("admin");
		List<Long[]> letters = jdbc.sql("select id, member_id from transfer where kind = 'OUTGOING' and letter_no is not null order by id limit 1")
			.query((rs, i) -> new Long[] { rs.getLong(1), rs.getLong(2) }).list();
		assertThat(letters).as("the demo has a letter out").isNotEmpty();
		long before = jdbc.sql("select coalesce(max(id), 0) from privacy_data_access").query(Long.class).single();
		mvc.perform(get("/api/v1/transfers/{id}/letter.pdf", letters.get(0)[0]).with(admin)).andExpect(status().isOk());
		assertThat(jdbc.sql("""
				select count(*) from privacy_data_access where id > ? and kind = 'LETTER' and member_ids = array[?]::bigint[]
				and role = 'COMMITTEE_ADMIN' and reason like '打印组织关系介绍信%'""")
			.params(before, letters.get(0)[1]).query(Long.class).single()).isEqualTo(1);

		// a member downloading their own 纪实 is no look by someone else
		Person p = member("SFDX-JSJ-01");
		var self = login(p.username());
		mvc.perform(get("/api/v1/me/record.docx").with(self)).andExpect(status().isOk());
		assertThat(JsonPath.<List<?>>read(access(self), "$")).isEmpty();
		// the secretary exporting it is
		mvc.perform(get("/api/v1/members/{id}/record.docx", p.id()).with(login("branch1"))).andExpect(status().isOk());
		assertThat(access(self)).contains("导出党员纪实档案");
	}

	@Test
	void whoLookedIsTheMembersOwnAndNeedsASignIn() throws Exception {
		mvc.perform(get("/api/v1/me/data-access")).andExpect(status().isUnauthorized());
		// an account that is no member's has no data here
		mvc.perform(get("/api/v1/me/data-access").with(login("auditor"))).andExpect(status().isNotFound());
	}

	private String access(org.springframework.test.web.servlet.request.RequestPostProcessor who) throws Exception {
		return mvc.perform(get("/api/v1/me/data-access").with(who)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}
}
