/**
 * The organisation tree (党委 → 党总支 → 党支部 → 党小组, any depth), branch committees and their terms,
 * and the scope API every other module filters its queries with.
 */
@ApplicationModule(displayName = "组织")
package cn.partybuilding.organization;

import org.springframework.modulith.ApplicationModule;

