/**
 * What the platform runs on: the embedded PostgreSQL of the default start, the scheduling of jobs (one node at a time,
 * through ShedLock) and where files live (the data folder, or S3-compatible storage for several nodes).
 */
@ApplicationModule(displayName = "平台")
package cn.partybuilding.platform;

import org.springframework.modulith.ApplicationModule;
