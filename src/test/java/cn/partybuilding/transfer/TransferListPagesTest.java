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
	void aScopeOfManyOrganisationsFindsTheSameTransfersThroughItsHash() throws Exception {
		Person person = member("SFDX-JSJ-01");
		long started = id(start(login(person.username()), person.id(), "SFDX-JSJ-02").andExpect(status().isCreated()));
		// the college's organisations and 200 ids no organisation has: more than the hashed form's threshold
		List<Long> ids = new ArrayList<>(jdbc.sql("select id from organization where path like (select path from organization where id = ?) || '%'")
			.param(orgId("SFDX-JSJ")).query(Long.class).list());
		for (long i = 1; i <= 200; i++) {
			ids.add(-i);
		}
		assertThat(ids.size()).isGreaterThan(Transfers.HASHED_SCOPE_ABOVE);
		Long[] scope = ids.toArray(Long[]::new);
		String list = "select t.id from transfer t where %s order by t.started_at desc, t.id desc";
		List<Long> hashed = jdbc.sql(list.formatted(Transfers.inScope(scope.length))).params(scope, scope).query(Long.class).list();
		List<Long> indexed = jdbc.sql(list.formatted(Transfers.inScope(1))).params(scope, scope).query(Long.class).list();
		assertThat(Transfers.inScope(scope.length)).isNotEqualTo(Transfers.inScope(1));
		assertThat(hashed).contains(started).isEqualTo(indexed);
	}

	@Test
	void withoutSizeTheListIsAsBeforeAndAnUnreadablePositionIsABadRequest() throws Exception {
		mvc.perform(get("/api/v1/transfers").with(login("branch1"))).andExpect(status().isOk())
			.andExpect(jsonPath("$").isArray());
		mvc.perform(get("/api/v1/transfers").param("after", "12.x").with(login("branch1")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("after"));
	}
}
