package cn.partybuilding.member;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.ToDo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The member queries that take many organisations as one array parameter (the façade's members, summaries, accounts
 * and counts, 预备期超期, the composition) and the 待办 that leaves the filter out at the only root: a school's
 * organisations never bring a member of the other school, and the root still sees both.
 */
class MembersInScopeTest extends PlatformTest {

	@Autowired
	MemberDirectory directory;

	@Autowired
	Members members;

	@Autowired
	MemberToDos toDos;

	@Autowired
	OrganizationScope scope;

	long university;

	long college;

	long universityBranch;

	long collegeBranch;

	long inUniversity;

	long inCollege;

	@BeforeEach
	void twoOverdueProbationersOneInEachSchool() throws Exception {
		university = orgId("SFDX");
		college = orgId("SFXY");
		universityBranch = orgId("SFDX-JSJ-01");
		collegeBranch = firstBranchBelow("SFXY");
		var province = login("province");
		inUniversity = register(province, universityBranch);
		inCollege = register(province, collegeBranch);
	}

	private long register(org.springframework.test.web.servlet.request.RequestPostProcessor who, long branch)
			throws Exception {
		String staff = unique("SA");
		mvc.perform(post("/api/v1/members").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
				.content(MemberProbationTest.body(staff, branch, "PROBATIONARY", MemberProbationTest.TODAY.minusYears(2).minusMonths(2), null, null)))
			.andExpect(status().isCreated());
		return jdbc.sql("select id from member where staff_number = ?").param(staff).query(Long.class).single();
	}

	@Test
	@DisplayName("issue 23: the façade's queries by organisation (one array parameter) never bring a member of another school")
	void theFacadesQueriesByOrganisationKeepToTheOrganisationsGiven() {
		Set<Long> school = scope.subtree(university);
		assertThat(directory.membersIn(school)).extracting(MemberRef::id).contains(inUniversity).doesNotContain(inCollege);
		assertThat(directory.summaries(school)).extracting(MemberSummary::id).contains(inUniversity).doesNotContain(inCollege);
		assertThat(directory.summaries(school)).allMatch(m -> school.contains(m.organizationId()));
		assertThat(directory.accountsIn(school)).extracting(MemberAccount::memberId).contains(inUniversity).doesNotContain(inCollege);
		assertThat(directory.accountCountsIn(school).keySet()).isNotEmpty().allMatch(school::contains);
		assertThat(directory.membersIn(scope.subtree(college))).extracting(MemberRef::id).contains(inCollege)
			.doesNotContain(inUniversity);
		long probationers = jdbc.sql("""
				select count(*) from member m join organization o on o.id = m.organization_id
				where o.path like ? and m.status = 'PROBATIONARY' and m.departed_on is null""")
			.param("%/" + university + "/%").query(Long.class).single();
		assertThat(members.countIn(school, MemberStatus.PROBATIONARY)).isEqualTo(probationers);
		LocalDate twoYearsAgo = MemberProbationTest.TODAY.minusYears(2);
		assertThat(members.probationOverdueIn(school, twoYearsAgo)).extracting(MemberSummary::id).contains(inUniversity)
			.doesNotContain(inCollege);
		Composition composition = directory.composition(school, MemberProbationTest.TODAY.plusDays(1));
		assertThat(composition.total()).isPositive();
		assertThat(composition.byOrganization().keySet()).contains(universityBranch).allMatch(school::contains);
	}

	@Test
	@DisplayName("issue 23: 预备期超期 待办 — a school's administrator sees only their school's branches; at the root (no filter) both schools'")
	void theProbationToDoOfASchoolStaysInTheSchoolAndTheRootSeesBoth() {
		Caller admin = new Caller(0, "admin", "管理员", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, university)));
		Set<Long> school = scope.subtree(university);
		assertThat(toDos.dueFor(admin)).isNotEmpty().extracting(ToDo::href)
			.allMatch(href -> school.contains(Long.parseLong(href.replaceAll(".*orgId=(\\d+).*", "$1"))));
		LocalDate twoYearsAgo = MemberProbationTest.TODAY.minusYears(2);
		assertThat(members.probationOverdueByOrganization(school, twoYearsAgo, 10_000)).extracting(r -> (Long) r[0])
			.contains(universityBranch).doesNotContain(collegeBranch);
		// the whole tree (null): both schools' branches
		List<Object[]> all = members.probationOverdueByOrganization(null, twoYearsAgo, 10_000);
		assertThat(all).extracting(r -> (Long) r[0]).contains(universityBranch, collegeBranch);
		// the first ones only (the home page names five): the same, most first, counted in the database
		assertThat(members.probationOverdueByOrganization(null, twoYearsAgo, 2)).extracting(r -> (Long) r[0])
			.containsExactlyElementsOf(all.stream().limit(2).map(r -> (Long) r[0]).toList());
		Caller college2 = new Caller(0, "school2", "管理员", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, college)));
		Set<Long> other = scope.subtree(college);
		assertThat(toDos.dueFor(college2)).isNotEmpty().extracting(ToDo::href)
			.allMatch(href -> other.contains(Long.parseLong(href.replaceAll(".*orgId=(\\d+).*", "$1"))));
	}

	@Test
	@DisplayName("issue 23: the count of staff numbers with a prefix (a generator's resume) is exact, case-sensitive and takes % and _ as written")
	void theStaffNumberPrefixCountIsExactAndCaseSensitive() {
		String staff = jdbc.sql("select staff_number from member where id = ?").param(inUniversity).query(String.class).single();
		assertThat(directory.countWithStaffNumberPrefix(staff)).isEqualTo(1);
		assertThat(directory.countWithStaffNumberPrefix(staff.substring(0, staff.length() - 1))).isEqualTo(1);
		assertThat(directory.countWithStaffNumberPrefix(staff.toLowerCase())).isZero();
		assertThat(directory.countWithStaffNumberPrefix(staff.substring(0, 2) + "%")).isZero();
		assertThat(directory.countWithStaffNumberPrefix(staff.substring(0, 2) + "_")).isZero();
	}

	@Test
	@DisplayName("issue 23: a page's names and its scope's member count in one call answer what refs and countIn answer apart")
	void namesAndTheScopesCountInOneCallAreWhatEachAnswersAlone() {
		Set<Long> school = scope.subtree(university);
		List<Long> both = List.of(inCollege, inUniversity);
		MemberRefsAndCount found = directory.refsAndCountIn(both, school);
		// the names of any members asked for (another school's too: the caller's module scoped its own rows), in no order
		assertThat(found.refs()).containsExactlyInAnyOrderElementsOf(directory.refs(both)).hasSize(2);
		assertThat(found.count()).isEqualTo(directory.countIn(school)).isPositive();
		// no member asked for: the count alone; no organisation: nobody counted
		assertThat(directory.refsAndCountIn(List.of(), school)).isEqualTo(new MemberRefsAndCount(List.of(), directory.countIn(school)));
		assertThat(directory.refsAndCountIn(both, Set.of()).refs()).containsExactlyInAnyOrderElementsOf(directory.refs(both));
		assertThat(directory.refsAndCountIn(both, Set.of()).count()).isZero();
		assertThat(directory.refsAndCountIn(List.of(), Set.of())).isEqualTo(new MemberRefsAndCount(List.of(), 0));
		assertThat(directory.refsAndCountIn(List.of(inUniversity), Set.of(collegeBranch)).count())
			.isEqualTo(directory.countIn(Set.of(collegeBranch)));
	}
}
