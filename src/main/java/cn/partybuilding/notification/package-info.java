/** 通知: each person's inbox in the platform, filled from other modules' events (a meeting planned …). */
@ApplicationModule(displayName = "通知")
package cn.partybuilding.notification;

import org.springframework.modulith.ApplicationModule;

