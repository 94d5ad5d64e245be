/**
 * 党员信息库: member profiles with the national member system's fields, sensitive fields encrypted,
 * each member with one account.
 */
@ApplicationModule(displayName = "党员信息库")
package cn.partybuilding.member;

import org.springframework.modulith.ApplicationModule;

