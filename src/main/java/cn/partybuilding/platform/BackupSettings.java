package cn.partybuilding.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scheduled backup (what {@code backup --to} writes, on a schedule): when ({@code cron}, in Beijing time; {@code -}
 * switches it off), where ({@code folder}, empty = {@code party.data-dir}/backups), how many to keep ({@code keep}, the
 * newest), and the passphrase ({@code party.backup.passphrase} or the environment variable PARTY_BACKUP_PASSPHRASE; a
 * secret, never shown). Without a passphrase the schedule writes nothing and says so once in the log.
 */
@ConfigurationProperties("party.backup")
record BackupSettings(@DefaultValue("0 30 2 * * *") String cron, Path folder, @DefaultValue("7") int keep, String passphrase) {

	BackupSettings {
		keep = Math.max(1, keep);
	}

	boolean hasPassphrase() {
		return passphrase != null && passphrase.length() >= BackupCommand.MIN_PASSPHRASE;
	}

	@Override
	public String toString() {
		return "BackupSettings[cron=" + cron + ", folder=" + folder + ", keep=" + keep + ", passphrase="
				+ (passphrase == null || passphrase.isEmpty() ? "unset" : "set") + "]";
	}
}
