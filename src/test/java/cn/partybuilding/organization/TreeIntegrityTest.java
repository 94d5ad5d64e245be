package cn.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Role;

/** The tree stays a tree under concurrent changes and bad input, and every rejected change leaves nothing behind. */
class TreeIntegrityTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Autowired
	OrganizationScope scope;

	@Test
	void oppositeMovesAtTheSameTimeNeverMakeALoop() throws Exception {
		Caller admin = new Caller(0, "test", "test", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("SFDX"))));
		var pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 8; round++) {
				long a = tree.create(admin, new NewOrganization(orgId("SFDX"), unique("LA-"), unique("甲"), OrgType.COMMITTEE)).id();
				long b = tree.create(admin, new NewOrganization(orgId("SFDX"), unique("LB-"), unique("乙"), OrgType.COMMITTEE)).id();
				var first = CompletableFuture.runAsync(() -> quietly(() -> tree.move(admin, a, b)), pool);
				var second = CompletableFuture.runAsync(() -> quietly(() -> tree.move(admin, b, a)), pool);
				CompletableFuture.allOf(first, second).join();
				long parentOfA = jdbc.sql("select parent_id from organization where id = ?").param(a).query(Long.class).single();
				long parentOfB = jdbc.sql("select parent_id from organization where id = ?").param(b).query(Long.class).single();
				assertThat(parentOfA == b && parentOfB == a).as("round %d made a loop", round).isFalse();
			}
		}
		finally {
			pool.shutdownNow();
		}
		// every path lists each ancestor once and ends with the node itself
		List<String> broken = jdbc.sql("""
				select o.code from organization o left join organization p on p.id = o.parent_id
				where o.path <> coalesce(p.path, '/') || o.id || '/'""").query(String.class).list();
		assertThat(broken).isEmpty();
	}

	@Test
	void branchesOfDifferentCollegesAreToldApartByTheirCollege() {
		long jsj = orgId("SFDX-JSJ-01"), jx = orgId("SFDX-JX-01"), group = orgId("SFDX-JSJ-01-G1");
		var names = scope.qualifiedNames(List.of(jsj, jx, group, orgId("SFDX"), orgId("SFDX-JSJ")));
		assertThat(names).containsEntry(jsj, "计算机科学与技术学院党委 › 教工第一党支部")
			.containsEntry(jx, "机械工程学院党委 › 教工第一党支部")
			.containsEntry(group, "计算机科学与技术学院党委 › 教工第一党支部 › 第一党小组")
			.containsEntry(orgId("SFDX"), "示范大学党委")
			.containsEntry(orgId("SFDX-JSJ"), "计算机科学与技术学院党委");
		assertThat(scope.qualifiedNames(List.of())).isEmpty();
	}

	private static void quietly(Runnable change) {
		try {
			change.run();
		}
		catch (FieldProblem refused) {
			// the second of two opposite moves is refused: that is the point
		}
	}

	@Test
	void aPatchThatFailsChangesNothing() throws Exception {
		var admin = login("admin");
		long branch = orgId("SFDX-WY-03");
		String before = jdbc.sql("select name from organization where id = ?").param(branch).query(String.class).single();
		mvc.perform(patch("/api/v1/organizations/{id}", branch).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"半途改名\", \"parentId\": %d}".formatted(orgId("SFDX-JSJ-01-G1"))))
			.andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select name from organization where id = ?").param(branch).query(String.class).single())
			.isEqualTo(before);
	}

	@Test
	void badInputIsAnsweredNotCrashedOn() throws Exception {
		var admin = login("admin");
		long branch = orgId("SFDX-WY-04");
		for (String start : List.of("+999999999-12-31", "-5000-01-01", "2026-02-30", "300000-01-01")) {
			mvc.perform(post("/api/v1/organizations/{id}/committee", branch).with(admin).with(csrf().asHeader())
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"position\": \"SECRETARY\", \"holderName\": \"某某\", \"termStart\": \"%s\"}".formatted(start)))
				.andExpect(status().isBadRequest());
			mvc.perform(post("/organizations/{id}/committee", branch).with(admin).with(csrf())
					.param("position", "SECRETARY").param("holderName", "某某").param("termStart", start))
				.andExpect(status().isOk());
		}
		// a NUL or invisible characters are taken out; a name of only those is empty
		mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"parentId\": %d, \"code\": \"%s\", \"name\": \"\\u0000\\u200b\\u00a0\", \"type\": \"BRANCH\"}"
					.formatted(orgId("SFDX-WY"), unique("N-"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		// a look-alike name (trailing no-break space) is the same name
		mvc.perform(post("/api/v1/organizations").with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"parentId\": %d, \"code\": \"%s\", \"name\": \"教工党支部\\u00a0\", \"type\": \"BRANCH\"}"
					.formatted(orgId("SFDX-WY"), unique("N-"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		mvc.perform(get("/login").param("lang", "x y<z")).andExpect(status().isOk());
		mvc.perform(patch("/api/v1/organizations/{id}", orgId("SFDX-WY-05")).with(admin).with(csrf().asHeader())
				.contentType(MediaType.APPLICATION_JSON).content("{\"sortOrder\": 2147483647}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("sortOrder"));
		mvc.perform(get("/api/v1/organizations/{id}", "-1").with(admin)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/organizations/{id}", "99999999999999999999").with(admin)).andExpect(status().isBadRequest());
	}

	@Test
	void signOutAndReadingTheAuditLogAreRecorded() throws Exception {
		var auditor = login("auditor");
		mvc.perform(get("/api/v1/audit-events").with(auditor).param("who", "admin")).andExpect(status().isOk());
		mvc.perform(post("/logout").with(auditor).with(csrf()));
		assertThat(auditCount("audit.read", "auditor")).isPositive();
		assertThat(auditCount("logout", "auditor")).isPositive();
	}
}
