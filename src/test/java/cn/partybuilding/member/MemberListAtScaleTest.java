package cn.partybuilding.member;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The member list as it is built for a province (issue 23): the keyset cursor, the name's grams and the 学号/工号
 * prefix, the counters kept per organisation, and totals estimated above a thousand — said so.
 */
class MemberListAtScaleTest extends PlatformTest {

	@Autowired
	MemberDirectory directory;

	@Test
	void theCursorWalksTheListLikeThePagesWithoutGapsOrRepeats() throws Exception {
		var admin = login("admin");
		String college = Long.toString(orgId("SFDX-JSJ"));
		for (String sort : new String[] { "", "-joinDate", "name" }) {
			List<Long> byPages = new ArrayList<>();
			long total = 0;
			for (int page = 0;; page++) {
				String json = mvc.perform(get("/api/v1/members").with(admin).param("orgId", college).param("sort", sort)
						.param("size", "37").param("page", Integer.toString(page)))
					.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
				List<Integer> ids = JsonPath.read(json, "$.content[*].id");
				total = ((Number) JsonPath.read(json, "$.totalElements")).longValue();
				ids.forEach(id -> byPages.add(id.longValue()));
				if (ids.size() < 37) {
					break;
				}
			}
			List<Long> byCursor = new ArrayList<>();
			String after = null;
			do {
				var request = get("/api/v1/members").with(admin).param("orgId", college).param("sort", sort).param("size", "37");
				if (after != null) {
					request.param("after", after);
				}
				String json = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
				List<Integer> ids = JsonPath.read(json, "$.content[*].id");
				ids.forEach(id -> byCursor.add(id.longValue()));
				after = JsonPath.read(json, "$.next");
			}
			while (after != null);
			assertThat(byPages).as("sort '%s'", sort).hasSizeGreaterThan(37).doesNotHaveDuplicates();
			assertThat(byCursor).as("sort '%s'", sort).containsExactlyElementsOf(byPages);
			assertThat(total).as("the total of sort '%s'", sort).isEqualTo(byPages.size());
		}
	}

	@Test
	void aCursorThatIsNotOneOfThisListsIsAClearMistake() throws Exception {
		var admin = login("admin");
		mvc.perform(get("/api/v1/members").with(admin).param("after", "nonsense"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("after"));
		String byName = JsonPath.read(mvc.perform(get("/api/v1/members").with(admin).param("sort", "name").param("size", "2"))
			.andReturn().getResponse().getContentAsString(), "$.next");
		mvc.perform(get("/api/v1/members").with(admin).param("after", byName))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("after"));
	}

	@Test
	void oneOrTwoCharactersOfTheNameAndThePrefixOfTheStaffNumberFindTheMember() throws Exception {
		var branch1 = login("branch1");
		String staff = unique("LX");
		long id = register(branch1, "欧阳淼晶", staff, "SFDX-JSJ-01");
		for (String q : new String[] { "淼", "阳淼", "欧阳淼晶", "淼晶", staff, staff.substring(0, 5), staff.toLowerCase() }) {
			assertThat(ids(branch1, q)).as(q).contains(id);
		}
		// not in the name, and not the start of the 学号 (a number is searched by its prefix since issue 23)
		for (String q : new String[] { "淼欧", "晶淼", "阳晶", staff.substring(2) }) {
			assertThat(ids(branch1, q)).as(q).doesNotContain(id);
		}
		// LIKE's wildcards are text like any other
		assertThat(ids(branch1, "%")).doesNotContain(id);
		assertThat(ids(branch1, "_")).doesNotContain(id);
	}

	@Test
	void theCountersPerOrganisationFollowRegistrationsMovesAndDepartures() throws Exception {
		long first = orgId("SFDX-JSJ-01");
		long second = orgId("SFDX-JSJ-02");
		long id = register(login("branch1"), "计数测试", unique("LC"), "SFDX-JSJ-01");
		assertThat(counter(first)).isEqualTo(raw(first));
		directory.transferTo(id, second);
		assertThat(counter(first)).isEqualTo(raw(first));
		assertThat(counter(second)).isEqualTo(raw(second));
		directory.depart(id, LocalDate.now());
		assertThat(counter(second)).isEqualTo(raw(second));
		long before = counter(second);
		jdbc.sql("update member set departed_on = null where id = ?").param(id).update();
		assertThat(counter(second)).isEqualTo(raw(second)).isEqualTo(before + 1);
	}

	@Test
	void aFilteredTotalAboveAThousandIsEstimatedAndSaidSo() throws Exception {
		var admin = login("admin");
		String root = Long.toString(orgId("SFDX"));
		long inScope = jdbc.sql("""
				select count(*) from member where departed_on is null and organization_id in (select id from organization
				    where path like (select path from organization where code = 'SFDX') || '%' and dissolved_at is null)""")
			.query(Long.class).single();
		// only the scope: the counters' exact total
		mvc.perform(get("/api/v1/members").with(admin).param("orgId", root))
			.andExpect(jsonPath("$.totalExact").value(true))
			.andExpect(jsonPath("$.totalElements").value(inScope));
		long full = jdbc.sql("""
				select count(*) from member where departed_on is null and status = 'FULL' and organization_id in (select id
				    from organization where path like (select path from organization where code = 'SFDX') || '%' and dissolved_at is null)""")
			.query(Long.class).single();
		assertThat(full).as("the demo has more than a thousand full members").isGreaterThan(MemberListing.EXACT_UP_TO);
		String json = mvc.perform(get("/api/v1/members").with(admin).param("orgId", root).param("status", "FULL"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((Boolean) JsonPath.read(json, "$.totalExact")).isFalse();
		assertThat(((Number) JsonPath.read(json, "$.totalElements")).longValue()).isGreaterThan(MemberListing.EXACT_UP_TO);
		assertThat(mvc.perform(get("/members").with(admin).param("orgId", root).param("status", "FULL"))
			.andReturn().getResponse().getContentAsString()).contains("约 ");
		// a small filtered result is counted exactly
		mvc.perform(get("/api/v1/members").with(admin).param("orgId", root).param("q", "member1"))
			.andExpect(jsonPath("$.totalExact").value(true));
	}

	private long register(RequestPostProcessor who, String name, String staff, String orgCode) throws Exception {
		mvc.perform(post("/api/v1/members").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "%s", "gender": "MALE", "ethnicity": "汉族", "birthDate": "1998-05-17", "idCard": "%s",
						 "education": "MASTER", "category": "STUDENT", "staffNumber": "%s", "organizationId": %d,
						 "status": "PROBATIONARY", "joinDate": "2024-06-20"}""".formatted(name, MemberRegistryTest.idCard(), staff,
						orgId(orgCode))))
			.andExpect(status().isCreated());
		return jdbc.sql("select id from member where staff_number = ?").param(staff).query(Long.class).single();
	}

	private List<Long> ids(RequestPostProcessor who, String q) throws Exception {
		List<Integer> ids = JsonPath.read(mvc.perform(get("/api/v1/members").with(who).param("q", q).param("size", "200"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.content[*].id");
		return ids.stream().map(Integer::longValue).toList();
	}

	private long counter(long organizationId) {
		return jdbc.sql("select coalesce((select members from member_count where organization_id = ?), 0)")
			.param(organizationId).query(Long.class).single();
	}

	private long raw(long organizationId) {
		return jdbc.sql("select count(*) from member where organization_id = ? and departed_on is null").param(organizationId)
			.query(Long.class).single();
	}
}
