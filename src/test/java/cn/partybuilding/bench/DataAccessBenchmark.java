package cn.partybuilding.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PersonalDataSeen;

/**
 * 谁查看了我的数据 at scale: what recording an export of 50 000 members costs (one row with the id array, GIN-indexed),
 * and what a member's look-up costs once 200 such exports and 20 000 single reveals are kept. The member ids are
 * made up (the table refers to members by id only). Prints p50/max; asserts nothing about time. Run with
 * {@code ./mvnw test -Pbench -Dtest=DataAccessBenchmark}. Its rows are deleted at the end.
 */
class DataAccessBenchmark extends PlatformTest {

	private static final String MARK = "bench-data-access";

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	record Seen(Kind kind, Collection<Long> memberIds, String reason) implements PersonalDataSeen {
	}

	@Test
	void recordingAnExportOf50000MembersAndLookingUpOnesAccess() {
		List<Long> ids = LongStream.rangeClosed(900_000_001L, 900_050_000L).boxed().toList();
		List<Long> times = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				long start = System.nanoTime();
				transactions.executeWithoutResult(s -> events.publishEvent(new Seen(PersonalDataSeen.Kind.EXPORT, ids, MARK)));
				times.add((System.nanoTime() - start) / 1_000);
			}
			print("record an export of 50 000 members (µs)", times);
			long start = System.nanoTime();
			jdbc.sql("""
					insert into privacy_data_access (kind, member_ids, reason)
					select 'REVEAL', array[900000001 + (g % 50000)]::bigint[], ? from generate_series(1, 20000) g""")
				.param(MARK).update();
			System.out.printf("BENCH 20 000 single reveals inserted in %d ms%n", (System.nanoTime() - start) / 1_000_000);
			jdbc.sql("analyze privacy_data_access").update();
			times.clear();
			for (int i = 0; i < 50; i++) {
				long member = 900_000_001L + (i * 997L) % 50_000;
				start = System.nanoTime();
				jdbc.sql("""
						select occurred_at, kind, role, organization_name, actor_name, reason from privacy_data_access
						where member_ids @> array[?]::bigint[] order by occurred_at desc, id desc limit 500""")
					.param(member).query().listOfRows();
				times.add((System.nanoTime() - start) / 1_000);
			}
			print("one member's access list, 200 exports + 20 000 reveals kept (µs)", times);
			jdbc.sql("explain select id from privacy_data_access where member_ids @> array[900012345]::bigint[]")
				.query(String.class).list().forEach(line -> System.out.println("BENCH plan: " + line));
			System.out.println("BENCH table size: " + jdbc.sql("select pg_size_pretty(pg_total_relation_size('privacy_data_access'))")
				.query(String.class).single());
		}
		finally {
			jdbc.sql("delete from privacy_data_access where reason = ?").param(MARK).update();
		}
	}

	private static void print(String what, List<Long> micros) {
		List<Long> sorted = micros.stream().sorted().toList();
		System.out.printf("BENCH %s: n=%d p50=%d max=%d%n", what, sorted.size(), sorted.get(sorted.size() / 2),
				sorted.get(sorted.size() - 1));
	}
}
