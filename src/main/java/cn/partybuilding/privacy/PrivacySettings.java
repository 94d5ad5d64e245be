package cn.partybuilding.privacy;

import java.time.Period;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.partybuilding.shared.Role;

/**
 * Settings {@code party.privacy.*}.
 *
 * @param departedRetention how long after a member departed (their letter's 回执 back) their ID-card number and
 *     phone are kept; then they are erased
 * @param retentionCron when the erasure runs (Asia/Shanghai)
 * @param namedRoles the roles whose holders are named to the member when they looked at the member's data
 *     (others are shown by role and organisation only)
 */
@ConfigurationProperties("party.privacy")
record PrivacySettings(@DefaultValue("P3Y") Period departedRetention,
		@DefaultValue("0 40 3 * * *") String retentionCron,
		@DefaultValue({ "COMMITTEE_ADMIN", "GENERAL_BRANCH_ADMIN", "SYSTEM_ADMIN", "SECURITY_ADMIN",
				"AUDITOR" }) List<Role> namedRoles) {
}
