package cn.partybuilding.orglife;

/**
 * A branch still short of required meetings as its period ends; {@code missing} names the kinds, in the
 * Chinese the notices are stored in, e.g. "支委会 1 次、主题党日 1 次".
 */
public record ComplianceGap(long branchId, String branchName, Long parentId, String missing) {
}
