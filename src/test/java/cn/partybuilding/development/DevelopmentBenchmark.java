package cn.partybuilding.development;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.demo.DemoMembers;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;

/**
 * 发展党员 at scale: 50 000 people in the member database and 20 000 people on their way with their steps, then
 * the pipeline (a branch, the whole school, a stage) and the funnel (the school, a college) server side through
 * MockMvc, with the plans of the two queries. Prints p50/p95; asserts nothing about time. {@code ./mvnw verify
 * -Pbench}.
 * <p>
 * The 20 000 files are written in bulk (a documented generator path, like the member generator's): each file is
 * dated forward from its application and every step is checked by {@link DevelopmentPath} — the rules' own class —
 * before it is written, so the histories obey the regulation; the file stops where time or chance stops it. Only
 * the files are written: nobody admitted here gets a member row or an account (neither list reads them).
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class DevelopmentBenchmark extends PlatformTest {

	static final int PEOPLE = 50_000;

	static final int APPLICANTS = 20_000;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	@Autowired
	DevelopmentRules rules;

	@Autowired
	Clock clock;

	@Autowired
	DataSource dataSource;

	record Branch(long id, String name, long parentId) {
	}

	@Test
	void twentyThousandPeopleOnTheirWay() throws Exception {
		List<Branch> branches = jdbc.sql("select id, name, parent_id from organization where type = 'BRANCH' and code like 'SFDX-%' and dissolved_at is null order by id")
			.query(Branch.class).list();
		LocalDate today = LocalDate.now(clock);
		long people = jdbc.sql("select count(*) from member").query(Long.class).single();
		if (people < PEOPLE) {
			DemoMembers generator = DemoMembers.forScale(14);
			String encoded = accounts.encode(DEMO_PASSWORD);
			List<MemberForm> chunk = new ArrayList<>();
			for (long i = people; i < PEOPLE; i++) {
				Branch b = branches.get((int) (i % branches.size()));
				chunk.add(generator.next(b.id(), b.name(), today));
				if (chunk.size() == 5000 || i == PEOPLE - 1) {
					members.registerInBulk(chunk, "基准测试数据", encoded);
					chunk.clear();
				}
			}
		}
		long before = jdbc.sql("select count(*) from applicant where staff_number like 'D%'").query(Long.class).single();
		long started = System.nanoTime();
		if (before < APPLICANTS) {
			generate(branches, today);
		}
		// as autovacuum would have by then: statistics, and the visibility map for index-only scans
		jdbc.sql("vacuum analyze applicant").update();
		jdbc.sql("vacuum analyze development_step").update();
		System.out.printf("%n== 发展党员: %d members, %d people on their way, %d steps (written in %d s) ==%n",
				jdbc.sql("select count(*) from member").query(Long.class).single(),
				jdbc.sql("select count(*) from applicant").query(Long.class).single(),
				jdbc.sql("select count(*) from development_step").query(Long.class).single(),
				(System.nanoTime() - started) / 1_000_000_000);
		jdbc.sql("select stage, count(*) from applicant group by stage order by stage").query((rs, n) -> rs.getString(1) + " "
				+ rs.getLong(2)).list().forEach(line -> System.out.println("  " + line));

		RequestPostProcessor admin = login("admin");
		long branch = orgId("SFDX-JSJ-03");
		long college = orgId("SFDX-JSJ");
		int year = today.getYear();
		List<Double> all = new ArrayList<>();
		all.addAll(measure("pipeline: a branch", admin, "/api/v1/development/people?orgId=" + branch));
		all.addAll(measure("pipeline: the whole school", admin, "/api/v1/development/people"));
		all.addAll(measure("pipeline: the school, stage ACTIVIST", admin, "/api/v1/development/people?stage=ACTIVIST"));
		all.addAll(measure("pipeline: a college, stage CANDIDATE, page 3", admin,
				"/api/v1/development/people?orgId=" + college + "&stage=CANDIDATE&page=3"));
		all.addAll(measure("pipeline: the school, name 王", admin, "/api/v1/development/people?q=%E7%8E%8B"));
		all.addAll(measure("funnel: the school, " + year, admin, "/api/v1/development/funnel?year=" + year));
		all.addAll(measure("funnel: the school, " + (year - 1), admin, "/api/v1/development/funnel?year=" + (year - 1)));
		all.addAll(measure("funnel: a college, " + year, admin, "/api/v1/development/funnel?orgId=" + college + "&year=" + year));
		System.out.printf("development p95 over all: %.1f ms%n", percentile(all, 95));

		String school = "(select id from organization where path like (select path || '%' from organization where code = 'SFDX'))";
		explain("select a.* from applicant a where a.organization_id in " + school
				+ " order by a.organization_id, a.next_step, a.applied_on, a.id limit 20");
		explain("select count(*) from applicant a where a.organization_id in " + school + " and a.stage = 'ACTIVIST'");
		explain("""
				select organization_id, step, count(*) as n from development_step
				where decision = 'APPROVED' and step in (1, 3, 7, 17, 24) and done_on >= date '%d-01-01' and done_on < date '%d-01-01'
				  and organization_id in %s and not cancelled and (step <> 24 or extension_months is null)
				group by organization_id, step""".formatted(year, year + 1, school));
	}

	/** The files, dated forward from the application; each step checked by the rules before it is written. */
	private void generate(List<Branch> branches, LocalDate today) {
		record Full(long organizationId, long id) {
		}
		var full = new java.util.HashMap<Long, List<Long>>();
		jdbc.sql("select organization_id, id from member where status = 'FULL' and departed_on is null order by id")
			.query(Full.class).list().forEach(f -> full.computeIfAbsent(f.organizationId(), k -> new ArrayList<>()).add(f.id()));
		DemoMembers generator = DemoMembers.forScale(2026);
		Random random = new Random(20_000);
		List<Object[]> files = new ArrayList<>();
		List<Object[]> steps = new ArrayList<>();
		long nextId = jdbc.sql("select coalesce(max(id), 0) + 1 from applicant").query(Long.class).single();
		for (int i = 0; i < APPLICANTS; i++) {
			Branch b = branches.get(i % branches.size());
			List<Long> fullHere = full.getOrDefault(b.id(), List.of());
			MemberForm person = generator.next(b.id(), b.name(), today);
			LocalDate day = today.minusDays(random.nextInt(1300));
			if (day.isBefore(person.birthDate().plusYears(18))) {
				day = person.birthDate().plusYears(18).plusDays(random.nextInt(30));
			}
			long id = nextId++;
			List<DevelopmentPath.Recorded> done = new ArrayList<>();
			for (int n = 1; n <= 25 && fullHere.size() >= 3; n++) {
				Step step = Step.numbered(n);
				DevelopmentPath path = new DevelopmentPath(person.birthDate(), done, rules);
				LocalDate date = n == 1 ? day : day.plusDays(switch (n) {
					case 2 -> 5 + random.nextInt(20);
					case 3 -> 60 + random.nextInt(90);
					case 6 -> 150 + random.nextInt(40);
					case 17, 24 -> 10 + random.nextInt(30);
					case 21 -> 90 + random.nextInt(100);
					default -> 2 + random.nextInt(10);
				});
				if (path.possibleFrom() != null && date.isBefore(path.possibleFrom())) {
					date = path.possibleFrom().plusDays(random.nextInt(20));
				}
				if (date.isAfter(today) || n > 1 && random.nextInt(100) < 4) {
					break; // time, or the person, stops here
				}
				int expected = fullHere.size();
				int pick = random.nextInt(fullHere.size());
				List<DevelopmentPath.Nominee> named = n == 5 ? List.of(nominee(fullHere.get(pick)))
						: n == 9 ? List.of(nominee(fullHere.get(pick)), nominee(fullHere.get((pick + 1) % expected))) : null;
				BranchVote vote = n == 15 || n == 23 ? new BranchVote(expected, expected - 1, expected - 1, 0, 0, 1, 0) : null;
				var request = new DevelopmentPath.Request(step, date, DevelopmentPath.Decision.APPROVED, null,
						n == 3 ? "党员推荐" : "基准测试数据", named, null, n == 11 ? 24 : null, vote, null, null);
				var refusal = path.check(request, today);
				if (refusal.isPresent()) {
					throw new IllegalStateException("generated step refused: " + refusal.get().rule() + " " + request);
				}
				done.add(new DevelopmentPath.Recorded(step, date, DevelopmentPath.Decision.APPROVED, 0, null));
				steps.add(new Object[] { id, n, Date.valueOf(date), request.note(),
						named == null ? null : named.stream().map(DevelopmentPath.Nominee::memberId).toArray(Long[]::new),
						request.hours(), vote == null ? null : vote.expected(), vote == null ? null : vote.present(),
						vote == null ? null : vote.yes(), vote == null ? null : vote.writtenYes(), b.id() });
				day = date;
			}
			DevelopmentPath path = new DevelopmentPath(person.birthDate(), done, rules);
			LocalDate since = done.get(0).date();
			for (int k = 1; k < done.size(); k++) {
				if (done.get(k).step().reached() != done.get(k - 1).step().reached()) {
					since = done.get(k).date();
				}
			}
			files.add(new Object[] { id, person.name(), person.gender().name(), Date.valueOf(person.birthDate()),
					"D" + String.format("%06d", i), person.category().name(), b.id(), Date.valueOf(done.get(0).date()),
					path.stage().name(), Date.valueOf(since), person.ethnicity(),
					person.education().name(), path.next() == null ? null : path.next().number(),
					path.possibleFrom() == null ? null : Date.valueOf(path.possibleFrom()) });
		}
		var template = new JdbcTemplate(dataSource);
		for (int i = 0; i < files.size(); i += 2000) {
			template.batchUpdate("""
					insert into applicant (id, name, gender, birth_date, staff_number, category, organization_id, applied_on,
					  stage, stage_since, ethnicity, education, next_step, next_possible)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", files.subList(i, Math.min(files.size(), i + 2000)));
		}
		jdbc.sql("select setval('applicant_id_seq', (select max(id) from applicant))").query(Long.class).single();
		for (int i = 0; i < steps.size(); i += 5000) {
			template.batchUpdate("""
					insert into development_step (applicant_id, step, done_on, decision, note, people, hours, expected, present,
					  yes, written_yes, organization_id, actor)
					values (?, ?, ?, 'APPROVED', ?, ?, ?, ?, ?, ?, ?, ?, 'bench')""", steps.subList(i, Math.min(steps.size(), i + 5000)));
		}
	}

	private static DevelopmentPath.Nominee nominee(long id) {
		return new DevelopmentPath.Nominee(id, true, false);
	}

	List<Double> measure(String what, RequestPostProcessor who, String url) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 35; i++) {
			long t = System.nanoTime();
			mvc.perform(get(url).with(who)).andExpect(status().isOk());
			if (i >= 5) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-48s p50 %7.1f ms   p95 %7.1f ms%n", what, percentile(times, 50),
				percentile(times, 95));
		return times;
	}

	static double percentile(List<Double> values, int p) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
	}

	void explain(String sql) {
		System.out.println("\nEXPLAIN ANALYZE " + sql.strip().replaceAll("\\s+", " "));
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(line -> System.out.println("  " + line));
	}
}
