package cn.partybuilding.orglife;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Keyset;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The meetings list a page at a time (issue 23): the next page from the last meeting shown (after=), the total in
 * headers, no meeting twice or left out, newest first; the page with its total and its link onwards.
 */
class MeetingListPagesTest extends PlatformTest {

	@Test
	void theListGoesOnFromTheLastMeetingShownWithItsTotalInTheHeaders() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		// five meetings in an hour of the far future no other test plans in; two start at the same moment
		Instant base = Instant.parse("2041-01-01T00:00:00Z").plus(Duration.ofHours(ThreadLocalRandom.current().nextInt(0, 80_000)));
		List<Long> planned = new ArrayList<>();
		for (int minutes : new int[] { 0, 10, 10, 20, 30 }) {
			planned.add(plan(branch1, base.plus(Duration.ofMinutes(minutes))));
		}
		List<Long> expected = List.of(planned.get(4), planned.get(3), Math.max(planned.get(1), planned.get(2)),
				Math.min(planned.get(1), planned.get(2)), planned.get(0));

		List<Long> seen = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			var request = get("/api/v1/meetings").param("from", base.toString()).param("to", base.plus(Duration.ofHours(1)).toString())
				.param("size", "2").with(branch1);
			if (after != null) {
				request.param("after", after);
			}
			MockHttpServletResponse page = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse();
			assertThat(page.getHeader("X-Total-Count")).isEqualTo("5");
			assertThat(page.getHeader("X-Total-Exact")).isEqualTo("true");
			List<Number> ids = JsonPath.read(page.getContentAsString(), "$[*].id");
			assertThat(ids).hasSizeLessThanOrEqualTo(2);
			ids.forEach(id -> seen.add(id.longValue()));
			after = page.getHeader("X-Next-After");
			if (after != null) {
				assertThat(page.getHeader("Link")).contains("after=" + after).contains("rel=\"next\"");
			}
			pages++;
		}
		while (after != null && pages < 10);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(expected);
	}

	@Test
	void eachRowOfTheListIsTheMeetingAsItsOwnPageGivesIt() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		// a decade of its own: the other tests here plan branch1's meetings at random hours of 2041–2054, and an hour of
		// theirs inside this window listed their meetings too (seen once in CI)
		Instant base = Instant.parse("2071-01-01T00:00:00Z").plus(Duration.ofHours(ThreadLocalRandom.current().nextInt(0, 80_000)));
		plan(branch1, base);
		plan(branch1, base.plus(Duration.ofMinutes(40)));
		String list = mvc.perform(get("/api/v1/meetings").param("from", base.toString())
			.param("to", base.plus(Duration.ofHours(1)).toString()).with(branch1)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<java.util.Map<String, Object>> rows = JsonPath.read(list, "$[*]");
		assertThat(rows).hasSize(2);
		for (var row : rows) {
			assertThat((Number) row.get("invited")).as("the branch's members invited").matches(n -> n.intValue() > 0);
			assertThat(row.get("organizationName")).asString().isNotBlank();
			String one = mvc.perform(get("/api/v1/meetings/{id}", row.get("id")).with(branch1)).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			assertThat(row).isEqualTo(JsonPath.read(one, "$"));
		}
	}

	@Test
	void theUnfilteredTotalIsTheMeetingsKeptPerOrganisationThroughPlansMovesAndDeletes() throws Exception {
		long one = orgId("SFDX-JSJ-01");
		long two = orgId("SFDX-JSJ-02");
		String topic = unique("计数");
		// three meetings in one statement, one through the API
		jdbc.sql("""
				insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser)
				select ?, 'TALK', ?, now() + n * interval '1 day', now() + n * interval '1 day' + interval '1 hour', id, username
				from account cross join generate_series(1, 3) n where username = 'branch1'""").params(one, topic).update();
		plan(login("branch1"), Instant.parse("2044-01-01T00:00:00Z").plus(Duration.ofHours(ThreadLocalRandom.current().nextInt(0, 80_000))));
		assertKeptAsCounted(one, two);
		// two move to the other branch, one is deleted: each in one statement
		jdbc.sql("update meeting set organization_id = ? where id in (select id from meeting where topic = ? order by id limit 2)")
			.params(two, topic).update();
		assertKeptAsCounted(one, two);
		jdbc.sql("delete from meeting where topic = ? and organization_id = ?").params(topic, one).update();
		assertKeptAsCounted(one, two);
		jdbc.sql("delete from meeting where topic = ?").params(topic).update();
		assertKeptAsCounted(one, two);

		// the list at the college, unfiltered, takes its exact total from the counts; a filtered one still counts
		long college = orgId("SFDX-JSJ");
		long counted = jdbc.sql("""
				select count(*) from meeting where organization_id in (
				  select id from organization where path like (select path from organization where id = ?) || '%')""")
			.param(college).query(Long.class).single();
		mvc.perform(get("/api/v1/meetings").param("orgId", Long.toString(college)).param("size", "1").with(login("college1")))
			.andExpect(status().isOk()).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
				.string("X-Total-Count", Long.toString(counted)))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("X-Total-Exact", "true"));
	}

	@Test
	void eachMeetingKeepsHowManyItInvitesThroughInvitationsMovesAndDeletes() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		Instant start = Instant.parse("2045-01-01T00:00:00Z").plus(Duration.ofHours(ThreadLocalRandom.current().nextInt(0, 80_000)));
		long one = plan(branch1, start);
		long two = plan(branch1, start.plus(Duration.ofMinutes(40)));
		assertInvitedAsCounted(branch1, one, two);
		long outsider = jdbc.sql("""
				select m.id from member m where true
				and not exists (select 1 from meeting_invitee i where i.meeting_id = ? and i.member_id = m.id) order by m.id limit 1""")
			.param(one).query(Long.class).single();
		// one more invitation each, in one statement; taken back from the second, moved there from the first, deleted
		jdbc.sql("insert into meeting_invitee (meeting_id, member_id, organization_id) select x, ?, ? from unnest(?::bigint[]) x")
			.params(outsider, orgId("SFDX-JSJ-01"), new Long[] { one, two }).update();
		assertInvitedAsCounted(branch1, one, two);
		jdbc.sql("delete from meeting_invitee where meeting_id = ? and member_id = ?").params(two, outsider).update();
		assertInvitedAsCounted(branch1, one, two);
		jdbc.sql("update meeting_invitee set meeting_id = ? where meeting_id = ? and member_id = ?").params(two, one, outsider).update();
		assertInvitedAsCounted(branch1, one, two);
		jdbc.sql("delete from meeting_invitee where member_id = ? and meeting_id = any(?)").params(outsider, new Long[] { one, two })
			.update();
		assertInvitedAsCounted(branch1, one, two);
	}

	void assertInvitedAsCounted(RequestPostProcessor who, long... meetings) throws Exception {
		for (long meeting : meetings) {
			long counted = jdbc.sql("select count(*) from meeting_invitee where meeting_id = ?").param(meeting).query(Long.class).single();
			assertThat(counted).isPositive();
			String one = mvc.perform(get("/api/v1/meetings/{id}", meeting).with(who)).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			assertThat(((Number) JsonPath.read(one, "$.invited")).longValue()).as("meeting %d's invited", meeting).isEqualTo(counted);
			String page = mvc.perform(get("/api/v1/meetings")
				.param("from", jdbc.sql("select start_at from meeting where id = ?").param(meeting).query(java.sql.Timestamp.class)
					.single().toInstant().toString())
				.param("to", jdbc.sql("select end_at from meeting where id = ?").param(meeting).query(java.sql.Timestamp.class)
					.single().toInstant().toString())
				.with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			List<Number> listed = JsonPath.read(page, "$[?(@.id == " + meeting + ")].invited");
			assertThat(listed).as("meeting %d in the list", meeting).singleElement()
				.satisfies(n -> assertThat(n.longValue()).isEqualTo(counted));
		}
	}

	void assertKeptAsCounted(long... organizations) {
		for (long org : organizations) {
			long counted = jdbc.sql("select count(*) from meeting where organization_id = ?").param(org).query(Long.class).single();
			long kept = jdbc.sql("select coalesce(sum(meetings), 0) from meeting_count where organization_id = ?").param(org)
				.query(Long.class).single();
			assertThat(kept).as("meetings kept for organisation %d", org).isEqualTo(counted);
		}
	}

	@Test
	void aScopeOfManyOrganisationsWalksAllMeetingsOnlyWhereItHoldsEnoughOfThem() {
		// the generated province: a school of 5 % of the meetings, one of 0.4 %, one without meetings
		assertThat(MeetingPlanner.walksAll(758_898, 38_000, 1_183, 51)).isTrue();
		assertThat(MeetingPlanner.walksAll(758_898, 3_201, 101, 51)).isFalse();
		assertThat(MeetingPlanner.walksAll(758_898, 0, 150, 51)).isFalse();
	}

	@Test
	void aScopeOfManyOrganisationsListsItsMeetingsEitherWayAsASmallOneDoes() {
		// a general branch with more branches than the threshold above which its page chooses how it is found, meetings in three
		long general = organization("GENERAL_BRANCH", orgId("SFDX"));
		List<Long> branches = moreBranchesThanPlannedForValues(general);
		Instant base = Instant.parse("2045-01-01T00:00:00Z").plus(Duration.ofHours(ThreadLocalRandom.current().nextInt(0, 80_000)));
		String topic = unique("散列");
		List<Long> made = new ArrayList<>();
		int[][] plans = { { 0, 0, 'T' }, { 1, 10, 'D' }, { 2, 10, 'T' }, { 50, 20, 'T' }, { 100, 30, 'D' } };
		for (int[] plan : plans) {
			made.add(jdbc.sql("""
					insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser)
					select ?, ?, ?, ?, ?::timestamptz + interval '1 hour', id, username from account where username = 'admin' returning id""")
				.params(branches.get(plan[0]), plan[2] == 'T' ? "TALK" : "THEME_DAY", topic,
						java.sql.Timestamp.from(base.plus(Duration.ofMinutes(plan[1]))),
						java.sql.Timestamp.from(base.plus(Duration.ofMinutes(plan[1]))))
				.query(Long.class).single());
		}
		try {
			Caller admin = new Caller(-1, "t", "t", List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, general)));
			List<Long> newestFirst = List.of(made.get(4), made.get(3), Math.max(made.get(1), made.get(2)),
					Math.min(made.get(1), made.get(2)), made.get(0));
			assertThat(pages(admin, general, null)).as("the scope alone").containsExactlyElementsOf(newestFirst);
			List<Long> organizations = new ArrayList<>(branches);
			organizations.add(general);
			Long[] scope = organizations.toArray(Long[]::new);
			assertThat(scopePages(true, scope)).as("walking all meetings").containsExactlyElementsOf(newestFirst);
			assertThat(scopePages(false, scope)).as("each organisation's newest, merged").containsExactlyElementsOf(newestFirst);
			assertThat(pages(admin, general, MeetingType.THEME_DAY)).as("filtered: the organisations' index")
				.containsExactly(made.get(4), made.get(1));
			assertThat(pages(admin, branches.get(2), null)).as("one branch").containsExactly(made.get(2));
			assertThat(planner.list(admin, general, null, null, null, null, 2).total().count()).isEqualTo(5);
		}
		finally {
			jdbc.sql("delete from meeting where topic = ?").param(topic).update();
			jdbc.sql("update organization set dissolved_at = now() where id = ? or parent_id = ?").params(general, general).update();
		}
	}

	@Test
	void aPageOfManyOrganisationsLooksBackFirstOverThreePagesAtTheirPaceThenOverAll() {
		Instant now = Instant.parse("2026-12-01T00:00:00Z");
		Instant yearAgo = now.minus(Duration.ofDays(365));
		// a small school of a province: 3 201 meetings in a year, a page of 51 → 3 × 51 of 3 201 of a year: 17 days
		assertThat(MeetingPlanner.lookBackTo(now, yearAgo, 3_201, 51)).isEqualTo(now.minusSeconds(365L * 86_400 * 3 * 51 / 3_201));
		assertThat(MeetingPlanner.lookBackTo(now, yearAgo, 100, 51)).as("three pages hold more than the year").isNull();
		assertThat(MeetingPlanner.lookBackTo(now, yearAgo, 0, 51)).as("no meetings").isNull();
		assertThat(MeetingPlanner.lookBackTo(now, null, 3_201, 51)).as("none anywhere").isNull();
		assertThat(MeetingPlanner.lookBackTo(yearAgo, now, 3_201, 51)).as("before the oldest").isNull();
	}

	@Test
	void aScopeOfManyOrganisationsPagedThroughRecentAndOldMeetingsListsEveryOneInOrder() {
		long general = organization("GENERAL_BRANCH", orgId("SFDX"));
		List<Long> branches = moreBranchesThanPlannedForValues(general);
		// twenty in the last day (a look back finds a page), then pairs of days ever further apart, 90 days to 20 years
		// back: from the pair 811 days back, a look back of 0.3 of the rest holds one pair only, a page not filled (2 of 3)
		// that is read again without it
		String topic = unique("回看");
		Instant now = Instant.now();
		List<Object[]> made = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			Instant start = i < 20 ? now.minus(Duration.ofMinutes(37L * i))
					: now.minus(Duration.ofDays(30L * (long) Math.pow(3, (i - 20) / 2 + 1) + (i - 20) % 2));
			long id = jdbc.sql("""
					insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser)
					select ?, 'TALK', ?, ?, ?::timestamptz + interval '1 hour', id, username from account where username = 'admin' returning id""")
				.params(branches.get(i * 7 % branches.size()), topic, java.sql.Timestamp.from(start), java.sql.Timestamp.from(start))
				.query(Long.class).single();
			made.add(new Object[] { id, jdbc.sql("select start_at from meeting where id = ?").param(id).query(java.sql.Timestamp.class).single() });
		}
		// a province's other meetings (as counted), so that the page merges its organisations' newest rather than walking all
		jdbc.sql("insert into meeting_count (organization_id, meetings) values (-77, 1000000)").update();
		try {
			Caller admin = new Caller(-1, "t", "t", List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, general)));
			List<Long> newestFirst = made.stream()
				.sorted(java.util.Comparator.comparing((Object[] m) -> (java.sql.Timestamp) m[1]).thenComparing(m -> (Long) m[0]).reversed())
				.map(m -> (Long) m[0]).toList();
			assertThat(pages(admin, general, null, 40)).containsExactlyElementsOf(newestFirst);
		}
		finally {
			jdbc.sql("delete from meeting_count where organization_id = -77").update();
			jdbc.sql("delete from meeting where topic = ?").param(topic).update();
			jdbc.sql("update organization set dissolved_at = now() where id = ? or parent_id = ?").params(general, general).update();
		}
	}

	@Autowired
	MeetingPlanner planner;

	/** Every meeting of the scope, two a page (at most 20). */
	private List<Long> pages(Caller caller, long org, MeetingType type) {
		return pages(caller, org, type, 20);
	}

	private List<Long> pages(Caller caller, long org, MeetingType type, int most) {
		List<Long> seen = new ArrayList<>();
		Keyset after = null;
		do {
			MeetingPlanner.MeetingPage page = planner.list(caller, org, null, null, type, after, 2);
			page.meetings().forEach(m -> seen.add(m.id()));
			after = page.next();
		}
		while (after != null && seen.size() < most);
		return seen;
	}

	/** Every meeting of these organisations, two a page, through the scope's page statement read one way. */
	private List<Long> scopePages(boolean walk, Long[] organizations) {
		List<Long> seen = new ArrayList<>();
		java.sql.Timestamp at = null;
		Long id = null;
		while (seen.size() < 20) {
			List<Object> args = at == null ? List.of((Object) organizations) : List.of(organizations, at, id);
			List<Object[]> page = jdbc.sql(MeetingPlanner.scopePage(walk, at == null ? "" : " and (m.start_at, m.id) < (?, ?)", 3))
				.params(args).query((rs, n) -> new Object[] { rs.getLong("id"), rs.getTimestamp("start_at") }).list();
			page.stream().limit(2).forEach(r -> seen.add((Long) r[0]));
			if (page.size() < 3) {
				break;
			}
			id = (Long) page.get(1)[0];
			at = (java.sql.Timestamp) page.get(1)[1];
		}
		return seen;
	}

	/** Branches under the general branch, one more than the scope above which its page chooses how it is found. */
	private List<Long> moreBranchesThanPlannedForValues(long general) {
		List<Long> branches = new ArrayList<>();
		for (int i = 0; i <= MeetingPlanner.PLANNED_FOR_VALUES_ABOVE; i++) {
			branches.add(organization("BRANCH", general));
		}
		return branches;
	}

	/** A new organisation of this type under the parent. */
	private long organization(String type, long parent) {
		String code = unique("HS");
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
				select x.id, ?, ?, ?, p.id, p.path || x.id || '/', p.depth + 1, 999
				from organization p, (select nextval('organization_id_seq') as id) x where p.id = ?""")
			.params(code, "散列" + code, type, parent).update();
		return orgId(code);
	}

	@Test
	void anUnreadablePositionIsABadRequestAndAnotherBranchsListIsOutOfScope() throws Exception {
		mvc.perform(get("/api/v1/meetings").param("after", "yesterday").with(login("branch1")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("after"));
		mvc.perform(get("/api/v1/meetings").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).param("size", "1")
			.with(login("branch2"))).andExpect(status().isNotFound());
	}

	@Test
	void thePageSaysTheTotalAndLinksToTheNextMeetings() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		for (int i = 0; i < 51; i++) {
			jdbc.sql("""
					insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser)
					select ?, 'TALK', '翻页测试', now() + interval '3000 days' + ? * interval '1 minute',
					       now() + interval '3000 days' + ? * interval '1 minute' + interval '30 minutes', id, username
					from account where username = 'branch1'""").params(orgId("SFDX-JSJ-01"), i, i).update();
		}
		String first = mvc.perform(get("/meetings").with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"meetings-total\"")))
			.andReturn().getResponse().getContentAsString();
		var next = java.util.regex.Pattern.compile("href=\"/meetings\\?[^\"]*after=([0-9.]+)\"").matcher(first);
		assertThat(next.find()).as("a link to the next page").isTrue();
		mvc.perform(get("/meetings").param("after", next.group(1)).with(branch1)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("回到最新")));
	}

	long plan(RequestPostProcessor who, Instant start) throws Exception {
		String answer = mvc.perform(post("/api/v1/meetings").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "TALK", "topic": "谈心谈话", "startAt": "%s", "endAt": "%s",
					 "invitees": {"scope": "BRANCH"}}""".formatted(orgId("SFDX-JSJ-01"), start, start.plus(Duration.ofMinutes(30)))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(answer, "$.id")).longValue();
	}
}
