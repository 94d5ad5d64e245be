/**
 * The append-only audit log: every write, every sign-in attempt and every denied access, readable
 * only by the 审计员 at the top of the organisation tree.
 */
@ApplicationModule(displayName = "审计")
package cn.partybuilding.audit;

import org.springframework.modulith.ApplicationModule;

