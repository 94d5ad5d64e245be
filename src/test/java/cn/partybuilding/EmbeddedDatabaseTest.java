package cn.partybuilding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps its data in the data folder: restarts keep it, folders stay apart, crashes heal. */
class EmbeddedDatabaseTest {

	@TempDir
	Path first;

	@TempDir
	Path second;

	static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(PartyBuildingApplication.class)
			// no demo: these tests are about the folder, and an empty database's first start is quicker
			.run("--party.data-dir=" + dataDir, "--party.embedded.clean-on-start=false", "--server.port=0", "--party.demo=false",
					// after the simulated crash, shutting down should not wait long for a dead server
					"--spring.datasource.hikari.connection-timeout=2000");
	}

	static long count(ConfigurableApplicationContext app, String code) {
		return app.getBean(JdbcClient.class).sql("select count(*) from organization where code = ?").param(code)
			.query(Long.class).single();
	}

	@Test
	void dataSurvivesARestartOnTheSameFolderAndFoldersDoNotInterfere() {
		try (var one = start(first); var two = start(second)) {
			mark(one, "MARK-ONE", "标记一");
			mark(two, "MARK-TWO", "标记二");
			assertThat(count(one, "MARK-TWO")).isZero();
			assertThat(count(two, "MARK-ONE")).isZero();
		}
		assertThat(first.resolve("postgres/postmaster.pid")).as("a clean shutdown stops PostgreSQL").doesNotExist();

		try (var again = start(first)) {
			assertThat(count(again, "MARK-ONE")).isOne();
			assertThat(count(again, "SCHOOL")).as("an empty database is set up once, not on every start").isOne();
		}
	}

	@Test
	void aCrashedServerLeavesAFolderTheNextStartCanUse() throws Exception {
		try (var app = start(first)) {
			mark(app, "BEFORE-CRASH", "崩溃前");
			long pid = Long.parseLong(Files.readAllLines(first.resolve("postgres/postmaster.pid")).get(0).trim());
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
		}
		try (var again = start(first)) {
			assertThat(count(again, "BEFORE-CRASH")).isOne();
		}
	}

	/** A committee under the school's root, made through the tree's own rules, to find the folder by. */
	private static void mark(ConfigurableApplicationContext app, String code, String name) {
		OrgRef root = app.getBean(OrganizationScope.class).findByCode("SCHOOL").orElseThrow();
		Caller system = new Caller(0, "test", "test", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, root.id())));
		app.getBean(OrganizationTree.class).create(system, new NewOrganization(root.id(), code, name, OrgType.COMMITTEE));
	}
}
