package cn.partybuilding.member;

/** A member with their account: for modules that count what a person did under their account. */
public record MemberAccount(long memberId, long accountId, String name, long organizationId) {
}
