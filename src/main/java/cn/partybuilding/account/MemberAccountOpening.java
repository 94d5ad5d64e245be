package cn.partybuilding.account;

/** One member's account to open in bulk: username (学号/工号), name, the branch where they are 党员. */
public record MemberAccountOpening(String username, String displayName, long organizationId) {
}
