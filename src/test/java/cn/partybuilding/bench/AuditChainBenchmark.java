package cn.partybuilding.bench;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit chain at scale: 1 000 000 entries written straight into the log, then sealed and checked through
 * {@code GET /api/v1/audit/verification} (the first call seals what waits, then checks; the second only checks).
 * Prints the figures; asserts nothing about time. Run with
 * {@code ./mvnw test -Pbench -Dtest=AuditChainBenchmark}.
 */
@SpringBootTest(properties = { "party.data-dir=target/bench-data", "party.audit.seal-millis=3600000" })
class AuditChainBenchmark extends PlatformTest {

	@Test
	void aMillionEntriesAreSealedAndChecked() throws Exception {
		long started = System.nanoTime();
		jdbc.sql("""
				insert into audit_event (occurred_at, actor, ip, action, entity_type, entity_id, summary, outcome)
				select now() - (n * interval '1 second'), 'bench' || (n % 500), '10.0.' || (n % 250) || '.' || (n % 200),
				       (array['login.success','member.update','member.reveal','dues.pay','access.denied'])[1 + n % 5],
				       'member', (n % 50000)::text, '基准条目 ' || n || '：修改了党员的联系电话和所在党支部', 'SUCCESS'
				from generate_series(1, 1000000) n""").update();
		jdbc.sql("analyze audit_event").update();
		long total = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
		System.out.printf("%n== audit chain: %d entries (1 000 000 written in %d s) ==%n", total,
				(System.nanoTime() - started) / 1_000_000_000);

		RequestPostProcessor auditor = login("auditor");
		long t0 = System.nanoTime();
		String first = mvc.perform(get("/api/v1/audit/verification").with(auditor))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(true))
			.andReturn().getResponse().getContentAsString();
		long sealAndCheck = (System.nanoTime() - t0) / 1_000_000;
		System.out.printf("seal everything waiting, then check: %d ms in all — %s%n", sealAndCheck, first);
		for (int i = 0; i < 3; i++) {
			long t1 = System.nanoTime();
			String again = mvc.perform(get("/api/v1/audit/verification").with(auditor))
				.andExpect(jsonPath("$.valid").value(true))
				.andReturn().getResponse().getContentAsString();
			System.out.printf("check only: %d ms — %s%n", (System.nanoTime() - t1) / 1_000_000, again);
		}
	}
}
