package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.NewSeat;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.Position;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * 支部工作条例 compliance counts each interval, each group, and only the meetings a branch must hold. The meetings
 * here lie in 2023 and 2024, before the demo's year, and each rule uses its own branch.
 */
class ComplianceRulesTest extends PlatformTest {

	@Autowired
	OrgLifeManagement orglife;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MemberDirectory members;

	@Autowired
	OrganizationScope scope;

	@Autowired
	OrganizationTree tree;

	@Autowired
	Compliance compliance;

	@Autowired
	ComplianceCounts counts;

	@Autowired
	JdbcTemplate jdbcTemplate;

	List<Long> everyone(long orgId) {
		return members.membersIn(scope.subtree(orgId)).stream().map(MemberRef::id).toList();
	}

	static Instant at(LocalDate day) {
		return ZonedDateTime.of(day, LocalTime.of(14, 30), PlatformZone.ZONE).toInstant();
	}

	/** A meeting held on {@code day}, everyone present, its minutes signed off the next day. */
	long held(Caller who, long orgId, MeetingType type, LocalDate day, List<Long> invited) {
		Instant start = at(day);
		List<Attendee> sheet = invited.stream().map(id -> new Attendee(id, Turnout.ON_TIME, start.minusSeconds(60), null)).toList();
		return orglife.recordHeld(who, List.of(new HeldMeeting(orgId, type, "合规规则测试", start, start.plus(Duration.ofHours(1)),
				null, null, sheet, "会议记录", null, start.plus(Duration.ofDays(1))))).get(0);
	}

	String branch(long id) {
		return "$.branches[?(@.orgId == " + id + ")]";
	}

	@Test
	@DisplayName("支部工作条例: a monthly requirement needs a meeting in each month — three 支委会 in January leave February and March open")
	void aMonthlyRequirementNeedsAMeetingInEachMonth() throws Exception {
		Caller college1 = accounts.callerFor("college1");
		long jsj03 = orgId("SFDX-JSJ-03");
		List<Long> committee = everyone(jsj03).subList(0, 3);
		for (int day : new int[] { 5, 15, 25 }) {
			held(college1, jsj03, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2024, 1, day), committee);
		}
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(jsj03)).param("period", "2024-Q1")
			.with(login("college1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath(branch(jsj03) + ".required.BRANCH_COMMITTEE").value(Matchers.contains(3)))
			.andExpect(jsonPath(branch(jsj03) + ".held.BRANCH_COMMITTEE").value(Matchers.contains(1)))
			.andExpect(jsonPath(branch(jsj03) + ".gaps.BRANCH_COMMITTEE").value(Matchers.contains(2)))
			.andExpect(jsonPath(branch(jsj03) + ".meetings.BRANCH_COMMITTEE").value(Matchers.contains(3)));
	}

	@Test
	@DisplayName("支部工作条例: a quarterly requirement needs a meeting in each quarter of the year")
	void aQuarterlyRequirementNeedsAMeetingInEachQuarter() throws Exception {
		Caller college1 = accounts.callerFor("college1");
		long jsj03 = orgId("SFDX-JSJ-03");
		held(college1, jsj03, MeetingType.BRANCH_ASSEMBLY, LocalDate.of(2023, 2, 10), everyone(jsj03));
		held(college1, jsj03, MeetingType.BRANCH_ASSEMBLY, LocalDate.of(2023, 3, 10), everyone(jsj03));
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(jsj03)).param("period", "2023")
			.with(login("college1")))
			.andExpect(jsonPath(branch(jsj03) + ".required.BRANCH_ASSEMBLY").value(Matchers.contains(4)))
			.andExpect(jsonPath(branch(jsj03) + ".held.BRANCH_ASSEMBLY").value(Matchers.contains(1)))
			.andExpect(jsonPath(branch(jsj03) + ".gaps.BRANCH_ASSEMBLY").value(Matchers.contains(3)));
	}

	@Test
	@DisplayName("The year view (months × kinds) and the compliance table agree, quarter by quarter")
	void theYearViewAndTheComplianceTableAgree() throws Exception {
		Caller college1 = accounts.callerFor("college1");
		long jsj04 = orgId("SFDX-JSJ-04");
		List<Long> all = everyone(jsj04);
		held(college1, jsj04, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2024, 1, 5), all.subList(0, 3));
		held(college1, jsj04, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2024, 1, 20), all.subList(0, 3));
		held(college1, jsj04, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2024, 3, 5), all.subList(0, 3));
		held(college1, jsj04, MeetingType.THEME_DAY, LocalDate.of(2024, 5, 15), all);
		held(college1, jsj04, MeetingType.PARTY_LECTURE, LocalDate.of(2024, 8, 15), all);
		held(college1, jsj04, MeetingType.TALK, LocalDate.of(2024, 11, 15), all.subList(3, 6));

		Compliance.Detail year = compliance.year(college1, jsj04, 2024);
		for (int q = 1; q <= 4; q++) {
			LocalDate from = LocalDate.of(2024, 3 * q - 2, 1);
			LocalDate until = from.plusMonths(3);
			Compliance.BranchCompliance table = compliance.report(college1, jsj04, "2024-Q" + q).branches().get(0);
			for (MeetingType t : table.required().keySet()) {
				int held = 0;
				int required = 0;
				for (Compliance.Line line : year.lines()) {
					for (Compliance.Cell c : line.cells()) {
						if (line.type() == t && !c.from().isBefore(from) && c.from().plusMonths(c.months()).compareTo(until) <= 0) {
							held += Math.min(c.held(), c.required());
							required += c.required();
						}
					}
				}
				assertThat(table.held().get(t)).as("Q%d %s held", q, t).isEqualTo(held);
				assertThat(table.required().get(t)).as("Q%d %s required", q, t).isEqualTo(required);
			}
		}
		assertThat(compliance.report(college1, jsj04, "2024-Q1").branches().get(0).held().get(MeetingType.BRANCH_COMMITTEE))
			.isEqualTo(2);
		// the page draws the same cells: January and March held, February not
		mvc.perform(get("/orglife/year").param("orgId", Long.toString(jsj04)).param("year", "2024").with(login("college1")))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("table-danger")))
			.andExpect(content().string(Matchers.containsString("table-success")));
		// the whole year adds up the same way
		Compliance.BranchCompliance wholeYear = compliance.report(college1, jsj04, "2024").branches().get(0);
		assertThat(wholeYear.held().get(MeetingType.BRANCH_COMMITTEE)).isEqualTo(2);
		assertThat(wholeYear.held().get(MeetingType.TALK)).isEqualTo(3);
	}

	@Test
	@DisplayName("支部工作条例: a 党小组会 is required of each group, and only the group's own meetings count for it")
	void aGroupMeetingIsRequiredOfEachGroupAndOnlyItsOwnMeetingsCount() throws Exception {
		Caller branch1 = accounts.callerFor("branch1");
		long jsj01 = orgId("SFDX-JSJ-01");
		long g1 = orgId("SFDX-JSJ-01-G1");
		long g2 = orgId("SFDX-JSJ-01-G2");
		if (everyone(g1).isEmpty()) {
			List<Long> branchMembers = members.membersIn(List.of(jsj01)).stream().map(MemberRef::id).toList();
			members.placeInGroup(branch1, branchMembers.get(0), g1);
			members.placeInGroup(branch1, branchMembers.get(1), g2);
		}
		// group A holds six meetings, one a month: group B is not covered by them
		for (int month = 1; month <= 6; month++) {
			held(branch1, g1, MeetingType.GROUP_MEETING, LocalDate.of(2023, month, 8), everyone(g1));
		}
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(jsj01)).param("period", "2023-Q1")
			.with(login("branch1")))
			.andExpect(jsonPath(branch(jsj01) + ".required.GROUP_MEETING").value(Matchers.contains(6)))
			.andExpect(jsonPath(branch(jsj01) + ".held.GROUP_MEETING").value(Matchers.contains(3)))
			.andExpect(jsonPath(branch(jsj01) + ".gaps.GROUP_MEETING").value(Matchers.contains(3)));
		Compliance.Detail year = compliance.year(branch1, jsj01, 2023);
		assertThat(year.lines().stream().filter(l -> l.type() == MeetingType.GROUP_MEETING).map(Compliance.Line::groupId))
			.containsExactly(g1, g2);
		mvc.perform(get("/orglife/year").param("orgId", Long.toString(jsj01)).param("year", "2023").with(login("branch1")))
			.andExpect(content().string(Matchers.containsString("党小组会 · 第二党小组")));
	}

	@Test
	@DisplayName("支部工作条例: a 党小组会 planned at branch level counts for no group, and is not accepted there")
	void aGroupMeetingPlannedAtBranchLevelCountsForNoGroup() throws Exception {
		Caller branch1 = accounts.callerFor("branch1");
		long jsj01 = orgId("SFDX-JSJ-01");
		var session = login("branch1");
		Instant start = at(LocalDate.now(PlatformZone.ZONE).plusDays(3));
		mvc.perform(post("/api/v1/meetings").with(session).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "GROUP_MEETING", "topic": "支部层面的党小组会", "startAt": "%s", "endAt": "%s", "invitees": {"scope": "BRANCH"}}"""
				.formatted(jsj01, start, start.plusSeconds(3600))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("type"));
		assertThatThrownBy(() -> held(branch1, jsj01, MeetingType.GROUP_MEETING, LocalDate.of(2023, 9, 8), everyone(jsj01)))
			.isInstanceOf(FieldProblem.class);
		// one kept from before the rule (planned at the branch, signed off) covers no group
		long before = jdbcTemplate.queryForObject("""
				insert into meeting (organization_id, type, topic, start_at, end_at, organiser_account_id, organiser, recorded_after)
				values (?, 'GROUP_MEETING', '旧数据', ?, ?, (select id from account where username = 'branch1'), 'branch1', true)
				returning id""", Long.class, jsj01, java.sql.Timestamp.from(at(LocalDate.of(2023, 10, 8))),
				java.sql.Timestamp.from(at(LocalDate.of(2023, 10, 8)).plusSeconds(3600)));
		jdbcTemplate.update("insert into meeting_audience (meeting_id, organization_id) values (?, ?)", before, jsj01);
		jdbcTemplate.update("""
				insert into meeting_minutes (meeting_id, text, signed_off_at, signed_off_by, updated_at) values (?, '记录', now(), 'branch1', now())""",
				before);
		assertThat(compliance.report(branch1, jsj01, "2023-10").branches().get(0).held().get(MeetingType.GROUP_MEETING)).isZero();
		// and the plan form offers 党小组会 only when a group is chosen
		mvc.perform(get("/meetings/new").with(session))
			.andExpect(content().string(Matchers.containsString("data-org-type=\"GROUP\"")));
	}

	@Test
	@DisplayName("支部工作条例: a 支委会 is required only of a branch with a 支部委员会 (seats recorded, or ≥7 正式党员); a 书记 alone shows —")
	void aBranchCommitteeMeetingIsRequiredOnlyOfABranchWithACommittee() throws Exception {
		Caller admin = accounts.callerFor("admin");
		long ltx = orgId("SFDX-LTX");
		String code = unique("SFDX-LTX-T");
		OrgRef small = tree.create(admin, new NewOrganization(ltx, code, "离退休测试党支部" + code, OrgType.BRANCH));
		tree.appoint(admin, small.id(), new NewSeat(Position.SECRETARY, "王书记", LocalDate.now(PlatformZone.ZONE).minusYears(1), null, false));
		String code2 = unique("SFDX-LTX-C");
		OrgRef seated = tree.create(admin, new NewOrganization(ltx, code2, "离退休测试党支部" + code2, OrgType.BRANCH));
		tree.appoint(admin, seated.id(), new NewSeat(Position.SECRETARY, "李书记", LocalDate.now(PlatformZone.ZONE).minusYears(1), null, false));
		tree.appoint(admin, seated.id(), new NewSeat(Position.ORGANIZATION, "赵委员", LocalDate.now(PlatformZone.ZONE).minusYears(1), null, false));

		Map<Long, Compliance.BranchCompliance> rows = new java.util.HashMap<>();
		compliance.report(admin, ltx, "2024-Q2").branches().forEach(b -> rows.put(b.orgId(), b));
		// a 书记 alone: no 支委会 required, "—" rather than a gap
		assertThat(rows.get(small.id()).exempt()).contains(MeetingType.BRANCH_COMMITTEE);
		assertThat(rows.get(small.id()).required()).doesNotContainKey(MeetingType.BRANCH_COMMITTEE);
		assertThat(rows.get(small.id()).gaps()).doesNotContainKey(MeetingType.BRANCH_COMMITTEE);
		// committee seats recorded: required
		assertThat(rows.get(seated.id()).required()).containsEntry(MeetingType.BRANCH_COMMITTEE, 3);
		// no seats, but ≥7 正式党员 (party.organization.committee-threshold): required
		assertThat(rows.get(orgId("SFDX-LTX-02")).required()).containsEntry(MeetingType.BRANCH_COMMITTEE, 3);
		mvc.perform(get("/orglife/compliance").param("orgId", Long.toString(ltx)).param("period", "2024-Q2").with(login("admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString(">—</td>")));
	}

	@Test
	@DisplayName("DOMAIN.md: 谈心谈话 at least once a year per member, counted as members talked with ÷ members; a setting switches it off")
	void aTalkIsRequiredOfEachMemberOnceAYear() throws Exception {
		Caller college1 = accounts.callerFor("college1");
		long jsj05 = orgId("SFDX-JSJ-05");
		List<Long> all = everyone(jsj05);
		held(college1, jsj05, MeetingType.TALK, LocalDate.of(2024, 4, 9), all.subList(0, 2));
		held(college1, jsj05, MeetingType.TALK, LocalDate.of(2024, 9, 9), all.subList(1, 4)); // one talked with twice
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(jsj05)).param("period", "2024")
			.with(login("college1")))
			.andExpect(jsonPath(branch(jsj05) + ".required.TALK").value(Matchers.contains(all.size())))
			.andExpect(jsonPath(branch(jsj05) + ".held.TALK").value(Matchers.contains(4)))
			.andExpect(jsonPath(branch(jsj05) + ".gaps.TALK").value(Matchers.contains(all.size() - 4)));
		// a quarter asks no talk of anyone: it is a yearly requirement
		mvc.perform(get("/api/v1/orglife/compliance").param("orgId", Long.toString(jsj05)).param("period", "2024-Q2")
			.with(login("college1")))
			.andExpect(jsonPath(branch(jsj05) + ".required.TALK").isEmpty());

		MockEnvironment off = new MockEnvironment();
		compliance.frequencies().forEach((t, f) -> off.setProperty("party.orglife.frequency." + t.name(), f.name()));
		off.setProperty("party.orglife.frequency.TALK", "NONE");
		Compliance without = new Compliance(scope, tree, members, jdbcTemplate, counts, off);
		assertThat(without.report(college1, jsj05, "2024").branches().get(0).required()).doesNotContainKey(MeetingType.TALK);
	}
}
