package cn.partybuilding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.platform.BackupCommand;

/**
 * Backup and restore time of a large database: the demo plus {@value #AUDIT} audit entries and {@value #RECORDS} 纪实
 * entries written straight into the tables, then {@code backup --to} and {@code restore --from} into a new folder (the
 * bench profile runs the JVM with -Xmx512m: both stream). Prints the figures. Run with {@code ./mvnw verify -Pbench}.
 */
@SpringBootTest(properties = "party.data-dir=target/bench-backup")
class BackupBenchmark extends PlatformTest {

	static final int AUDIT = 2_000_000;

	static final int RECORDS = 1_000_000;

	@TempDir
	Path temp;

	@Test
	void aLargeDatabaseBacksUpAndRestores() throws Exception {
		jdbc.sql("""
				insert into audit_event (occurred_at, actor, ip, action, entity_type, entity_id, summary, outcome)
				select now() - (g || ' seconds')::interval, 'bench' || (g % 1000), '10.0.' || (g % 250) || '.1', 'bench.action',
				       'member', (g % 50000)::text, '基准测试的审计摘要 ' || g, 'SUCCESS'
				from generate_series(1, ?) g""").param(AUDIT).update();
		jdbc.sql("""
				insert into record_entry (member_id, occurred_at, kind, title, detail, actor, source_type, source_id)
				select m.id, now() - (g || ' minutes')::interval, 'BENCH', '基准纪实 ' || g, '基准测试的纪实内容，用来量备份与恢复。', 'bench',
				       'bench', g::text
				from generate_series(1, ?) g
				join (select id, row_number() over (order by id) - 1 as n, count(*) over () as c from member) m
				  on m.n = g % m.c""").param(RECORDS).update();
		Path passphrase = Files.writeString(temp.resolve("passphrase"), "benchmark passphrase 2026");
		long rows = jdbc.sql("select sum(n_live_tup) from pg_stat_user_tables").query(Long.class).single();

		long started = System.nanoTime();
		int code = BackupCommand.parse(new String[] { "backup", "--to", temp.resolve("backup").toString(), "--passphrase-file",
				passphrase.toString(), "--party.data-dir=target/bench-backup" }).orElseThrow().run();
		double backup = (System.nanoTime() - started) / 1e9;
		assertThat(code).isZero();
		long bytes = Files.size(temp.resolve("backup/backup.enc"));

		started = System.nanoTime();
		code = BackupCommand.parse(new String[] { "restore", "--from", temp.resolve("backup").toString(), "--passphrase-file",
				passphrase.toString(), "--data-dir", temp.resolve("restored").toString() }).orElseThrow().run();
		double restore = (System.nanoTime() - started) / 1e9;
		assertThat(code).isZero();
		System.out.printf("%n== backup of about %,d rows: %.1f s, %.1f MB encrypted; restore into a new folder (initdb, "
				+ "migrations, checks, COPY): %.1f s ==%n", rows, backup, bytes / 1e6, restore);
	}
}
