/**
 * 党员信息库: member profiles with the national member system's fields, sensitive fields encrypted,
 * each member with one account.
 */
@org.springframework.modulith.ApplicationModule(displayName = "党员信息库")
package cn.partybuilding.member;
