/**
 * What the platform runs on: the embedded PostgreSQL of the default start, the scheduling of jobs (one node at a time,
 * through ShedLock), where files live (the data folder, or S3-compatible storage for several nodes), and backups that
 * restore (the backup and restore commands, the scheduled backup).
 */
@ApplicationModule(displayName = "平台")
package cn.partybuilding.platform;

import org.springframework.modulith.ApplicationModule;
