/**
 * 数据分析: one dashboard per scope, the early-warning centre and the periodic analysis reports (Word with native
 * charts, and PDF), all from the other modules' figures, warnings and façades: no rule is computed twice.
 */
@ApplicationModule(displayName = "数据分析")
package cn.partybuilding.analytics;

import org.springframework.modulith.ApplicationModule;
