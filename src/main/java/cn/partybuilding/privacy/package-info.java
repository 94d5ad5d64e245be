/**
 * 个人信息保护: a member's own data (我的数据, as a page, JSON and PDF), who looked at it, their correction
 * requests and the branch's answers, and the erasure of departed members' sensitive fields after the retention
 * period.
 */
@ApplicationModule(displayName = "个人信息保护")
package cn.partybuilding.privacy;

import org.springframework.modulith.ApplicationModule;
