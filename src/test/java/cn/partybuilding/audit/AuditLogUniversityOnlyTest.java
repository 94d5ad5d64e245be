package cn.partybuilding.audit;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import cn.partybuilding.PartyBuildingApplication;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 23: a university that runs the platform alone keeps its auditor. Its 党委 is the top of the tree (as
 * {@code FirstStart} sets up an empty database), so the 审计员 is granted there and reads the log, as before the
 * province; a college below it is not the top.
 */
class AuditLogUniversityOnlyTest {

	@TempDir
	Path dataDir;

	@Test
	void theSchoolAtTheTopGrantsItsAuditorWhoReadsTheLog() {
		try (var app = new SpringApplicationBuilder(PartyBuildingApplication.class).run("--party.data-dir=" + dataDir,
				"--server.port=0", "--party.demo=false")) {
			OrgRef school = app.getBean(OrganizationScope.class).findByCode("SCHOOL").orElseThrow();
			assertThat(school.parentId()).as("the school is the top").isNull();
			Caller admin = new Caller(0, "test", "test", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, school.id())));
			OrgRef college = app.getBean(OrganizationTree.class)
				.create(admin, new NewOrganization(school.id(), "COLLEGE", "学院党委", OrgType.GENERAL_BRANCH));
			AccountManagement accounts = app.getBean(AccountManagement.class);
			Caller secadmin = accounts.callerFor("secadmin");
			long auditor = accounts.openPrepared("auditor", "审计员", "Audit@2026x", false, List.of());

			assertThatThrownBy(() -> accounts.grant(secadmin, auditor, Role.AUDITOR, college.id()))
				.isInstanceOfSatisfying(FieldProblem.class,
						p -> assertThat(p.problems().get(0).messageKey()).isEqualTo("grant.auditorAtTop"));
			accounts.grant(secadmin, auditor, Role.AUDITOR, school.id());

			AuditReaders readers = app.getBean(AuditReaders.class);
			assertThat(readers.reads(accounts.callerFor("auditor"))).isTrue();
			assertThat(readers.reads(new Caller(0, "x", "x", List.of(new Caller.Grant(Role.AUDITOR, college.id())))))
				.isFalse();
		}
	}
}
