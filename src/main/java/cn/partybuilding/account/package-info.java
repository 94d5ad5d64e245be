/**
 * Accounts (one per person), sign-in with the password and lockout policy, roles granted at
 * organisations, and the separated administrators (系统管理员, 安全管理员, 审计员).
 */
@ApplicationModule(displayName = "账号与权限")
package cn.partybuilding.account;

import org.springframework.modulith.ApplicationModule;

