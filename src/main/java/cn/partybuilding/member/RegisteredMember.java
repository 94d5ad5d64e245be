package cn.partybuilding.member;

/** The new member and, once, the one-time password of their account. */
public record RegisteredMember(long id, String username, String initialPassword) {
}
