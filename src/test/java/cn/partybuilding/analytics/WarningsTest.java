package cn.partybuilding.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.FigureOrgs;
import cn.partybuilding.FigureOrgs.Person;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.NewSeat;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.Position;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.Warnings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The early-warning centre over HTTP with the real database: each module's rule by name (on a fresh general branch
 * and branch of its own), the API's shape and scope, the filters, the export, and the weekly digest sent once.
 */
class WarningsTest extends PlatformTest {

	@Autowired
	OrganizationTree tree;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	@Autowired
	List<Warnings> sources;

	@Autowired
	WarningDigest digest;

	@Autowired
	cn.partybuilding.organization.OrganizationScope scope;

	final JsonMapper json = JsonMapper.builder().build();

	FigureOrgs orgs;

	long general;

	long branch;

	String staff;

	long staffAccount;

	@BeforeEach
	void aGeneralBranchAndABranchOfTheirOwn() {
		orgs = new FigureOrgs(tree, members, accounts);
		general = orgs.generalBranch(orgId("SFDX"));
		branch = orgs.branch(general, false);
		staff = unique("WARN");
		staffAccount = accounts.openPrepared(staff, "预警测试管理员", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, general)));
	}

	LocalDate today() {
		return LocalDate.now(PlatformZone.ZONE);
	}

	List<Warnings.Raised> raised(String kind, LocalDate today, long... orgIds) {
		List<Long> ids = java.util.Arrays.stream(orgIds).boxed().toList();
		return sources.stream().flatMap(s -> s.raisedIn(ids, today).stream()).filter(r -> r.kind().equals(kind)).toList();
	}

	void unpaid(long member, long org, int months) {
		YearMonth current = YearMonth.from(today());
		for (int i = 1; i <= months; i++) {
			jdbc.sql("""
					insert into dues_bill (member_id, month, organization_id, category, amount, rule_version_id, state, created_at)
					values (?, ?, ?, 'STUDENT', 0.20, (select min(id) from dues_rule_version), 'UNPAID', now())""")
				.params(member, current.minusMonths(i).atDay(1), org).update();
		}
	}

	void settled(long member, long org, int monthsAgo) {
		jdbc.sql("""
				insert into dues_bill (member_id, month, organization_id, category, amount, rule_version_id, state, created_at)
				values (?, ?, ?, 'STUDENT', 0.20, (select min(id) from dues_rule_version), 'EXEMPT', now())""")
			.params(member, YearMonth.from(today()).minusMonths(monthsAgo).atDay(1), org).update();
	}

	@Test
	void eachModuleCountsWhatItRaisesAtEveryScopeAndDay() {
		Person three = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		Person two = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		Person broken = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		unpaid(three.id(), branch, 3);
		unpaid(two.id(), branch, 2);
		// four months unpaid, but one settled in between: a run of two, not in arrears
		unpaid(broken.id(), branch, 2);
		settled(broken.id(), branch, 3);
		jdbc.sql("""
				insert into dues_bill (member_id, month, organization_id, category, amount, rule_version_id, state, created_at)
				select ?, m, ?, 'STUDENT', 0.20, (select min(id) from dues_rule_version), 'UNPAID', now()
				from (values (?::date), (?::date)) v(m)""")
			.params(broken.id(), branch, YearMonth.from(today()).minusMonths(4).atDay(1), YearMonth.from(today()).minusMonths(5).atDay(1))
			.update();
		Warnings dues = sources.stream().filter(w -> w.getClass().getSimpleName().startsWith("DuesWarnings")).findFirst().orElseThrow();
		assertThat(dues.count(List.of(branch), today())).isEqualTo(1);
		LocalDate nearMonthEnd = YearMonth.from(today()).atEndOfMonth().minusDays(2);
		for (long root : new long[] { branch, general, orgId("SFDX-JSJ"), orgId("SFDX"), orgId("JYGW") }) {
			List<Long> subtree = List.copyOf(scope.subtree(root));
			for (LocalDate day : List.of(today(), nearMonthEnd)) {
				for (Warnings source : sources) {
					assertThat(source.count(subtree, day)).as(source.getClass().getSimpleName() + " at " + root + " on " + day)
						.isEqualTo(source.raisedIn(subtree, day).size());
				}
			}
		}
	}

	@Test
	void theApiPagesInTheListsOrderAndSaysWhereTheNextPageStarts() throws Exception {
		for (int i = 0; i < 5; i++) {
			unpaid(orgs.member(branch, Category.STUDENT, today().minusYears(3)).id(), branch, 3 + i % 2);
		}
		var session = login(staff);
		JsonNode whole = json.readTree(mvc.perform(get("/api/v1/warnings").param("orgId", String.valueOf(general)).with(session))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(whole.isArray()).isTrue();
		assertThat(whole.size()).isGreaterThanOrEqualTo(5);
		List<String> expected = new java.util.ArrayList<>();
		whole.forEach(w -> expected.add(w.get("link").asString() + " " + w.get("message").asString()));
		List<String> paged = new java.util.ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			var request = get("/api/v1/warnings").param("orgId", String.valueOf(general)).param("size", "2").with(session);
			if (after != null) {
				request = request.param("after", after);
			}
			var response = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse();
			JsonNode page = json.readTree(response.getContentAsString());
			assertThat(page.get("total").asInt()).isEqualTo(whole.size());
			assertThat(page.get("truncated").asBoolean()).isFalse();
			assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
			page.get("items").forEach(w -> paged.add(w.get("link").asString() + " " + w.get("message").asString()));
			after = page.get("next").isNull() ? null : page.get("next").asString();
			assertThat(response.getHeader("X-Next-After")).isEqualTo(after);
			pages++;
		}
		while (after != null && pages < 100);
		assertThat(paged).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo((whole.size() + 1) / 2);
		mvc.perform(get("/api/v1/warnings").param("after", "not-a-cursor").with(session))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("after"));
		// the page: the rows after a cursor, a way back to the first
		String second = json.readTree(mvc.perform(get("/api/v1/warnings").param("orgId", String.valueOf(general))
			.param("size", "1").with(session)).andReturn().getResponse().getContentAsString()).get("next").asString();
		mvc.perform(get("/analytics/warnings").param("orgId", String.valueOf(general)).param("after", second).with(session))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"warnings-first\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(whole.get(1).get("link").asString())))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(whole.size() + " 条")));
	}

	@Test
	void withoutAPageAskedForTheListAnswersAsBeforeUpToTheLimitThenItsFirstPage() {
		List<WarningCentre.Warning> rows = new java.util.ArrayList<>();
		for (int i = 0; i < 250; i++) {
			rows.add(new WarningCentre.Warning("dues.arrears", "欠缴", 1, "支部", "学院", "", null, null, "/dues/members/" + i, "m" + i, "c" + i));
		}
		WarningsApi api = new WarningsApi(null, 1000);
		assertThat(api.answer(new WarningCentre.Page(rows.subList(0, 3), null, 3, java.util.Map.of()), true).getBody())
			.isInstanceOf(List.class).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(3);
		var truncated = api.answer(new WarningCentre.Page(rows, "c250", 400, java.util.Map.of()), true);
		assertThat(truncated.getBody()).isInstanceOfSatisfying(WarningsApi.WarningListPage.class, p -> {
			assertThat(p.items()).hasSize(WarningsApi.DEFAULT_SIZE);
			assertThat(p.next()).isEqualTo("c" + (WarningsApi.DEFAULT_SIZE - 1));
			assertThat(p.truncated()).isTrue();
			assertThat(p.total()).isEqualTo(400);
		});
		assertThat(truncated.getHeaders().getFirst("X-Next-After")).isEqualTo("c" + (WarningsApi.DEFAULT_SIZE - 1));
		var asked = api.answer(new WarningCentre.Page(rows.subList(0, 2), null, 2, java.util.Map.of()), false);
		assertThat(asked.getBody()).isInstanceOfSatisfying(WarningsApi.WarningListPage.class, p -> {
			assertThat(p.next()).isNull();
			assertThat(p.truncated()).isFalse();
		});
	}

	@Test
	void aCursorNamesItsPlaceInTheOrder() {
		WarningCentre.Cursor c = new WarningCentre.Cursor(today(), null, "第一党支部.x", "dues.arrears", "/dues/members/1", "text[a, 3]", 7);
		assertThat(WarningCentre.Cursor.parse(c.encode())).isEqualTo(c);
		WarningCentre.Cursor undated = new WarningCentre.Cursor(null, null, "A", "k", "/", "t", 1);
		assertThat(WarningCentre.Cursor.ORDER.compare(c, undated)).isNegative();
		// two organisations of one name warned alike: apart, by their ids
		WarningCentre.Cursor twin = new WarningCentre.Cursor(today(), null, "第一党支部.x", "dues.arrears", "/dues/members/1", "text[a, 3]", 8);
		assertThat(WarningCentre.Cursor.ORDER.compare(c, twin)).isNegative();
		// a cursor of six parts (before the id) still names a place: before every id
		String six = c.encode().substring(0, c.encode().lastIndexOf('.'));
		assertThat(WarningCentre.Cursor.parse(six).orgId()).isEqualTo(Long.MIN_VALUE);
	}

	@Test
	void arrearsOfThreeMonthsIsWarned() {
		Person three = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		Person two = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		unpaid(three.id(), branch, 3);
		unpaid(two.id(), branch, 2);
		List<Warnings.Raised> found = raised("dues.arrears", today(), branch);
		assertThat(found).hasSize(1);
		assertThat(found.get(0).href()).isEqualTo("/dues/members/" + three.id());
		assertThat(found.get(0).args()).startsWith(three.name(), 3);
		assertThat(found.get(0).since()).isEqualTo(YearMonth.from(today()).minusMonths(3).atDay(1));
	}

	@Test
	void branchWithTooFewFullMembersIsWarned() {
		orgs.members(branch, 2, today().minusYears(3));
		long enough = orgs.branch(general, false);
		orgs.members(enough, 3, today().minusYears(3));
		List<Warnings.Raised> found = raised("organization.size", today(), branch, enough);
		assertThat(found).extracting(Warnings.Raised::orgId).containsExactly(branch);
		assertThat(found.get(0).messageKey()).isEqualTo("warning.size.tooFewFull");
	}

	@Test
	void termEndingWithinNinetyDaysIsWarned() {
		long soon = orgs.branch(general, false);
		jdbc.sql("delete from committee_position where organization_id = ?").param(soon).update();
		Caller admin = accounts.callerFor("admin");
		tree.appoint(admin, soon, new NewSeat(Position.SECRETARY, "李书记", today().minusYears(3).plusDays(30),
				today().plusDays(30), false));
		List<Warnings.Raised> found = raised("organization.term", today(), soon, branch);
		assertThat(found).extracting(Warnings.Raised::orgId).containsExactly(soon);
		assertThat(found.get(0).due()).isEqualTo(today().plusDays(30));
		assertThat(found.get(0).messageKey()).isEqualTo("warning.term.dueSoon");
	}

	@Test
	void theOrganisationRulesTakeAProvincesScopeAsOneArray() {
		// more ids than the driver's 32 767 binds: the scope of a province's root, passed as one array parameter
		long soon = orgs.branch(general, false);
		jdbc.sql("delete from committee_position where organization_id = ?").param(soon).update();
		tree.appoint(accounts.callerFor("admin"), soon, new NewSeat(Position.SECRETARY, "王书记",
				today().minusYears(3).plusDays(20), today().plusDays(20), false));
		orgs.members(branch, 2, today().minusYears(3));
		List<Long> province = new java.util.ArrayList<>(java.util.stream.LongStream.rangeClosed(1, 40_000).map(i -> -i).boxed().toList());
		province.add(soon);
		province.add(branch);
		// the organisation module's rules only: another module's may still pass one bind per organisation
		List<Warnings.Raised> found = sources.stream().filter(s -> s.getClass().getSimpleName().startsWith("OrganizationWarnings"))
			.flatMap(s -> s.raisedIn(province, today()).stream()).toList();
		assertThat(found).extracting(Warnings.Raised::kind, Warnings.Raised::orgId)
			.contains(org.assertj.core.groups.Tuple.tuple("organization.term", soon),
					org.assertj.core.groups.Tuple.tuple("organization.size", branch))
			.allSatisfy(t -> assertThat(t.toList().get(1)).isIn(soon, branch));
	}

	@Test
	void probationTwoYearsAfterJoiningIsWarned() {
		Person late = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		Person fresh = orgs.member(branch, Category.STUDENT, today().minusYears(1));
		jdbc.sql("update member set status = 'PROBATIONARY', conversion_date = null where id in (?, ?)")
			.params(late.id(), fresh.id()).update();
		List<Warnings.Raised> found = raised("member.probation", today(), branch);
		assertThat(found).extracting(Warnings.Raised::href).containsExactly("/members/" + late.id());
	}

	@Test
	void memberOutOfContactForSixMonthsIsAPocketMember() {
		Person silent = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		Person seen = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		contact(silent.id(), today().minusMonths(7));
		contact(seen.id(), today().minusMonths(1));
		List<Warnings.Raised> found = raised("transfer.pocket", today(), branch);
		assertThat(found).hasSize(1);
		assertThat(found.get(0).messageKey()).isEqualTo("figure.transfer.pocket.line.NO_CONTACT");
		assertThat(found.get(0).args().get(0)).isEqualTo(silent.name());
		assertThat(found.get(0).responsible()).isNull();
	}

	void contact(long member, LocalDate on) {
		jdbc.sql("insert into transfer_last_contact (member_id, last_at, how) values (?, ?, '签到')")
			.params(member, Timestamp.from(on.atTime(12, 0).atZone(PlatformZone.ZONE).toInstant())).update();
	}

	long applicant(long org, String name, LocalDate applied) {
		long id = jdbc.sql("""
				insert into applicant (name, gender, birth_date, staff_number, category, organization_id, applied_on, stage,
				    stage_since, next_step)
				values (?, 'MALE', date '2000-01-01', ?, 'STUDENT', ?, ?, 'APPLICANT', ?, 2) returning id""")
			.params(name, unique("WARNDEV"), org, applied, applied).query(Long.class).single();
		jdbc.sql("""
				insert into development_step (applicant_id, step, done_on, decision, organization_id, actor)
				values (?, 1, ?, 'APPROVED', ?, 'test')""").params(id, applied, org).update();
		return id;
	}

	@Test
	void talkNotHeldWithinAMonthOfTheApplicationIsWarned() {
		long late = applicant(branch, "逾期谈话", today().minusMonths(2));
		applicant(branch, "刚刚申请", today().minusDays(3));
		List<Warnings.Raised> found = raised("development.talk", today(), branch);
		assertThat(found).extracting(Warnings.Raised::href).containsExactly("/development/people/" + late);
		assertThat(found.get(0).due()).isEqualTo(today().minusMonths(2).plusMonths(1));
	}

	long letter(long org, int daysWaiting) {
		long id = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
		Instant written = Instant.now().minus(daysWaiting, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS);
		jdbc.sql("""
				insert into interaction_letter (id, addressed_to, organization_id, origin_branch_id, writer_account_id, writer_name,
				    anonymous, subject, body, state, written_on, written_at, waiting_since)
				values (?, 'BRANCH', ?, ?, (select id from account where username = 'member1'), '写信人', false, '主题',
				    '信的内容', 'WAITING', ?, ?, ?)""")
			.params(id, org, org, LocalDate.ofInstant(written, PlatformZone.ZONE), Timestamp.from(written),
					Timestamp.from(written))
			.update();
		return id;
	}

	@Test
	void letterUnansweredForTheEscalationDaysIsWarned() {
		long old = letter(branch, 8);
		letter(branch, 2);
		List<Warnings.Raised> found = raised("interaction.letter", today(), branch);
		assertThat(found).extracting(Warnings.Raised::href).containsExactly("/mailbox/letters/" + old);
	}

	@Test
	void outlineNotFinishedByItsDueDateIsWarned() {
		orgs.members(branch, 2, today().minusYears(3));
		long outline = jdbc.sql("""
				insert into learning_outline (organization_id, week, title, due_on, published_at, published_by)
				values (?, '2026-W01', '预警测试纲要', ?, now() - interval '7 days', 'test') returning id""")
			.params(branch, today().minusDays(1)).query(Long.class).single();
		List<Warnings.Raised> found = raised("learning.outline", today(), branch);
		assertThat(found).extracting(Warnings.Raised::href).contains("/learning/outlines/" + outline);
		Warnings.Raised mine = found.stream().filter(r -> r.href().endsWith("/" + outline)).findFirst().orElseThrow();
		assertThat(mine.args()).containsExactly("预警测试纲要", 2L, 2L);
	}

	@Test
	void meetingsMissingNearAPeriodEndAreWarned() {
		LocalDate monthEnd = YearMonth.from(today()).atEndOfMonth();
		List<Warnings.Raised> near = raised("orglife.gap", monthEnd.minusDays(2), branch);
		assertThat(near).isNotEmpty();
		assertThat(near).allSatisfy(r -> {
			assertThat(r.orgId()).isEqualTo(branch);
			assertThat(r.due()).isEqualTo(monthEnd);
		});
		assertThat(raised("orglife.gap", YearMonth.from(today()).atDay(1), branch).stream().filter(r -> r.due().equals(monthEnd)))
			.as("not at the start of the month").isEmpty();
	}

	@Test
	void theApiListsTheScopesWarningsWithTheSecretaryAsResponsible() throws Exception {
		Person m = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		unpaid(m.id(), branch, 4);
		var session = login(staff);
		String body = mvc.perform(get("/api/v1/warnings").param("orgId", String.valueOf(general)).with(session))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		JsonNode list = json.readTree(body);
		assertThat(list.isArray()).isTrue();
		JsonNode arrears = null;
		for (JsonNode w : list) {
			assertThat(w.has("kind") && w.has("orgId") && w.has("orgName") && w.has("responsible") && w.has("since")
					&& w.has("due") && w.has("link") && w.has("message")).isTrue();
			if (w.get("kind").asString().equals("dues.arrears")) {
				arrears = w;
			}
		}
		assertThat(arrears).isNotNull();
		assertThat(arrears.get("orgId").asLong()).isEqualTo(branch);
		assertThat(arrears.get("orgName").asString()).startsWith("考核测试党支部");
		assertThat(arrears.get("responsible").asString()).isEqualTo("王书记");
		assertThat(arrears.get("since").asString()).isEqualTo(YearMonth.from(today()).minusMonths(4).atDay(1).toString());
		assertThat(arrears.get("link").asString()).isEqualTo("/dues/members/" + m.id());
		assertThat(arrears.get("message").asString()).contains(m.name()).contains("4");
		// sorted by due date, none last
		LocalDate previous = null;
		boolean noneSeen = false;
		for (JsonNode w : list) {
			if (w.get("due").isNull()) {
				noneSeen = true;
				continue;
			}
			assertThat(noneSeen).as("dated after undated").isFalse();
			LocalDate due = LocalDate.parse(w.get("due").asString());
			assertThat(previous == null || !due.isBefore(previous)).isTrue();
			previous = due;
		}
		// without orgId: the caller's whole scope, the same here
		mvc.perform(get("/api/v1/warnings").with(session))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.link == '/dues/members/" + m.id() + "')]").exists());
	}

	@Test
	void outOfScopeIsAnAuditedNotFoundAMemberIsRefusedAndAnonymousMustSignIn() throws Exception {
		long before = auditCount("access.denied", "college1");
		mvc.perform(get("/api/v1/warnings").param("orgId", String.valueOf(general)).with(login("college1")))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "college1")).isEqualTo(before + 1);
		mvc.perform(get("/api/v1/warnings").with(login("member1"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/warnings")).andExpect(status().isUnauthorized());
		mvc.perform(get("/analytics/warnings").param("orgId", String.valueOf(general)).with(login("branch2")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theFiltersNarrowByKindAndDueDateAndRefuseAnUnknownKind() throws Exception {
		Person m = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		unpaid(m.id(), branch, 3);
		letter(branch, 9);
		var session = login(staff);
		String body = mvc.perform(get("/api/v1/warnings").param("orgId", String.valueOf(general)).param("kind", "dues.arrears")
			.with(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		JsonNode list = json.readTree(body);
		assertThat(list.size()).isEqualTo(1);
		assertThat(list.get(0).get("kind").asString()).isEqualTo("dues.arrears");
		// due within 7 days: the letter (overdue) stays, the arrears (no due date) and the branch size go
		body = mvc.perform(get("/api/v1/warnings").param("orgId", String.valueOf(general)).param("within", "7")
			.with(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		list = json.readTree(body);
		assertThat(list.size()).isPositive();
		for (JsonNode w : list) {
			assertThat(w.get("due").isNull()).isFalse();
			assertThat(LocalDate.parse(w.get("due").asString())).isBeforeOrEqualTo(today().plusDays(7));
		}
		mvc.perform(get("/api/v1/warnings").param("kind", "nonsense").with(session))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("kind"));
		mvc.perform(get("/api/v1/warnings").param("within", "9999").with(session))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("within"));
	}

	@Test
	void thePageShowsCountsPerCollegeRowsWithLinksAndAnEmptyState() throws Exception {
		Person m = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		unpaid(m.id(), branch, 3);
		var session = login(staff);
		mvc.perform(get("/analytics/warnings").param("orgId", String.valueOf(general)).with(session))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"warning-counts\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("考核测试党总支")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("href=\"/dues/members/" + m.id() + "\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("预警中心")));
		mvc.perform(get("/analytics/warnings").param("orgId", String.valueOf(general)).param("kind", "member.probation")
			.with(session))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"warnings-empty\"")));
		mvc.perform(get("/analytics/warnings").param("kind", "nonsense").with(session))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("没有这个预警类别")));
		mvc.perform(get("/").with(session))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/analytics/warnings")));
	}

	@Test
	void theExportIsAnAuditedSpreadsheetOfTheFilteredList() throws Exception {
		Person m = orgs.member(branch, Category.STUDENT, today().minusYears(3));
		unpaid(m.id(), branch, 3);
		long before = auditCount("analytics.warnings.export", staff);
		byte[] xlsx = mvc.perform(get("/analytics/warnings.xlsx").param("orgId", String.valueOf(general)).with(login(staff)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(".xlsx")))
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			var sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("类别");
			boolean found = false;
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				if (sheet.getRow(i).getCell(7).getStringCellValue().equals("/dues/members/" + m.id())) {
					found = true;
				}
			}
			assertThat(found).isTrue();
		}
		assertThat(auditCount("analytics.warnings.export", staff)).isEqualTo(before + 1);
		mvc.perform(get("/analytics/warnings.xlsx").with(login("member1"))).andExpect(status().isForbidden());
	}

	@Test
	void theWeeklyDigestReachesEachSecretaryOncePerWeekHoweverOftenItRuns() {
		String secretary = unique("WSEC");
		long account = accounts.openPrepared(secretary, "预警测试书记", DEMO_PASSWORD, false,
				List.of(new Caller.Grant(Role.BRANCH_SECRETARY, branch)));
		digest.digest(today());
		digest.digest(today());
		String count = "select count(*) from notification where account_id = ? and link = '/analytics/warnings'";
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(jdbc.sql(count).param(account).query(Long.class).single()).isEqualTo(1);
			assertThat(jdbc.sql(count).param(staffAccount).query(Long.class).single()).isEqualTo(1);
		});
		assertThat(jdbc.sql("select title from notification where account_id = ? and link = '/analytics/warnings'")
			.param(account).query(String.class).single()).contains("预警周报");
		assertThat(jdbc.sql("select count(*) from analytics_warning_digest where account_id = ?").param(account)
			.query(Long.class).single()).isEqualTo(1);
		// the next week: again, once
		digest.digest(today().plusWeeks(1));
		digest.digest(today().plusWeeks(1));
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(jdbc.sql(count).param(account).query(Long.class).single()).isEqualTo(2));
	}
}
