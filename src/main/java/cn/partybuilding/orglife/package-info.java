/**
 * 组织生活: 三会一课, 主题党日, 组织生活会 and the other meetings of a branch — planning, invitees,
 * phone check-in with a rotating signed code, attendance.
 */
@ApplicationModule(displayName = "组织生活")
package cn.partybuilding.orglife;

import org.springframework.modulith.ApplicationModule;

