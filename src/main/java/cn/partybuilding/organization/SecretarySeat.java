package cn.partybuilding.organization;

/**
 * A branch's sitting secretary as the committee record names them (a seat records a name, not an account): the
 * branch, the holder's name and the 双带头人 flag.
 */
public record SecretarySeat(long organizationId, String holderName, boolean dualLeader) {
}
