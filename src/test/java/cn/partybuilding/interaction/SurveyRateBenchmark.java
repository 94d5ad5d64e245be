package cn.partybuilding.interaction;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.bench.ScalePeople;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;

/**
 * The anonymous survey's answer rate per branch at 50 000 members (issue 19: at most 300 ms): a school-wide anonymous
 * survey that about 60% of the school has answered (the voter rows written in bulk, beside three earlier surveys' as many), then the rate per organisation
 * read 20 times as its page reads it. Prints the median, p95 and worst time, and the plan of the voter count. Asserts
 * nothing about time. {@code ./mvnw -o test -Pbench -Dtest=SurveyRateBenchmark}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-data")
class SurveyRateBenchmark extends PlatformTest {

	@Autowired
	Surveys surveys;

	@Autowired
	SurveyResults results;

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	@Autowired
	Clock clock;

	@Test
	void answerRatePerBranchAtFiftyThousandMembers() {
		long people = ScalePeople.atLeast(50_000, jdbc, members, clock);
		Caller admin = accounts.callerFor("admin");
		long root = jdbc.sql("select id from organization where parent_id is null and dissolved_at is null order by id limit 1")
			.query(Long.class).single();
		long id = surveys.create(admin, new Surveys.NewSurvey(root, "基准：全校匿名问卷", null, true,
				Instant.now().minus(1, ChronoUnit.HOURS).toString(), Instant.now().plus(1, ChronoUnit.DAYS).toString(),
				new Surveys.AudienceRequest("SCHOOL"),
				List.of(new Surveys.QuestionRequest("RATING", "满意度", List.of(), true)), false));
		Surveys.Survey survey = surveys.load(id).orElseThrow();
		long t0 = System.nanoTime();
		int answered = jdbc.sql("""
				insert into interaction_ballot_voter (box_id, account_id, org_id)
				select ?, account_id, organization_id from member
				where account_id is not null and departed_on is null and random() < 0.6""").param(survey.boxId()).update();
		// the school's earlier surveys: three more boxes as full, so the count reads its own box by the index
		List<Long> others = new ArrayList<>();
		for (int b = 0; b < 3; b++) {
			long other = jdbc.sql("insert into interaction_ballot_box (purpose, reference, batch_size) values ('bench', ?, 10) returning id")
				.param(java.util.UUID.randomUUID().toString()).query(Long.class).single();
			others.add(other);
			jdbc.sql("""
					insert into interaction_ballot_voter (box_id, account_id, org_id)
					select ?, account_id, organization_id from member
					where account_id is not null and departed_on is null and random() < 0.6""").param(other).update();
		}
		jdbc.sql("analyze interaction_ballot_voter").update();
		System.out.printf("%n[survey-rate] %d members; %d voter rows written in %d ms%n", people, answered,
				(System.nanoTime() - t0) / 1_000_000);

		List<Long> times = new ArrayList<>();
		SurveyResults.Rates rates = null;
		for (int i = 0; i < 23; i++) {
			long start = System.nanoTime();
			rates = results.rates(survey);
			long took = (System.nanoTime() - start) / 1_000;
			if (i >= 3) {
				times.add(took);
			}
		}
		Collections.sort(times);
		System.out.printf("[survey-rate] answer rate of %d organisations (%d of %d answered, %s%%): median %.1f ms, "
				+ "p95 %.1f ms, worst %.1f ms over %d reads%n", rates.organizations().size(), rates.answered(),
				rates.audience(), rates.rate(), times.get(times.size() / 2) / 1000.0,
				times.get((int) (times.size() * 0.95)) / 1000.0, times.get(times.size() - 1) / 1000.0, times.size());
		System.out.println("[survey-rate] plan of the voters per organisation:");
		jdbc.sql("""
				explain (analyze, buffers) select org_id, count(*) from interaction_ballot_voter
				where box_id = ? and org_id is not null group by org_id""").param(survey.boxId()).query(String.class)
			.list().forEach(line -> System.out.println("    " + line));
		jdbc.sql("delete from interaction_ballot_voter where box_id = ?").param(survey.boxId()).update();
		for (long other : others) {
			jdbc.sql("delete from interaction_ballot_voter where box_id = ?").param(other).update();
			jdbc.sql("delete from interaction_ballot_box where id = ?").param(other).update();
		}
	}
}
