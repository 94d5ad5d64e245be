package cn.partybuilding.orglife;

/**
 * Someone who is not a member yet (an 入党积极分子 or 发展对象) invited to a meeting: their development file's id,
 * the account they check in with (none for a paper file: the organiser ticks them by hand), name, branch.
 */
public record Guest(long personId, Long accountId, String name, long organizationId) {
}
