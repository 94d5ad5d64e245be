package cn.partybuilding.transfer;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The transfers list a page at a time (issue 23): on from the last one shown, none twice, none left out, the total said. */
class TransferListPagesTest extends TransferTestBase {

	@Test
	void theListGoesOnFromTheLastTransferShownUntilEveryOneWasSeenOnce() throws Exception {
		List<Long> started = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Person person = member("SFDX-JSJ-01");
			started.add(id(start(login(person.username()), person.id(), "SFDX-JSJ-02").andExpect(status().isCreated())));
		}
		RequestPostProcessor branch1 = login("branch1");
		List<Long> seen = new ArrayList<>();
		String total = null;
		String after = null;
		int pages = 0;
		do {
			var request = get("/api/v1/transfers").param("state", "PENDING").param("size", "2").with(branch1);
			if (after != null) {
				request.param("after", after);
			}
			MockHttpServletResponse page = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse();
			List<Number> ids = JsonPath.read(page.getContentAsString(), "$[*].id");
			assertThat(ids).hasSizeLessThanOrEqualTo(2);
			ids.forEach(id -> seen.add(id.longValue()));
			assertThat(page.getHeader("X-Total-Exact")).isEqualTo("true");
			total = page.getHeader("X-Total-Count");
			after = page.getHeader("X-Next-After");
			pages++;
		}
		while (after != null && pages < 1000);
		assertThat(seen).doesNotHaveDuplicates().hasSize(Integer.parseInt(total));
		// newest first: the three just started come first, the last one started at the top
		assertThat(seen.subList(0, 3)).containsExactly(started.get(2), started.get(1), started.get(0));
		assertThat(pages).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aScopeFindsTheSamePagesWalkingAllTransfersAsThroughItsOrganisations() throws Exception {
		Person person = member("SFDX-JSJ-01");
		long started = id(start(login(person.username()), person.id(), "SFDX-JSJ-02").andExpect(status().isCreated()));
		List<Long> ids = new ArrayList<>(jdbc.sql("select id from organization where path like (select path from organization where id = ?) || '%'")
			.param(orgId("SFDX-JSJ")).query(Long.class).list());
		Long[] scope = ids.toArray(Long[]::new);
		List<Long> walked = pages(scope, true);
		assertThat(walked).contains(started).isEqualTo(pages(scope, false));
		assertThat(walked).isEqualTo(jdbc.sql("""
				select id from transfer where from_org_id = any(?) or to_org_id = any(?) order by started_at desc, id desc""")
			.params(scope, scope).query(Long.class).list());
	}

	@Test
	void aScopeWalksAllTransfersOnlyWhereItHoldsEnoughOfThem() {
		// the generated province's 3 345 transfers: a school's 157 are read through its organisations; a school's
		// thousands of a realistic 50 000 are walked past; a scope without transfers is never walked
		assertThat(Transfers.walksAll(3_345, 157, 51)).isFalse();
		assertThat(Transfers.walksAll(50_000, 3_000, 51)).isTrue();
		assertThat(Transfers.walksAll(3_345, 0, 51)).isFalse();
	}

	/** Every transfer of the scope, two a page, through the page's condition one way. */
	private List<Long> pages(Long[] scope, boolean walk) {
		List<Long> seen = new ArrayList<>();
		String where = "where " + (walk ? Transfers.HASHED_SCOPE : Transfers.IN_SCOPE);
		List<Object[]> page = jdbc.sql("select t.id, t.started_at from transfer t " + Transfers.pageCondition(where, walk, 3))
			.params(scope, scope).query((rs, n) -> new Object[] { rs.getLong(1), rs.getTimestamp(2) }).list();
		while (true) {
			page.stream().limit(2).forEach(r -> seen.add((Long) r[0]));
			if (page.size() < 3 || seen.size() > 1000) {
				return seen;
			}
			Object[] last = page.get(1);
			page = jdbc.sql("select t.id, t.started_at from transfer t "
					+ Transfers.pageCondition(where + " and (t.started_at, t.id) < (?, ?)", walk, 3))
				.params(scope, scope, last[1], last[0]).query((rs, n) -> new Object[] { rs.getLong(1), rs.getTimestamp(2) }).list();
		}
	}

	@Test
	void withoutSizeTheListIsAsBeforeAndAnUnreadablePositionIsABadRequest() throws Exception {
		mvc.perform(get("/api/v1/transfers").with(login("branch1"))).andExpect(status().isOk())
			.andExpect(jsonPath("$").isArray());
		mvc.perform(get("/api/v1/transfers").param("after", "12.x").with(login("branch1")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("after"));
	}
}
