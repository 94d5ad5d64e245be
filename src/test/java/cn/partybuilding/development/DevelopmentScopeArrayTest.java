package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 发展党员 queries that take the scope as one array parameter (or none at the only root): the home page's 待办
 * (overdue talks, steps possible, approvals waiting above), the thought reports owed, the funnel's people. A school's
 * administrator never gets a file of the other school; the root gets both.
 */
class DevelopmentScopeArrayTest extends PlatformTest {

	static final LocalDate TODAY = LocalDate.now(PlatformZone.ZONE);

	@Autowired
	DevelopmentPeople people;

	@Autowired
	DevelopmentBoard board;

	@Autowired
	ThoughtReports reports;

	@Autowired
	FunnelPeople funnel;

	@Autowired
	OrganizationScope scope;

	long university;

	long college;

	long universityBranch;

	long collegeBranch;

	/** Talks overdue (applied three months ago), and files waiting for step 4 above the branch, one of each per school. */
	long talkInUniversity, talkInCollege, waitingInUniversity, waitingInCollege;

	@BeforeEach
	void filesInBothSchools() {
		university = orgId("SFDX");
		college = orgId("SFXY");
		universityBranch = orgId("SFDX-JSJ-01");
		collegeBranch = firstBranchBelow("SFXY");
		LocalDate applied = TODAY.minusMonths(3);
		talkInUniversity = apply(universityBranch, applied);
		talkInCollege = apply(collegeBranch, applied);
		waitingInUniversity = activist(universityBranch, applied);
		waitingInCollege = activist(collegeBranch, applied);
	}

	private static Caller secretaryOf(long branch) {
		return new Caller(0, "secretary-" + branch, "书记", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, branch)));
	}

	private static Caller adminOf(long committee) {
		return new Caller(0, "admin-" + committee, "管理员", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, committee)));
	}

	private long apply(long branch, LocalDate applied) {
		LocalDate birth = LocalDate.of(2000, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(1500));
		String staff = unique("SX");
		return people.apply(secretaryOf(branch), new DevelopmentPeople.NewPerson("申请人" + staff.substring(2, 6),
				Gender.MALE, "汉族", birth, DevelopmentApiTest.idCard(birth.toString().replace("-", "")), staff,
				Category.STUDENT, Education.BACHELOR, "13800138000", branch, applied)).id();
	}

	/** Talked to and made an activist by the branch: the next step (4, 备案) waits for the level above. */
	private long activist(long branch, LocalDate applied) {
		long id = apply(branch, applied);
		people.record(secretaryOf(branch), id, step(2, applied.plusDays(10), "谈话"));
		people.record(secretaryOf(branch), id, step(3, applied.plusDays(20), "党员推荐"));
		return id;
	}

	private static DevelopmentPeople.StepRequest step(int step, LocalDate date, String note) {
		return new DevelopmentPeople.StepRequest(step, date, note, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null);
	}

	@Test
	@DisplayName("issue 23: the 发展党员 待办 of a school keep to the school (scope as one array), the root's (no filter) hold both schools")
	void theDevelopmentToDosOfASchoolKeepToTheSchool() {
		Caller universityAdmin = adminOf(university);
		assertThat(board.overdueTalks(universityAdmin, 5000)).extracting(DevelopmentBoard.OverdueTalk::id)
			.contains(talkInUniversity).doesNotContain(talkInCollege);
		assertThat(board.overdueTalks(adminOf(college), 5000)).extracting(DevelopmentBoard.OverdueTalk::id)
			.contains(talkInCollege).doesNotContain(talkInUniversity);
		assertThat(board.overdueTalks(adminOf(orgId("JYGW")), 5000)).extracting(DevelopmentBoard.OverdueTalk::id)
			.contains(talkInCollege, talkInUniversity);

		assertThat(board.waitingAbove(universityAdmin, 5000)).extracting(DevelopmentBoard.Waiting::id)
			.contains(waitingInUniversity).doesNotContain(waitingInCollege);
		assertThat(board.waitingAbove(adminOf(orgId("JYGW")), 5000)).extracting(DevelopmentBoard.Waiting::id)
			.contains(waitingInCollege, waitingInUniversity);

		long waitingInTheUniversity = jdbc.sql("""
				select count(*) from applicant a join organization o on o.id = a.organization_id where o.path like ?
				and a.closed is null and a.next_step in (4, 8, 11, 13, 16, 17, 24, 18)
				and (a.next_possible is null or a.next_possible <= ?)""")
			.params("%/" + university + "/%", TODAY).query(Long.class).single();
		assertThat(board.approvalsWaiting(universityAdmin)).isEqualTo(waitingInTheUniversity);
		assertThat(board.approvalsWaiting(adminOf(orgId("JYGW"))))
			.isGreaterThanOrEqualTo(waitingInTheUniversity + board.approvalsWaiting(adminOf(college)));

		assertThat(board.branchToDos(secretaryOf(collegeBranch))).containsOnlyKeys(collegeBranch);
		assertThat(board.branchToDos(secretaryOf(collegeBranch)).get(collegeBranch)[0]).isPositive();
	}

	@Test
	@DisplayName("issue 23 (V117): the platform's files per stage, kept by the counters' trigger, equal the files counted, and the root's list reads them")
	void thePlatformsTotalsPerStageFollowEveryWrite() throws Exception {
		// after the files of this test were written (inserts) and moved on (step 3: a stage change)
		assertThat(totals()).isEqualTo(counted());
		long applicants = totals().getOrDefault("APPLICANT", 0L);
		long activists = totals().getOrDefault("ACTIVIST", 0L);
		long another = activist(collegeBranch, TODAY.minusMonths(3));
		assertThat(totals()).containsEntry("ACTIVIST", activists + 1).containsEntry("APPLICANT", applicants)
			.isEqualTo(counted());
		jdbc.sql("update applicant set stage = 'CANDIDATE' where id = ?").param(another).update();
		assertThat(totals()).containsEntry("ACTIVIST", activists).isEqualTo(counted());
		// the province's list (the whole tree: no scope filter) answers its counts by stage from them
		var json = DevelopmentFixtures.JSON.readTree(mvc.perform(
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/applicants")
					.with(login("province")))
			.andReturn().getResponse().getContentAsString());
		java.util.Map<String, Long> inProvince = new java.util.TreeMap<>();
		jdbc.sql("""
				select a.stage, count(*) from applicant a join organization o on o.id = a.organization_id
				where o.path like (select path from organization where code = 'JYGW') || '%' group by a.stage""")
			.query((rs, n) -> inProvince.put(rs.getString(1), rs.getLong(2))).list();
		java.util.Map<String, Long> listed = new java.util.TreeMap<>();
		json.findValue("byStage").properties().forEach(e -> listed.put(e.getKey(), e.getValue().asLong()));
		listed.values().removeIf(v -> v == 0);
		assertThat(listed).isEqualTo(inProvince);
	}

	private java.util.Map<String, Long> totals() {
		java.util.Map<String, Long> totals = new java.util.TreeMap<>();
		jdbc.sql("select stage, files from applicant_stage_total where files <> 0")
			.query((rs, n) -> totals.put(rs.getString(1), rs.getLong(2))).list();
		return totals;
	}

	private java.util.Map<String, Long> counted() {
		java.util.Map<String, Long> counted = new java.util.TreeMap<>();
		jdbc.sql("select stage, count(*) from applicant group by stage")
			.query((rs, n) -> counted.put(rs.getString(1), rs.getLong(2))).list();
		return counted;
	}

	@Test
	@DisplayName("issue 23: thought reports owed and the funnel's people, by organisations as one array, keep to the organisations given")
	void thoughtReportsAndFunnelPeopleKeepToTheOrganisationsGiven() {
		Set<Long> school = scope.subtree(university);
		assertThat(reports.missingByBranch(school)).extracting(ThoughtReports.MissingCount::organizationId)
			.allMatch(school::contains);
		// the whole tree (null) holds the school's rows with the same counts
		assertThat(reports.missingByBranch(null)).filteredOn(c -> school.contains(c.organizationId()))
			.containsExactlyInAnyOrderElementsOf(reports.missingByBranch(school));
		assertThat(reports.missingIn(school)).extracting(ThoughtReports.MissingPerson::organizationId)
			.allMatch(school::contains);

		List<cn.partybuilding.development.FunnelPerson> applied = funnel.at(school, "application", TODAY.minusMonths(4),
				TODAY.plusDays(1), 5000);
		assertThat(applied).extracting(FunnelPerson::id).contains(talkInUniversity).doesNotContain(talkInCollege);
		assertThat(funnel.at(scope.subtree(college), "application", TODAY.minusMonths(4), TODAY.plusDays(1), 5000))
			.extracting(FunnelPerson::id).contains(talkInCollege);
	}
}
