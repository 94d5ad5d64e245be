/**
 * What the platform runs on: the embedded PostgreSQL of the default start and the scheduling of jobs (one node at a time, through ShedLock).
 */
@ApplicationModule(displayName = "平台")
package cn.partybuilding.platform;

import org.springframework.modulith.ApplicationModule;
