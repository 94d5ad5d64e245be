package cn.partybuilding.account;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * A production start on an empty database (no demo): the root committee from the settings
 * ({@code party.school.code}, {@code party.school.name}) and two administrators, {@code admin} and
 * {@code secadmin}, whose one-time passwords are printed once and must be changed at the first sign-in.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	private final OrganizationTree tree;

	private final AccountManagement accounts;

	private final OrganizationScope scope;

	private final Environment env;

	FirstStart(OrganizationTree tree, AccountManagement accounts, OrganizationScope scope, Environment env) {
		this.tree = tree;
		this.accounts = accounts;
		this.scope = scope;
		this.env = env;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (env.getProperty("party.demo", Boolean.class, false) || !scope.isEmpty()) {
			return;
		}
		OrgRef root = tree.establishRoot(env.getProperty("party.school.code", "SCHOOL"),
				env.getProperty("party.school.name", "学校党委"));
		String adminPassword = AccountManagement.generatePassword();
		String secPassword = AccountManagement.generatePassword();
		accounts.openPrepared("admin", "党委组织部", adminPassword, true, List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, root.id())));
		accounts.openPrepared("secadmin", "安全管理员", secPassword, true, List.of(new Caller.Grant(Role.SECURITY_ADMIN, root.id())));
		log.warn("""

				Empty database initialised with the root organisation {}.
				One-time passwords (shown once, must be changed at first sign-in):
				  admin     {}
				  secadmin  {}
				""", root.name(), adminPassword, secPassword);
	}
}
