package cn.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;

/** The scheduled backup writes only with a passphrase, keeps the newest, and its page shows them to the system administrator. */
class ScheduledBackupsTest extends PlatformTest {

	@TempDir
	Path temp;

	@Autowired
	DataSource dataSource;

	private ScheduledBackups job(String passphrase, int keep, Instant at) {
		return new ScheduledBackups(new BackupSettings("-", temp, keep, passphrase), dataSource, Path.of("target/test-data"),
				"fs", true, Clock.fixed(at, ZoneOffset.UTC));
	}

	@Test
	void withoutAPassphraseNothingIsWrittenWithOneTheNewestAreKeptAndEachOpens() throws Exception {
		Instant now = Instant.parse("2026-12-02T02:30:00Z");
		assertThat(job(null, 2, now).runNow()).isFalse();
		assertThat(job("short", 2, now).runNow()).as("too short a passphrase is none").isFalse();
		assertThat(temp).isEmptyDirectory();

		String passphrase = "scheduled backup passphrase";
		assertThat(job(passphrase, 1, now).runNow()).isTrue();
		ScheduledBackups next = job(passphrase, 1, now.plus(Duration.ofDays(1)));
		assertThat(next.runNow()).isTrue();
		assertThat(next.list()).singleElement().satisfies(b -> {
			assertThat(b.name()).isEqualTo("party-backup-20261203T023000Z");
			assertThat(b.ok()).isTrue();
			assertThat(b.rows()).isPositive();
		});
		try (var entries = Files.list(temp)) {
			assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("party-backup-20261203T023000Z");
		}

		Path manifest = temp.resolve("party-backup-20261203T023000Z").resolve(BackupManifest.FILE);
		Files.writeString(manifest, Files.readString(manifest).replace("\"embedded\"", "\"external\""));
		assertThat(job(passphrase, 1, now).list()).singleElement().satisfies(b -> assertThat(b.ok()).isFalse());
		assertThat(job(null, 1, now).list()).singleElement().satisfies(b -> assertThat(b.ok()).as("no passphrase to try").isNull());
	}

	@Test
	void theSystemAdministratorSeesTheBackupsPageAndNoOneElse() throws Exception {
		String page = mvc.perform(get("/system/backups").with(login("sysadmin")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("数据备份", "no-passphrase", "0 30 2 * * *");
		assertThat(mvc.perform(get("/").with(login("sysadmin"))).andReturn().getResponse().getContentAsString())
			.contains("/system/backups");
		mvc.perform(post("/system/backups").with(login("sysadmin")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/system/backups").with(login("secadmin"))).andExpect(status().isForbidden());
		mvc.perform(get("/system/backups").with(login("admin"))).andExpect(status().isForbidden());
		mvc.perform(post("/system/backups").with(login("admin")).with(csrf())).andExpect(status().isForbidden());
	}
}
