package cn.partybuilding.transfer;

import java.util.Map;

/**
 * The weekly 口袋党员 reminder: how many pocket members each responsible organisation has — by branch
 * (no contact, abroad without contact, a graduate's stay overdue) and by committee (letters out lapsed
 * without their 回执), keyed by organisation id.
 */
public record PocketMembersReminded(Map<Long, Integer> byBranch, Map<Long, Integer> byCommittee) {
}
