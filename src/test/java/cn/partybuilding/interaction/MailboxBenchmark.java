package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;

/**
 * The mailbox and the questions at a large school's volume: 200 000 letters (a tenth waiting, some overdue, a few
 * anonymous) and 100 000 questions with 200 000 answers spread over every branch, general branch and the committee
 * of the demo university, written straight into the tables. Then times, as the pages call them, the handler's list
 * (a branch secretary, a college administrator), a member's own letters, the 待办 query, the escalation sweep, the
 * question list of a member (all, unanswered, a word search) and a question with its answers; prints the median and
 * the max of {@code -Dbench.runs} runs (default 30). Removes its rows at the end (the demo's stay). Run with
 * {@code ./mvnw -o test -Pbench -Dtest=MailboxBenchmark}.
 */
class MailboxBenchmark extends PlatformTest {

	@Autowired
	Letters letters;

	@Autowired
	QuestionThreads questions;

	@Autowired
	MailboxToDos toDos;

	@Autowired
	AccountManagement accounts;

	@Test
	void listsStayFastAtAHundredThousands() {
		int runs = Integer.getInteger("bench.runs", 30);
		long started = System.nanoTime();
		jdbc.sql("""
				insert into interaction_letter (id, addressed_to, organization_id, origin_branch_id, writer_account_id, writer_name,
				    anonymous, code_hash, subject, body, state, written_on, written_at, waiting_since, escalation_done)
				select 9000000000000 + g, 'BRANCH', o.id, case when g % 50 = 0 then null else o.id end,
				    case when g % 50 = 0 then null else 100000 + g % 5000 end, case when g % 50 = 0 then null else 'BENCH' end,
				    g % 50 = 0, case when g % 50 = 0 then md5('bench' || g) || md5('x' || g) end,
				    'BENCH 来信 ' || g, '内容 ' || g,
				    case when g % 10 = 0 then 'WAITING' when g % 3 = 0 then 'CLOSED' else 'ANSWERED' end,
				    (now() - (g % 400) * interval '1 day')::date, case when g % 50 = 0 then null else now() - (g % 400) * interval '1 day' end,
				    now() - (g % 400) * interval '1 day', g % 20 = 0
				from generate_series(1, 200000) g,
				    (select array_agg(id order by id) ids from organization where type in ('BRANCH', 'GENERAL_BRANCH', 'COMMITTEE')) orgs,
				    lateral (select orgs.ids[1 + g % array_length(orgs.ids, 1)] id) o""")
			.update();
		jdbc.sql("""
				insert into interaction_question (organization_id, asker_account_id, asker_name, title, body, state, answer_count,
				    created_at)
				select o.id, 100000 + g % 5000, 'BENCH', 'BENCH 问题 ' || g || case when g % 97 = 0 then ' 党费' else '' end,
				    '详细说明 ' || g, case when g % 100 = 0 then 'HELD' else 'OPEN' end, g % 3, now() - (g % 700) * interval '1 hour'
				from generate_series(1, 100000) g,
				    (select array_agg(id order by id) ids from organization where type in ('BRANCH', 'GENERAL_BRANCH', 'COMMITTEE')) orgs,
				    lateral (select orgs.ids[1 + g % array_length(orgs.ids, 1)] id) o""")
			.update();
		jdbc.sql("""
				insert into interaction_answer (question_id, author_account_id, author_name, body, state, created_at)
				select q.id, 1, 'BENCH', '回答', 'OPEN', q.created_at from interaction_question q, generate_series(1, 2)
				where q.asker_name = 'BENCH'""").update();
		jdbc.sql("analyze interaction_letter").update();
		jdbc.sql("analyze interaction_question").update();
		jdbc.sql("analyze interaction_answer").update();
		System.out.printf("MailboxBenchmark: 200 000 letters, 100 000 questions, 200 000 answers written in %d ms%n",
				(System.nanoTime() - started) / 1_000_000);
		try {
			Caller branch = accounts.callerFor("branch1");
			Caller college = accounts.callerFor("college1");
			Caller member = accounts.callerFor("member1");
			Caller admin = accounts.callerFor("admin");
			long question = jdbc.sql("select max(id) from interaction_question where asker_name = 'BENCH' and state = 'OPEN'")
				.query(Long.class).single();
			measure("branch secretary's waiting letters, page 1", runs,
					() -> letters.list(branch, "handling", Letters.State.WAITING, 0).totalElements());
			measure("college administrator's letters, all states, page 5", runs,
					() -> letters.list(college, "handling", null, 5).totalElements());
			measure("committee administrator's letters, page 1", runs, () -> letters.list(admin, "handling", null, 0).totalElements());
			measure("a member's own letters", runs, () -> letters.list(member, "mine", null, 0).totalElements());
			measure("the handler's 待办 (college administrator)", runs, () -> (long) toDos.dueFor(college).size());
			measure("the handler's spreadsheet rows (committee, up to 5 000)", Math.max(3, runs / 5),
					() -> (long) letters.handledLines(admin, null, LetterSheet.MAX_ROWS).size());
			measure("a member's questions, page 1", runs,
					() -> questions.list(member, new QuestionThreads.Filter(null, false, false, null), 0).totalElements());
			measure("a member's unanswered questions", runs,
					() -> questions.list(member, new QuestionThreads.Filter(null, true, false, null), 0).totalElements());
			measure("a member's word search (党费)", runs,
					() -> questions.list(member, new QuestionThreads.Filter("党费", false, false, null), 0).totalElements());
			measure("the committee administrator's questions, page 1", runs,
					() -> questions.list(admin, new QuestionThreads.Filter(null, false, false, null), 0).totalElements());
			measure("a question with its answers", runs, () -> (long) questions.find(admin, question).answers().size());
			measure("letters due for escalation (the sweep's count)", Math.max(3, runs / 5),
					() -> (long) jdbc.sql("select count(*) from interaction_letter where state = 'WAITING' and not escalation_done and waiting_since <= ?")
						.param(java.sql.Timestamp.from(Instant.now().minusSeconds(86400L * 7))).query(Long.class).single());
			List<String> plan = jdbc.sql("explain select id from interaction_letter where organization_id in (?) and state = 'WAITING' order by waiting_since desc limit 20")
				.param(orgId("SFDX-JSJ-01")).query(String.class).list();
			System.out.println("MailboxBenchmark: plan of the branch's waiting letters: " + String.join(" | ", plan));
			assertThat(String.join(" ", plan)).contains("interaction_letter_org_idx");
		}
		finally {
			jdbc.sql("delete from interaction_answer where author_name = 'BENCH'").update();
			jdbc.sql("delete from interaction_question where asker_name = 'BENCH'").update();
			jdbc.sql("delete from interaction_letter where id between 9000000000001 and 9000000200000").update();
		}
	}

	private static void measure(String what, int runs, Supplier<Long> call) {
		for (int i = 0; i < 3; i++) {
			call.get();
		}
		long[] times = new long[runs];
		long result = 0;
		for (int i = 0; i < runs; i++) {
			long t = System.nanoTime();
			result = call.get();
			times[i] = System.nanoTime() - t;
		}
		Arrays.sort(times);
		System.out.printf("MailboxBenchmark: %-58s median %6.1f ms, max %6.1f ms (result %d)%n", what,
				times[runs / 2] / 1e6, times[runs - 1] / 1e6, result);
	}
}
