package cn.partybuilding.organization;

/** A reminder for the home page: which organisation, and what is due there (a 换届 coming or overdue). */
public record OrganizationReminder(long organizationId, String organizationName, Warning warning) {
}
