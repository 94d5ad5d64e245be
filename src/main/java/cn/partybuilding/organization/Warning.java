package cn.partybuilding.organization;

/** A warning shown on an organisation's page: a message key and its arguments. Warn, never block. */
public record Warning(String messageKey, Object... args) {
}
