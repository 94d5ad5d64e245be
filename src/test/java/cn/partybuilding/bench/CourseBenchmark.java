package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.learning.CourseOnFile;
import cn.partybuilding.learning.LearningRecords;
import cn.partybuilding.member.MemberDirectory;

/**
 * A course's progress table with 5 000 people enrolled among 50 000 members (issue 16: at most 300 ms): a course of
 * five chapters, its people falling away chapter by chapter; the committee's progress (the funnel and a page of 50
 * people), a college's, the owner's HTML page and the Excel of everyone, with the plans of the queries. Prints the
 * figures; asserts nothing about time. {@code ./mvnw test -Pbench -Dtest=CourseBenchmark}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class CourseBenchmark extends PlatformTest {

	private static final int ENROLLED = 5_000;

	@Autowired
	MemberDirectory members;

	@Autowired
	LearningRecords learning;

	@Autowired
	cn.partybuilding.account.AccountManagement accounts;

	@Autowired
	Clock clock;

	@Test
	void theProgressOfACourseWithFiveThousandPeople() throws Exception {
		long people = ScalePeople.atLeast(50_000, jdbc, members, clock);
		List<Long> articles = jdbc.sql("""
				select id from learning_material where kind = 'ARTICLE' and whole_school and withdrawn_at is null order by id limit 5""")
			.query(Long.class).list();
		List<CourseOnFile.Chapter> chapters = new ArrayList<>();
		for (int i = 0; i < articles.size(); i++) {
			chapters.add(new CourseOnFile.Chapter("第" + (i + 1) + "章", List.of(articles.get(i)), "READ_MINUTES", 1));
		}
		long t = System.nanoTime();
		long course = learning.publish(accounts.callerFor("admin"), new CourseOnFile("基准测试课程 " + System.nanoTime(), null,
				orgId("SFDX"), true, List.of("基准"), chapters));
		List<Long> chapterIds = jdbc.sql("select id from learning_chapter where course_id = ? order by position").param(course)
			.query(Long.class).list();
		// 5 000 people across the school; of them 85% finish chapter 1, then each chapter keeps 80% of the one before
		jdbc.sql("""
				insert into learning_enrolment (course_id, account_id, member_id, organization_id, enrolled_at)
				select ?, m.account_id, m.id, m.organization_id, now() - interval '10 days'
				from member m where m.account_id is not null and m.departed_on is null order by (m.id * 7919) % 50021 limit ?""")
			.params(course, ENROLLED).update();
		for (int i = 0; i < chapterIds.size(); i++) {
			int keep = (int) Math.round(85 * Math.pow(0.8, i));
			jdbc.sql("""
					insert into learning_chapter_done (chapter_id, account_id, course_id, done_at)
					select ?, account_id, course_id, now() - interval '5 days' from learning_enrolment
					where course_id = ? and (account_id * 31) % 100 < ?""").params(chapterIds.get(i), course, keep).update();
		}
		jdbc.sql("""
				update learning_enrolment e set completed_at = now() - interval '1 day' where course_id = ?
				and (select count(*) from learning_chapter_done d where d.course_id = e.course_id and d.account_id = e.account_id) = ?""")
			.params(course, chapterIds.size()).update();
		jdbc.sql("vacuum (analyze) learning_enrolment").update();
		jdbc.sql("vacuum (analyze) learning_chapter_done").update();
		System.out.printf("%n== course progress: %d members, %d enrolled, %d chapters, set up in %.1f s ==%n", people,
				ENROLLED, chapterIds.size(), (System.nanoTime() - t) / 1e9);
		RequestPostProcessor admin = login("admin");
		measure("committee: funnel + 50 people", admin, "/api/v1/learning/courses/" + course + "/progress");
		measure("committee: in progress only", admin, "/api/v1/learning/courses/" + course + "/progress?state=IN_PROGRESS");
		measure("a college", admin, "/api/v1/learning/courses/" + course + "/progress?orgId=" + orgId("SFDX-JSJ"));
		measure("the owner's page (HTML)", admin, "/learning/courses/" + course);
		measure("Excel of all 5 000", admin, "/learning/courses/" + course + "/progress.xlsx");
		explain("select e.account_id, e.enrolled_at, e.due_on, e.completed_at, (select count(*) from learning_chapter_done d "
				+ "where d.course_id = e.course_id and d.account_id = e.account_id) from learning_enrolment e where e.course_id = " + course);
		explain("select d.chapter_id, count(*) from learning_chapter_done d where d.course_id = " + course
				+ " group by d.chapter_id");
	}

	void measure(String what, RequestPostProcessor who, String url) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 35; i++) {
			long t = System.nanoTime();
			mvc.perform(get(url).with(who)).andExpect(status().isOk());
			if (i >= 5) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-32s p50 %7.1f ms   p95 %7.1f ms   (30 calls)%n", what, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95));
	}

	void explain(String sql) {
		System.out.println("\nEXPLAIN (ANALYZE, BUFFERS) " + sql);
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(line -> System.out.println("  " + line));
	}

}
