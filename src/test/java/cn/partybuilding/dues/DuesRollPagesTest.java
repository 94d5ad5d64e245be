package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The roll a page at a time by cursor (issue 23): the pages together are the whole roll, line for line, whatever the
 * page size; the totals are the running totals, which agree with the bills; the JSON roll keeps its scope; and the jobs
 * and lists that read every member do it in batches of organisations with the same result as all at once.
 */
class DuesRollPagesTest extends DuesTestBase {

	@Autowired
	DuesRoll roll;

	@Autowired
	DuesArrears arrears;

	@Autowired
	DuesBases bases;

	@Autowired
	DuesReliefs reliefs;

	@Autowired
	DuesRollPage rollPage;

	@Autowired
	DuesAccess access;

	@Autowired
	DuesWarnings warnings;

	private Caller admin() {
		return new Caller(jdbc.sql("select id from account where username = 'admin'").query(Long.class).single(), "admin", "admin",
				List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, orgId("SFDX"))));
	}

	@Test
	void thePagesByCursorTogetherAreTheWholeRollLineForLine() {
		long college = orgId("SFDX-JSJ");
		Caller admin = admin();
		var unpaid = student(LocalDate.of(2021, 9, 1));
		billed(unpaid, now().minusMonths(2), now().minusMonths(1), now());
		for (YearMonth month : List.of(now(), now().minusMonths(2))) {
			for (DuesRoll.Show show : DuesRoll.Show.values()) {
				DuesRoll.Roll whole = roll.page(admin, college, month, show, null, 100_000);
				assertThat(whole.tooMany()).isFalse();
				assertThat(whole.next()).isNull();
				List<DuesRoll.RollLine> paged = new ArrayList<>();
				String after = null;
				int pages = 0;
				do {
					DuesRoll.Roll page = roll.page(admin, college, month, show, after, 3);
					assertThat(page.lines()).hasSizeLessThanOrEqualTo(3);
					assertThat(page.totals()).isEqualTo(whole.totals());
					assertThat(page.listed()).isEqualTo(whole.listed());
					paged.addAll(page.lines());
					after = page.next();
					assertThat(++pages).isLessThan(10_000);
				}
				while (after != null);
				assertThat(paged).as(month + " " + show).isEqualTo(whole.lines());
				// the export (pages of a thousand, the totals read once) is the same roll
				assertThat(roll.of(admin, college, month, show).lines()).as(month + " " + show).isEqualTo(whole.lines());
				assertThat(whole.lines()).as(month + " " + show).hasSize((int) whole.listed());
				// in (organisation, member) order, each member once
				assertThat(paged.stream().map(DuesRoll.RollLine::memberId).distinct().count()).isEqualTo(paged.size());
			}
		}
		DuesRoll.Roll arrearsNow = roll.page(admin, college, now(), DuesRoll.Show.ARREARS, null, 100_000);
		assertThat(arrearsNow.lines()).extracting(DuesRoll.RollLine::memberId).contains(unpaid.id());
		assertThat(arrearsNow.lines()).allMatch(l -> l.consecutive() > 0);
		assertThat(roll.page(admin, college, now(), DuesRoll.Show.UNPAID, null, 100_000).lines())
			.allMatch(l -> l.state() == DuesBilling.State.UNPAID).extracting(DuesRoll.RollLine::memberId).contains(unpaid.id());
	}

	@Autowired
	DuesManagement management;

	/**
	 * Record once: the roll's 党费交至 is the one the member's own page and their outgoing letter print — the letter's they
	 * arrived with included — and its run of unpaid months is the arrears' count, for lines with a bill and without.
	 */
	@Test
	void eachLineSaysThePaidUpToAndRunTheMembersOwnFiguresSay() throws Exception {
		long college = orgId("SFDX-JSJ");
		Caller admin = admin();
		// arrived last month with a letter saying 党费交至 last month: billed from this month on, this month unpaid
		var arrived = student(LocalDate.of(2021, 9, 1));
		billed(arrived, now().minusMonths(2), now().minusMonths(1), now());
		management.paidElsewhere(arrived.id(), now().minusMonths(1), "中共某大学委员会");
		// arrived this month, paid up to this month where they came from: no bill here this month
		var paidAhead = student(LocalDate.of(2021, 9, 1));
		management.paidElsewhere(paidAhead.id(), now(), "中共某大学委员会");
		// paid two months ago, owes last month and this one: one month in arrears before this one
		var owing = student(LocalDate.of(2021, 9, 1));
		billed(owing, now().minusMonths(2), now().minusMonths(1), now());
		payOffline(login("branch1"), owing, ", \"reason\": \"补交\"", now().minusMonths(2)).andExpect(status().isCreated());

		List<DuesRoll.RollLine> billedLines = roll.page(admin, college, now(), DuesRoll.Show.ALL, null, 100_000).lines();
		List<DuesRoll.RollLine> unbilledLines = roll.page(admin, college, now(), DuesRoll.Show.NO_BILL, null, 100_000).lines();
		assertThat(billedLines).extracting(DuesRoll.RollLine::memberId).contains(arrived.id(), owing.id())
			.doesNotContain(paidAhead.id());
		assertThat(unbilledLines).extracting(DuesRoll.RollLine::memberId).contains(paidAhead.id());
		Map<Long, DuesRoll.RollLine> lines = new java.util.HashMap<>();
		billedLines.forEach(l -> lines.put(l.memberId(), l));
		unbilledLines.forEach(l -> lines.put(l.memberId(), l));
		assertThat(lines.get(arrived.id()).paidUpTo()).isEqualTo(now().minusMonths(1));
		assertThat(lines.get(paidAhead.id()).paidUpTo()).isEqualTo(now());
		assertThat(lines.get(owing.id()).paidUpTo()).isEqualTo(now().minusMonths(2));
		assertThat(lines.get(owing.id()).consecutive()).isEqualTo(1);
		assertThat(lines.get(arrived.id()).consecutive()).isZero();
		// every line of the college, as the member's own figures say
		List<MemberSummary> people = lines.keySet().stream().map(id -> members.summary(id).orElseThrow()).toList();
		Map<Long, Integer> runs = new java.util.HashMap<>();
		arrears.compute(people, now()).forEach(a -> runs.put(a.memberId(), a.consecutive()));
		for (DuesRoll.RollLine line : lines.values()) {
			assertThat(line.paidUpTo()).as("党费交至 of " + line.memberId())
				.isEqualTo(management.paidUpTo(line.memberId()).orElse(null));
			assertThat(line.consecutive()).as("run of " + line.memberId()).isEqualTo(runs.getOrDefault(line.memberId(), 0));
		}
	}

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	/** The lines' JSON, written field by field, is what Jackson wrote for the record: names, order, nulls and formats. */
	@Test
	void aLineIsWrittenAsJsonAsTheRecordWas() {
		var asRecord = json.rebuild().disable(tools.jackson.databind.MapperFeature.USE_ANNOTATIONS).build();
		var lines = List.of(
				new DuesRoll.RollLine(42, "张三", 7, "计算机学院党委 › 教工第一党支部", DuesCategory.STUDENT, new BigDecimal("4600.00"),
						new BigDecimal("0.20"), DuesBilling.State.UNPAID, YearMonth.of(2026, 10), 3),
				new DuesRoll.RollLine(43, "\"李\\四\"\n<b>&", 8, "", DuesCategory.RETIRED, null, new BigDecimal("1E+1"),
						DuesBilling.State.EXEMPT, null, 0),
				new DuesRoll.RollLine(44, "王五", 9, "一支部", null, null, null, null, YearMonth.of(999, 1), 0));
		for (var line : lines) {
			assertThat(json.writeValueAsString(line)).isEqualTo(asRecord.writeValueAsString(line));
		}
		assertThat(json.writeValueAsString(lines)).isEqualTo(asRecord.writeValueAsString(lines)).contains("\"amount\":\"10\"")
			.contains("\"paidUpTo\":null").contains("\"category\":null");
	}

	/** The 党费交至 kept per member (V141) is the one read from the bills after every kind of change to them. */
	@Test
	void theKeptPaidUpToFollowsEveryChangeOfAMembersBills() throws Exception {
		var person = student(LocalDate.of(2021, 9, 1));
		var branch1 = login("branch1");
		String reason = ", \"reason\": \"补交，支委会同意\"";
		billed(person, now().minusMonths(3), now().minusMonths(2), now().minusMonths(1), now());
		assertKeptAsTheBillsSay(person, null);
		payOffline(branch1, person, reason, now().minusMonths(3)).andExpect(status().isCreated());
		assertKeptAsTheBillsSay(person, now().minusMonths(3));
		jdbc.sql("update dues_bill set state = 'EXEMPT', amount = 0 where member_id = ? and month = ?")
			.params(person.id(), now().minusMonths(2).atDay(1)).update();
		assertKeptAsTheBillsSay(person, now().minusMonths(2));
		// an older month billed late and unpaid comes first: nothing is settled before it
		billed(person, now().minusMonths(5));
		assertKeptAsTheBillsSay(person, null);
		jdbc.sql("delete from dues_bill where member_id = ? and month = ?").params(person.id(), now().minusMonths(5).atDay(1)).update();
		assertKeptAsTheBillsSay(person, now().minusMonths(2));
		// a change that is not the state (an order noted, a relief) leaves it as it is
		jdbc.sql("update dues_bill set created_at = created_at where member_id = ?").param(person.id()).update();
		assertKeptAsTheBillsSay(person, now().minusMonths(2));
		payOffline(branch1, person, reason, now().minusMonths(1), now()).andExpect(status().isCreated());
		assertKeptAsTheBillsSay(person, now());
		// billing a month after it leaves it as it is
		billed(person, now().plusMonths(1));
		assertKeptAsTheBillsSay(person, now());
	}

	private void assertKeptAsTheBillsSay(DuesFixtures.Person person, YearMonth expected) {
		YearMonth kept = jdbc.sql("select month from dues_paid_up_to where member_id = ?").param(person.id()).query(LocalDate.class)
			.optional().map(YearMonth::from).orElse(null);
		assertThat(kept).isEqualTo(expected).isEqualTo(management.paidUpTo(person.id()).orElse(null));
	}

	@Test
	void theTotalsAreTheRunningTotalsAndAgreeWithTheBills() {
		long college = orgId("SFDX-JSJ");
		DuesRoll.Roll r = roll.page(admin(), college, now(), DuesRoll.Show.ALL, null, 5);
		Long[] orgs = access.organizations(admin(), college).toArray(Long[]::new);
		Map<String, Object> counted = jdbc.sql("""
				select count(*) filter (where state <> 'EXEMPT') as billed, count(*) filter (where state = 'PAID') as paid,
				       count(*) filter (where state = 'EXEMPT') as exempt,
				       coalesce(sum(amount) filter (where state <> 'EXEMPT'), 0) as due
				from dues_bill where month = ? and organization_id = any(?)""").params(now().atDay(1), orgs).query().singleRow();
		assertThat(r.totals().billed()).isEqualTo(((Number) counted.get("billed")).intValue()).isPositive();
		assertThat(r.totals().paid()).isEqualTo(((Number) counted.get("paid")).intValue());
		assertThat(r.totals().exempt()).isEqualTo(((Number) counted.get("exempt")).intValue());
		assertThat(r.totals().due()).isEqualByComparingTo(counted.get("due").toString());
		assertThat(r.listed()).isEqualTo(r.totals().billed() + r.totals().exempt());
		assertThat(r.lines()).hasSize(5);
		assertThat(r.next()).isNotNull();
	}

	@Test
	void theJsonRollPagesByCursorAndKeepsItsScope() throws Exception {
		var branch1 = login("branch1");
		var student = student(LocalDate.of(2021, 9, 1));
		billed(student, now());
		MockHttpServletResponse first = mvc.perform(get("/api/v1/dues/roll").param("month", now().toString()).param("size", "2")
				.with(branch1))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(2))
			.andExpect(jsonPath("$.totalExact").value(true))
			.andExpect(jsonPath("$.totals.billed").isNumber())
			.andReturn().getResponse();
		String next = JsonPath.read(first.getContentAsString(), "$.next");
		assertThat(first.getHeader("X-Next-After")).isEqualTo(next).isNotBlank();
		assertThat(first.getHeader("Link")).contains("after=" + next).contains("rel=\"next\"");
		// every page after it, to the last, lists each bill of the branch once: the new student's among them
		Set<Integer> seen = new HashSet<>(JsonPath.read(first.getContentAsString(), "$.content[*].memberId"));
		int total = JsonPath.read(first.getContentAsString(), "$.totalElements");
		while (next != null) {
			String body = mvc.perform(get("/api/v1/dues/roll").param("month", now().toString()).param("size", "2").param("after", next)
					.with(branch1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			List<Integer> ids = JsonPath.read(body, "$.content[*].memberId");
			ids.forEach(id -> assertThat(seen.add(id)).as("listed once: " + id).isTrue());
			next = JsonPath.read(body, "$.next");
		}
		assertThat(seen).hasSize(total).contains((int) student.id());
		// another branch's organisation: the audited 404; a month or filter that cannot be read: 400 beside the field
		long audited = auditCount("access.denied", "branch1");
		mvc.perform(get("/api/v1/dues/roll").param("orgId", Long.toString(orgId("SFDX-JX-01"))).with(branch1))
			.andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch1")).isGreaterThan(audited);
		mvc.perform(get("/api/v1/dues/roll").param("orgId", Long.toString(orgId("SFXY"))).with(login("admin")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/dues/roll").param("month", "2026-13").with(branch1)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("month"));
		mvc.perform(get("/api/v1/dues/roll").param("status", "OWING").with(branch1)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		mvc.perform(get("/api/v1/dues/roll").param("after", "x.y").with(branch1)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("after"));
		// at the province's root (no scope filter) every filter answers, the new student's bill among them
		var province = login("province");
		for (String status : List.of("ALL", "UNPAID", "PAID", "ARREARS", "NO_BILL")) {
			mvc.perform(get("/api/v1/dues/roll").param("status", status).param("size", "5").with(province)).andExpect(status().isOk())
				.andExpect(jsonPath("$.totals.billed").value(Matchers.greaterThan(0)));
		}
		mvc.perform(get("/dues").param("show", "ARREARS").with(province)).andExpect(status().isOk());
		// a school's administrator never sees another school's bill
		String school = mvc.perform(get("/api/v1/dues/roll").param("size", "500").with(login("school2"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(school, "$.content[*].memberId")).doesNotContain((int) student.id());
	}

	@Test
	void theRollPageShowsOnePageWithANextLinkAndRecordsPaymentsForItsRows() throws Exception {
		var admin = login("admin");
		String page = mvc.perform(get("/dues").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("id=\"roll-summary\"")))
			.andExpect(content().string(Matchers.containsString("已交")))
			.andExpect(content().string(Matchers.not(Matchers.containsString("??dues."))))
			.andExpect(content().string(Matchers.not(Matchers.containsString("id=\"roll-totals-recent\""))))
			.andExpect(content().string(Matchers.containsString("id=\"roll-form\"")))
			.andReturn().getResponse().getContentAsString();
		assertThat(page.split("name=\"memberIds\"|<tr>", -1).length).isGreaterThan(1);
		java.util.regex.Matcher next = java.util.regex.Pattern.compile("href=\"(/dues\\?[^\"]*after=[0-9.]+)\"").matcher(page);
		assertThat(next.find()).as("a 下一页 link").isTrue();
		mvc.perform(get(next.group(1).replace("&amp;", "&")).with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("id=\"roll-pager\"")));
		// a cursor that is not two numbers, short or long: refused, not a page from somewhere
		for (String after : List.of("x.y", "1.2.3", "1".repeat(60) + ".2", "1." + "9".repeat(500))) {
			mvc.perform(get("/dues").param("after", after).with(admin)).andExpect(status().isBadRequest());
		}
	}

	@Test
	void theRollsFormOffersCashAndTodayAndRecordsATickedMemberWithThem() throws Exception {
		var admin = login("admin");
		String page = mvc.perform(get("/dues").param("show", "UNPAID").with(admin)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("<option value=\"CASH\" selected=\"selected\">")
			.contains("name=\"receiptNo\" maxlength=\"64\" required>");
		String month = found(page, "id=\"month\" name=\"month\" value=\"([0-9-]+)\"");
		String paidOn = found(page, "id=\"many-paidOn\" name=\"paidOn\" value=\"([0-9-]+)\"");
		long memberId = Long.parseLong(found(page, "name=\"memberIds\" value=\"([0-9]+)\""));
		mvc.perform(post("/dues/roll/payments").with(admin).with(csrf()).param("memberIds", Long.toString(memberId))
			.param("month", month).param("method", "CASH").param("receiptNo", unique("集中收缴-")).param("paidOn", paidOn))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("notice", Matchers.containsString(month)))
			.andExpect(flash().attributeCount(1));
		assertThat(jdbc.sql("select state from dues_bill where member_id = ? and month = ?")
			.params(memberId, LocalDate.parse(month + "-01")).query(String.class).single()).isEqualTo("PAID");
	}

	private static String found(String page, String pattern) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(page);
		assertThat(m.find()).as(pattern).isTrue();
		return m.group(1);
	}

	@Test
	void theArrearsListAndMembersWithoutABaseReadInBatchesAreWhatOneReadingGives() {
		var teacher = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2020, 1, 1), MemberStatus.FULL);
		var late = student(LocalDate.of(2020, 9, 1));
		billed(late, now().minusMonths(4), now().minusMonths(3), now().minusMonths(2), now().minusMonths(1));
		Set<Long> school = access.organizations(admin(), orgId("SFDX"));
		List<DuesArrears.Arrears> whole = arrears.list(school, Integer.MAX_VALUE);
		assertThat(arrears.list(school, 7)).isEqualTo(whole);
		assertThat(whole).extracting(DuesArrears.Arrears::memberId).contains(late.id());
		List<MemberSummary> missing = bases.missing(school, now(), Integer.MAX_VALUE);
		assertThat(bases.missing(school, now(), 7)).isEqualTo(missing);
		assertThat(missing).extracting(MemberSummary::id).contains(teacher.id());
	}

	@Test
	void theArrearsWarningsReadInBatchesAreWhatOneReadingGives() {
		var late = student(LocalDate.of(2020, 9, 1));
		billed(late, now().minusMonths(4), now().minusMonths(3), now().minusMonths(2), now().minusMonths(1));
		Set<Long> school = access.organizations(admin(), orgId("SFDX"));
		var whole = warnings.raisedIn(school, now().atDay(1), Integer.MAX_VALUE);
		assertThat(warnings.raisedIn(school, now().atDay(1), 7)).containsExactlyInAnyOrderElementsOf(whole);
		assertThat(whole).extracting(r -> r.href()).contains("/dues/members/" + late.id());
	}

	@Test
	void theDailyJobsInBatchesSmallerThanTheMembershipTellWhatOneBatchTells() {
		person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2020, 1, 1), MemberStatus.FULL);
		var late = student(LocalDate.of(2020, 9, 1));
		billed(late, now().minusMonths(4), now().minusMonths(3), now().minusMonths(2), now().minusMonths(1));
		// the arrears warnings: the rows written and the members told, all at once and in batches of 7 members
		jdbc.sql("delete from dues_warning").update();
		int toldAtOnce = arrears.warn(Integer.MAX_VALUE);
		List<String> atOnce = warnings();
		jdbc.sql("delete from dues_warning").update();
		int toldInBatches = arrears.warn(7);
		assertThat(toldInBatches).isEqualTo(toldAtOnce).isPositive();
		assertThat(warnings()).isEqualTo(atOnce).anyMatch(w -> w.startsWith(late.id() + ":"));
		assertThat(arrears.warn(7)).isZero();
		// members without a base, named once
		jdbc.sql("delete from dues_no_base_notice").update();
		int namedAtOnce = bases.tellMissing(Integer.MAX_VALUE);
		List<Long> named = jdbc.sql("select member_id from dues_no_base_notice order by member_id").query(Long.class).list();
		jdbc.sql("delete from dues_no_base_notice").update();
		assertThat(bases.tellMissing(7)).isEqualTo(namedAtOnce).isPositive();
		assertThat(jdbc.sql("select member_id from dues_no_base_notice order by member_id").query(Long.class).list()).isEqualTo(named);
		assertThat(bases.tellMissing(7)).isZero();
	}

	@Test
	void theBasesWaitingAreNarrowedToTheScopeByTheOrganisationKeptAndCheckedAgainstTheMembers() {
		var kept = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2020, 1, 1), MemberStatus.FULL);
		var unknown = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2020, 1, 1), MemberStatus.FULL);
		var stale = person("SFDX-JSJ-01", Category.FACULTY, LocalDate.of(2020, 1, 1), MemberStatus.FULL);
		long otherSchool = orgId("SFXY");
		// kept where the member is; not kept (declared before the column); kept at another school (transferred since)
		waiting(kept, orgId("SFDX-JSJ-01"));
		waiting(unknown, null);
		waiting(stale, otherSchool);
		Set<Long> college = access.organizations(admin(), orgId("SFDX-JSJ"));
		Set<Long> school2 = Set.copyOf(jdbc.sql("select id from organization where path like (select path from organization where id = ?) || '%'")
			.param(otherSchool).query(Long.class).list());
		assertThat(waitingIds(college)).contains(kept.id(), unknown.id()).doesNotContain(stale.id());
		// the other school never sees a member of this one, whatever organisation is kept on the declaration
		assertThat(waitingIds(school2)).doesNotContain(kept.id(), unknown.id(), stale.id());
		assertThat(bases.pendingIn(college, 1000).count()).isEqualTo(waitingIds(college).size());
		// the roll page asks what waits, bases and reliefs, in one statement: what each asked alone answers
		jdbc.sql("""
				insert into dues_relief (member_id, from_month, to_month, amount, reason, state, proposed_by, proposed_at, organization_id)
				values (?, ?, ?, 0, '家庭困难', 'PENDING', 'test', now(), ?)""").params(kept.id(), now().atDay(1), now().atDay(1),
				orgId("SFDX-JSJ-01")).update();
		for (Set<Long> scope : java.util.Arrays.asList(college, school2, null)) {
			DuesRollPage.View view = rollPage.read(admin(), null, scope, now(), DuesRoll.Show.ALL, null, 5);
			assertThat(view.pending()).isEqualTo(bases.pendingIn(scope, DuesRollPage.AROUND_SHOWN));
			assertThat(view.reliefs()).isEqualTo(reliefs.pendingIn(scope, DuesRollPage.AROUND_SHOWN));
		}
		assertThat(rollPage.read(admin(), null, college, now(), DuesRoll.Show.ALL, null, 5).reliefs().first())
			.extracting(DuesReliefs.ReliefView::memberId).contains(kept.id());
		// the daily run keeps the organisation current: the stale one is now found where its member is
		bases.tellMissing();
		assertThat(jdbc.sql("select count(*) from dues_base where member_id = any(?) and organization_id = ?")
			.params(new Long[] { kept.id(), unknown.id(), stale.id() }, orgId("SFDX-JSJ-01")).query(Long.class).single()).isEqualTo(3);
		assertThat(waitingIds(college)).contains(kept.id(), unknown.id(), stale.id());
		assertThat(waitingIds(null)).contains(kept.id(), unknown.id(), stale.id());
		// the whole tree reads the page and the count only, and counts every member waiting
		var first = bases.pendingIn(null, 1);
		assertThat(first.first()).hasSize(1);
		assertThat(first.count()).isEqualTo(jdbc.sql("select count(distinct member_id) from dues_base where state = 'PENDING'")
			.query(Integer.class).single()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void theRollPageCountsItsScopesMembersWithoutABillWithTheNamesOfItsLinesThisMonthOnly() {
		Set<Long> college = access.organizations(admin(), orgId("SFDX-JSJ"));
		DuesRoll.RollTotals totals = roll.totals(now(), college);
		long expected = Math.max(0, members.countIn(college) - totals.billed() - totals.exempt());
		for (DuesRoll.Show show : List.of(DuesRoll.Show.ALL, DuesRoll.Show.PAID, DuesRoll.Show.ARREARS, DuesRoll.Show.NO_BILL)) {
			DuesRoll.Roll page = rollPage.read(admin(), null, college, now(), show, null, 5).roll();
			assertThat(page.unbilled()).as(show.name()).isEqualTo(expected).isEqualTo(roll.unbilled(college, totals));
			// the lines are named as the member module names them
			assertThat(page.lines()).allSatisfy(l -> assertThat(l.name()).isEqualTo(members.summary(l.memberId()).orElseThrow().name()));
		}
		assertThat(expected).as("the college has members without a bill this month").isPositive();
		assertThat(rollPage.read(admin(), null, college, now().minusMonths(1), DuesRoll.Show.ALL, null, 5).roll().unbilled())
			.as("another month: today's member counts say nothing of it").isZero();
		assertThat(rollPage.read(admin(), null, null, now(), DuesRoll.Show.ALL, null, 5).roll().unbilled()).as("the whole tree: not counted")
			.isZero();
		assertThat(roll.page(admin(), orgId("SFDX-JSJ"), now(), DuesRoll.Show.ALL, null, 5).unbilled()).as("the API's page").isZero();
	}

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void theRollsStatementIsPlannedInTheModeTheRollSaysAtAScopeAndAtTheRootForItsTransactionOnly() {
		var tx = new TransactionTemplate(transactionManager);
		Set<Long> college = access.organizations(admin(), orgId("SFDX-JSJ"));
		for (Set<Long> scope : java.util.Arrays.asList(college, null)) {
			for (DuesRoll.Show show : List.of(DuesRoll.Show.ALL, DuesRoll.Show.ARREARS)) {
				// set by the page's first statement at a scope (with what waits), by a statement of its own at the root
				String mode = tx.execute(status -> {
					rollPage.read(admin(), null, scope, now(), show, null, 5);
					return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
				});
				assertThat(mode).as(show + " at " + (scope == null ? "the root" : "a college")).isEqualTo(DuesRoll.planMode(show));
			}
		}
		assertThat(DuesRoll.planMode(DuesRoll.Show.ARREARS)).isEqualTo("force_custom_plan");
		assertThat(DuesRoll.planMode(DuesRoll.Show.UNPAID)).isEqualTo("force_generic_plan");
		assertThat(jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single())
			.as("local to the page's transaction").isEqualTo("auto");
	}

	private void waiting(DuesFixtures.Person person, Long organizationId) {
		jdbc.sql("""
				insert into dues_base (member_id, category, base, effective_from, state, declared_by, declared_at, organization_id)
				values (?, 'IN_SERVICE', 4500, ?, 'PENDING', 'test', now(), ?)""").params(person.id(), now().atDay(1), organizationId)
			.update();
	}

	private List<Long> waitingIds(Set<Long> organizations) {
		return bases.pendingIn(organizations, 100_000).first().stream().map(DuesBases.BaseView::memberId).toList();
	}

	private List<String> warnings() {
		return jdbc.sql("select member_id || ':' || threshold || ':' || run_start from dues_warning order by 1").query(String.class).list();
	}
}
