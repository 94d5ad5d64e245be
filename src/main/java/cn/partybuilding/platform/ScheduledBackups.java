package cn.partybuilding.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import cn.partybuilding.shared.PlatformZone;

/**
 * The scheduled backup ({@link BackupSettings}): a backup as {@code backup --to} writes it, into
 * {@code party-backup-<UTC time>} under the backups folder (written under a temporary name and renamed when complete),
 * read back once to prove it opens, then the oldest beyond {@code keep} are removed. One node at a time (ShedLock).
 */
@Component
class ScheduledBackups {

	private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

	static final String PREFIX = "party-backup-";

	private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

	private final BackupSettings settings;

	private final DataSource dataSource;

	private final Path dataDir;

	private final boolean folderFiles;

	private final boolean embedded;

	private final Clock clock;

	private final AtomicBoolean warned = new AtomicBoolean();

	/** Whether each backup (by folder name) opened with the passphrase: backups do not change once written. */
	private final Map<String, Boolean> checked = new ConcurrentHashMap<>();

	private volatile LastRun last;

	/** The outcome of this node's last run. */
	record LastRun(Instant at, boolean ok, String message) {
	}

	/** One backup in the folder, as the system administrator's page lists it: no personal data. */
	record Listed(String name, Instant createdAt, long bytes, String schemaVersion, long rows, Boolean ok) {
	}

	ScheduledBackups(BackupSettings settings, DataSource dataSource, @Value("${party.data-dir}") Path dataDir,
			@Value("${party.files.store:fs}") String store, @Value("${party.embedded.active:false}") boolean embedded,
			Clock clock) {
		this.settings = settings;
		this.dataSource = dataSource;
		this.dataDir = dataDir.toAbsolutePath().normalize();
		this.folderFiles = store.equals("fs");
		this.embedded = embedded;
		this.clock = clock;
	}

	Path folder() {
		return settings.folder() == null || settings.folder().toString().isBlank() ? dataDir.resolve("backups")
				: settings.folder().toAbsolutePath().normalize();
	}

	BackupSettings settings() {
		return settings;
	}

	LastRun last() {
		return last;
	}

	@Scheduled(cron = "${party.backup.cron:0 30 2 * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "platform-backup", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void scheduled() {
		runNow();
	}

	/** Writes a backup now; false (and nothing written) without a passphrase or when it failed. */
	synchronized boolean runNow() {
		if (!settings.hasPassphrase()) {
			if (warned.compareAndSet(false, true)) {
				log.warn("Scheduled backup skipped: set party.backup.passphrase (or PARTY_BACKUP_PASSPHRASE), at least {} "
						+ "characters — backups are never written unencrypted", BackupCommand.MIN_PASSPHRASE);
			}
			last = new LastRun(clock.instant(), false, "no passphrase");
			return false;
		}
		String name = PREFIX + NAME.format(clock.instant());
		Path partial = folder().resolve(".partial-" + name);
		long started = System.nanoTime();
		char[] passphrase = settings.passphrase().toCharArray();
		try {
			Files.createDirectories(folder());
			BackupManifest manifest;
			try (Connection connection = dataSource.getConnection()) {
				manifest = BackupArchive.write(connection, embedded ? "embedded" : "external", dataDir, folderFiles,
						passphrase, partial);
			}
			BackupArchive.open(partial, passphrase).verify();
			Files.move(partial, folder().resolve(name), StandardCopyOption.ATOMIC_MOVE);
			checked.put(name, true);
			int removed = prune();
			String message = String.format("%d rows, %d bytes, %.1f s", manifest.rows(), manifest.encryptedBytes(),
					(System.nanoTime() - started) / 1e9);
			log.info("Backup {} written to {}: {}; {} old backup(s) removed", name, folder(), message, removed);
			last = new LastRun(clock.instant(), true, message);
			return true;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			log.error("Scheduled backup {} failed", name, ex);
			last = new LastRun(clock.instant(), false, ex.getClass().getSimpleName());
			try {
				FileSystemUtils.deleteRecursively(partial);
			}
			catch (IOException cleanup) {
				log.warn("Could not remove the unfinished backup {}", partial, cleanup);
			}
			return false;
		}
		finally {
			Arrays.fill(passphrase, '\0');
		}
	}

	/** Removes the oldest complete backups beyond {@code keep}, and unfinished ones left by a crash. */
	private int prune() throws IOException {
		List<Path> backups = backups();
		int removed = 0;
		for (int i = settings.keep(); i < backups.size(); i++) {
			FileSystemUtils.deleteRecursively(backups.get(i));
			checked.remove(backups.get(i).getFileName().toString());
			removed++;
		}
		try (Stream<Path> entries = Files.list(folder())) {
			for (Path partial : entries.filter(p -> p.getFileName().toString().startsWith(".partial-")).toList()) {
				FileSystemUtils.deleteRecursively(partial);
			}
		}
		return removed;
	}

	/** The complete backups, newest first (the names sort by time). */
	private List<Path> backups() throws IOException {
		if (!Files.isDirectory(folder())) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(folder())) {
			return entries.filter(p -> p.getFileName().toString().startsWith(PREFIX))
				.filter(p -> Files.isRegularFile(p.resolve(BackupManifest.FILE)))
				.sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
				.toList();
		}
	}

	/** The backups in the folder; ok is whether it opens with the configured passphrase (null: no passphrase to try). */
	List<Listed> list() throws IOException {
		List<Listed> listed = new ArrayList<>();
		for (Path backup : backups()) {
			String name = backup.getFileName().toString();
			try {
				BackupManifest manifest = BackupManifest.read(backup);
				Boolean ok = settings.hasPassphrase() ? checked.computeIfAbsent(name, n -> opens(backup, manifest)) : null;
				listed.add(new Listed(name, Instant.parse(manifest.createdAt()), manifest.encryptedBytes(),
						manifest.schemaVersion(), manifest.rows(), ok));
			}
			catch (IOException | RuntimeException ex) {
				listed.add(new Listed(name, null, 0, null, 0, false));
			}
		}
		return listed;
	}

	/** The passphrase opens it and the manifest authenticates (the content is read fully only when written). */
	private boolean opens(Path backup, BackupManifest manifest) {
		try {
			BackupArchive.open(backup, settings.passphrase().toCharArray());
			return Files.size(backup.resolve(BackupManifest.CONTENT)) == manifest.encryptedBytes();
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}
}
