package cn.partybuilding.account;

/** The new account and, once, its one-time password to hand over (null when it was given one). */
public record CreatedAccount(long id, String username, String initialPassword) {
}
