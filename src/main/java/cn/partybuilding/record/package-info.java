/**
 * 纪实: the chronicle of each member's party life (一个党员一个账号，一个账号一份纪实), written from the
 * events of the other modules; entries are never edited.
 */
@ApplicationModule(displayName = "纪实")
package cn.partybuilding.record;

import org.springframework.modulith.ApplicationModule;

