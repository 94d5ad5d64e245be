/**
 * 发展党员: the people on their way to membership — 入党申请人, 积极分子, 发展对象 — each at a branch.
 * The five-stage pipeline with its steps and checks builds on these.
 */
@ApplicationModule(displayName = "发展党员")
package cn.partybuilding.development;

import org.springframework.modulith.ApplicationModule;

