package cn.partybuilding.privacy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 更正 requests read with the scope as one array parameter (none at the only root): a school's administrator never
 * gets a request of the other school, and counts only their own school's open ones.
 */
class CorrectionsScopeTest extends PrivacyTestBase {

	@Autowired
	Corrections corrections;

	private long ask(String branchCode) {
		Person person = member(branchCode);
		long account = members.summary(person.id()).orElseThrow().accountId();
		Caller me = new Caller(account, person.username(), "隐私测试员",
				List.of(new Caller.Grant(Role.MEMBER, orgId(branchCode))));
		return corrections.ask(me, List.of("phone"), "手机号已更换");
	}

	private Caller adminOf(String code) {
		return new Caller(0, "admin-" + code, "管理员", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, orgId(code))));
	}

	@Test
	@DisplayName("issue 23: a school's administrator lists and counts only their school's correction requests; the root both")
	void aSchoolsAdministratorGetsOnlyTheirSchoolsRequests() {
		String collegeBranch = jdbc.sql("select code from organization where id = ?").param(firstBranchBelow("SFXY"))
			.query(String.class).single();
		long inUniversity = ask("SFDX-JSJ-01");
		long inCollege = ask(collegeBranch);
		assertThat(corrections.forCaller(adminOf("SFDX"), true)).extracting(Corrections.DataCorrection::id)
			.contains(inUniversity).doesNotContain(inCollege);
		assertThat(corrections.forCaller(adminOf("SFXY"), true)).extracting(Corrections.DataCorrection::id)
			.contains(inCollege).doesNotContain(inUniversity);
		assertThat(corrections.forCaller(adminOf("JYGW"), true)).extracting(Corrections.DataCorrection::id)
			.contains(inCollege, inUniversity);
		long openInUniversity = jdbc.sql("""
				select count(*) from privacy_correction c join organization o on o.id = c.organization_id
				where o.path like (select path from organization where code = 'SFDX') || '%' and c.state = 'OPEN'""")
			.query(Long.class).single();
		assertThat(corrections.openFor(adminOf("SFDX"))).isEqualTo(openInUniversity);
		assertThat(corrections.openFor(adminOf("JYGW")))
			.isGreaterThanOrEqualTo(openInUniversity + corrections.openFor(adminOf("SFXY")));
	}
}
