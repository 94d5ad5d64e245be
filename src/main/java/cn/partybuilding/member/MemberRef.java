package cn.partybuilding.member;

/** A member as other modules name them: id, name, where they belong. No personal data beyond that. */
public record MemberRef(long id, String name, long organizationId) {
}
