/**
 * 组织关系转接: moving a member's organisation relationship within the school (branch to branch, with the
 * general branches' approval when it crosses them), out of it with an introduction letter, and into it.
 * The member moves — and with them who can see them — only when the receiving branch accepts.
 */
@ApplicationModule(displayName = "组织关系转接")
package cn.partybuilding.transfer;

import org.springframework.modulith.ApplicationModule;

