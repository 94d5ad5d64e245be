package cn.partybuilding.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local practice varies, so these are settings (支部工作条例 defaults).
 *
 * @param termYears 党支部 and 党总支 committee term, default 3 years
 * @param committeeTermYears 基层党委 term, default 5 years (党章: 3 to 5)
 * @param termWarningDays warn this many days before a term ends (换届提醒)
 * @param minFullMembers a 党支部 needs at least this many 正式党员, else a 联合党支部
 * @param maxMembers a branch generally has at most this many members
 * @param committeeThreshold from this many 正式党员 a 支部委员会 is required
 * @param chooserLimit a page's organisation drop-down lists the caller's whole tree up to this many organisations;
 *        above it, only the way down to the one chosen (a province's 24 000 are no drop-down)
 */
@ConfigurationProperties("party.organization")
record OrganizationSettings(@DefaultValue("3") int termYears, @DefaultValue("5") int committeeTermYears,
		@DefaultValue("90") int termWarningDays,
		@DefaultValue("3") int minFullMembers, @DefaultValue("50") int maxMembers,
		@DefaultValue("7") int committeeThreshold, @DefaultValue("500") int chooserLimit) {
}
