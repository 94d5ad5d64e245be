package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import cn.partybuilding.PartyBuildingApplication;
import cn.partybuilding.PlatformTest;
import cn.partybuilding.member.MemberDirectory;

/**
 * {@code backup --to} and {@code restore --from} on the test database with the demo: the backup restores into a new data
 * folder, the platform started there holds the same members (their ID-card numbers readable: the key came along), the
 * same 纪实 entries and audit rows, and does not load the demo again; a wrong passphrase and an altered backup are
 * refused before anything is written.
 */
class BackupRestoreTest extends PlatformTest {

	@TempDir
	Path temp;

	@Autowired
	MemberDirectory members;

	record Result(int code, String out, String err) {
	}

	static Result run(Object... args) {
		String[] strings = Stream.of(args).map(String::valueOf).toArray(String[]::new);
		var out = new ByteArrayOutputStream();
		var err = new ByteArrayOutputStream();
		int code = BackupCommand.parse(strings).orElseThrow()
			.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void theDemoRestoresIntoANewDataFolderAndThePlatformStartedThereShowsTheSameData() throws Exception {
		Path passphrase = Files.writeString(temp.resolve("passphrase"), "correct horse battery staple\n");
		Path backup = temp.resolve("backup");
		Result written = run("backup", "--to", backup, "--passphrase-file", passphrase);
		assertThat(written.code()).as(written.err()).isZero();
		System.out.println(written.out());
		BackupManifest manifest = BackupManifest.read(backup);
		assertThat(manifest.keyFiles()).contains("data.key");
		assertThat(manifest.tables()).extracting(BackupManifest.Table::name).contains("member", "record_entry", "audit_event")
			.doesNotContain("spring_session", "flyway_schema_history");
		assertThat(Files.readString(backup.resolve(BackupManifest.CONTENT), StandardCharsets.ISO_8859_1))
			.as("not even the names of the entries are readable").doesNotContain("db/member", "keys/data.key");

		Path restored = temp.resolve("restored");
		Result done = run("restore", "--from", backup, "--passphrase-file", passphrase, "--data-dir", restored);
		assertThat(done.code()).as(done.err()).isZero();
		System.out.println(done.out());
		assertThat(restored.resolve("keys/data.key")).hasSameBinaryContentAs(Path.of("target/test-data/keys/data.key"));

		Result again = run("restore", "--from", backup, "--passphrase-file", passphrase, "--data-dir", restored);
		assertThat(again.code()).isEqualTo(2);
		assertThat(again.err()).contains("already holds keys");

		long memberId = jdbc.sql("select min(id) from member where id_card_encrypted is not null").query(Long.class).single();
		try (var app = new SpringApplicationBuilder(PartyBuildingApplication.class).run("--party.data-dir=" + restored,
				"--party.embedded.clean-on-start=false", "--server.port=0")) {
			JdbcClient there = app.getBean(JdbcClient.class);
			for (String table : List.of("organization", "member", "record_entry")) {
				assertThat(count(there, table)).as(table + " holds the backup's rows, the demo was not loaded again")
					.isEqualTo(rows(manifest, table));
				assertThat(digest(there, table, "t::text", rows(manifest, table)))
					.as(table).isEqualTo(digest(jdbc, table, "t::text", rows(manifest, table)));
			}
			// the audit rows as they were written (the columns a later sealing or counting does not touch)
			String audit = "concat_ws('|', t.id, t.occurred_at, t.actor, t.ip, t.action, t.entity_type, t.entity_id, t.summary, t.outcome)";
			assertThat(digest(there, "audit_event", audit, rows(manifest, "audit_event")))
				.isEqualTo(digest(jdbc, "audit_event", audit, rows(manifest, "audit_event")));
			assertThat(app.getBean(MemberDirectory.class).particulars(memberId).orElseThrow().idCard())
				.as("the restored data key reads the ID-card numbers").isEqualTo(members.particulars(memberId).orElseThrow().idCard());
			long max = there.sql("select max(id) from member").query(Long.class).single();
			assertThat(there.sql("select nextval(pg_get_serial_sequence('member', 'id'))").query(Long.class).single())
				.as("sequences continue after the restored rows").isGreaterThan(max);
			String verification = asAuditor(app.getEnvironment().getProperty("local.server.port"), "/api/v1/audit/verification");
			assertThat(verification).as("the audit chain of the restored platform, checked by its auditor over HTTP")
				.contains("\"valid\":true").contains("\"firstBroken\":null").doesNotContain("\"checked\":0,");
		}
	}

	/** Signs in as the demo's auditor through the real form of the platform on {@code port} and GETs {@code path}. */
	private static String asAuditor(String port, String path) throws Exception {
		var http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String base = "http://localhost:" + port;
		String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
		assertThat(csrf.find()).as("the sign-in form carries its CSRF token").isTrue();
		String body = "username=auditor&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.discarding());
		var answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").build(),
				BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer.body();
	}

	@Test
	void aWrongPassphraseAndAnAlteredBackupAreRefusedAndWriteNothing() throws Exception {
		Path passphrase = Files.writeString(temp.resolve("passphrase"), "another long passphrase 2026");
		Path backup = temp.resolve("backup");
		assertThat(run("backup", "--to", backup, "--passphrase-file", passphrase).code()).isZero();
		Path target = temp.resolve("target");

		Path wrong = Files.writeString(temp.resolve("wrong"), "not the passphrase at all");
		Result refused = run("restore", "--from", backup, "--passphrase-file", wrong, "--data-dir", target);
		assertThat(refused.code()).isEqualTo(2);
		assertThat(refused.err()).contains("Wrong passphrase");
		assertThat(target).doesNotExist();

		Path altered = copy(backup, temp.resolve("altered"));
		try (var file = Files.newByteChannel(altered.resolve(BackupManifest.CONTENT), StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			var one = java.nio.ByteBuffer.allocate(1);
			file.position(file.size() / 2).read(one);
			one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
			file.position(file.size() / 2).write(one);
		}
		refused = run("restore", "--from", altered, "--passphrase-file", passphrase, "--data-dir", target);
		assertThat(refused.code()).isEqualTo(2);
		assertThat(refused.err()).contains("altered");
		assertThat(target).doesNotExist();

		Path counted = copy(backup, temp.resolve("counted"));
		Path manifest = counted.resolve(BackupManifest.FILE);
		Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"rows\" : (\\d+)", "\"rows\" : 1$1"));
		refused = run("restore", "--from", counted, "--passphrase-file", passphrase, "--data-dir", target);
		assertThat(refused.code()).isEqualTo(2);
		assertThat(refused.err()).contains("altered");
		assertThat(target).doesNotExist();

		assertThat(run("backup", "--to", temp.resolve("x"), "--passphrase", "secret").code())
			.as("never on the command line").isEqualTo(64);
		assertThat(run("backup", "--to", temp.resolve("short"), "--passphrase-file",
				Files.writeString(temp.resolve("p"), "short")).err()).contains("at least");
	}

	private static Path copy(Path from, Path to) throws Exception {
		FileSystemUtils.copyRecursively(from, to);
		return to;
	}

	private static long rows(BackupManifest manifest, String table) {
		return manifest.tables().stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow().rows();
	}

	private static long count(JdbcClient db, String table) {
		return db.sql("select count(*) from " + table).query(Long.class).single();
	}

	/** The first {@code limit} rows by id, as one digest. */
	private static String digest(JdbcClient db, String table, String row, long limit) {
		return db.sql("select md5(string_agg(" + row + ", E'\\n' order by t.id)) from (select * from " + table
				+ " order by id limit ?) t").param(limit).query(String.class).single();
	}
}
