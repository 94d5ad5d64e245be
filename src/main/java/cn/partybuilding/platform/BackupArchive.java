package cn.partybuilding.platform;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One backup: a folder with {@code backup.enc} (a zip of the database dump, the key files and the uploaded files,
 * encrypted by {@link BackupCipher}) and {@code manifest.json} ({@link BackupManifest}). Writing it, checking it
 * (passphrase, manifest, every chunk and the checksums, before anything is written anywhere) and restoring it into an
 * empty database and a new data folder.
 */
final class BackupArchive {

	private static final Pattern KEY_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern STORED_FILE = Pattern.compile("[a-z0-9-]{1,40}/[0-9a-f-]{36}");

	private BackupArchive() {
	}

	/** A problem the operator is told about in words: wrong passphrase, altered backup, target not empty … */
	static class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

		Refused(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/**
	 * Writes a backup of the database on {@code connection}, of {@code dataDir}/keys and (when {@code includeFiles})
	 * {@code dataDir}/files into {@code to}, which must not exist or be empty. The manifest is written last: a folder
	 * without one is an unfinished backup.
	 */
	static BackupManifest write(Connection connection, String database, Path dataDir, boolean includeFiles,
			char[] passphrase, Path to) throws IOException, SQLException {
		if (Files.exists(to) && (!Files.isDirectory(to) || !isEmpty(to))) {
			throw new Refused(to + " is not an empty folder: a backup goes into a new or empty folder");
		}
		Files.createDirectories(to);
		byte[] salt = BackupCipher.newSalt();
		BackupCipher cipher = BackupCipher.derive(passphrase, salt, BackupCipher.ITERATIONS);
		String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		Path part = to.resolve(BackupManifest.CONTENT + ".part");
		MessageDigest encryptedDigest = sha256();
		MessageDigest payloadDigest = sha256();
		long[] payloadBytes = { 0 };
		DatabaseDump.Snapshot snapshot;
		List<String> keyFiles = new ArrayList<>();
		long fileCount = 0;
		try (OutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(part)), encryptedDigest);
				OutputStream encrypted = cipher.encrypting(file);
				ZipOutputStream zip = new ZipOutputStream(new DigestOutputStream(new FilterOutputStream(encrypted) {
					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						out.write(b, off, len);
						payloadBytes[0] += len;
					}
				}, payloadDigest))) {
			zip.setLevel(Deflater.BEST_SPEED);
			DatabaseDump.EntrySink sink = name -> {
				zip.putNextEntry(new ZipEntry(name));
				return new FilterOutputStream(zip) {
					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						out.write(b, off, len);
					}

					@Override
					public void close() throws IOException {
						zip.closeEntry();
					}
				};
			};
			snapshot = DatabaseDump.dump(connection, sink);
			Path keys = dataDir.resolve("keys");
			for (Path key : list(keys)) {
				String name = key.getFileName().toString();
				if (Files.isRegularFile(key) && KEY_FILE.matcher(name).matches()) {
					try (OutputStream out = sink.entry("keys/" + name)) {
						Files.copy(key, out);
					}
					keyFiles.add(name);
				}
			}
			if (includeFiles) {
				Path files = dataDir.resolve("files");
				for (Path stored : walk(files)) {
					String key = files.relativize(stored).toString().replace('\\', '/');
					if (STORED_FILE.matcher(key).matches()) {
						try (OutputStream out = sink.entry("files/" + key)) {
							Files.copy(stored, out);
						}
						fileCount++;
					}
				}
			}
		}
		catch (IOException | SQLException | RuntimeException ex) {
			Files.deleteIfExists(part);
			throw ex;
		}
		Files.move(part, to.resolve(BackupManifest.CONTENT), StandardCopyOption.ATOMIC_MOVE);
		BackupManifest manifest = new BackupManifest(1, platformVersion(), snapshot.schemaVersion(), createdAt, database,
				snapshot.tables(), snapshot.sequences(), keyFiles, includeFiles, fileCount, payloadBytes[0],
				HexFormat.of().formatHex(payloadDigest.digest()), Files.size(to.resolve(BackupManifest.CONTENT)),
				HexFormat.of().formatHex(encryptedDigest.digest()), BackupCipher.KDF, BackupCipher.ITERATIONS,
				Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(cipher.check()), null)
			.signed(cipher);
		manifest.write(to);
		return manifest;
	}

	/** The backup in {@code from} opened with the passphrase: refused when it is the wrong one or the manifest was changed. */
	static Opened open(Path from, char[] passphrase) throws IOException {
		BackupManifest manifest;
		try {
			manifest = BackupManifest.read(from);
		}
		catch (BackupCipher.Altered ex) {
			throw altered(ex);
		}
		BackupCipher cipher = BackupCipher.derive(passphrase, manifest.saltBytes(), manifest.iterations());
		if (!cipher.checks(manifest.checkBytes())) {
			throw new Refused("Wrong passphrase: this backup cannot be opened with it (口令错误). Nothing was written.");
		}
		if (!manifest.authentic(cipher)) {
			throw new Refused("The backup has been altered: its manifest does not authenticate (备份已被改动). Nothing was written.");
		}
		return new Opened(from, manifest, cipher);
	}

	private static Refused altered(IOException ex) {
		return new Refused("The backup has been altered or damaged: " + ex.getMessage() + " (备份已被改动或损坏). Nothing was written.", ex);
	}

	/** A backup whose passphrase and manifest have been checked. */
	record Opened(Path folder, BackupManifest manifest, BackupCipher cipher) {

		/** Reads the whole content once: every chunk authenticates, sizes and checksums match, every table is there. */
		void verify() throws IOException {
			Path content = folder.resolve(BackupManifest.CONTENT);
			if (Files.size(content) != manifest.encryptedBytes()) {
				throw altered(new BackupCipher.Altered("backup.enc has " + Files.size(content) + " bytes, the manifest says "
						+ manifest.encryptedBytes()));
			}
			MessageDigest encrypted = sha256();
			MessageDigest payload = sha256();
			Map<String, Long> lines = new HashMap<>();
			try (InputStream file = new DigestInputStream(new BufferedInputStream(Files.newInputStream(content)), encrypted);
					InputStream plain = new DigestInputStream(cipher.decrypting(file), payload);
					ZipInputStream zip = new ZipInputStream(plain)) {
				byte[] buffer = new byte[1 << 16];
				for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
					long count = 0;
					for (int n; (n = zip.read(buffer)) > 0;) {
						for (int i = 0; i < n; i++) {
							if (buffer[i] == '\n') {
								count++;
							}
						}
					}
					lines.put(entry.getName(), count);
				}
				plain.transferTo(OutputStream.nullOutputStream());
			}
			catch (BackupCipher.Altered ex) {
				throw altered(ex);
			}
			catch (IOException ex) {
				throw altered(new BackupCipher.Altered("the content cannot be read (" + ex.getMessage() + ")"));
			}
			if (!HexFormat.of().formatHex(encrypted.digest()).equals(manifest.encryptedSha256())
					|| !HexFormat.of().formatHex(payload.digest()).equals(manifest.payloadSha256())) {
				throw altered(new BackupCipher.Altered("a checksum does not match"));
			}
			for (BackupManifest.Table table : manifest.tables()) {
				// COPY's text format writes one line per row (newlines in values are escaped)
				if (!Long.valueOf(table.rows()).equals(lines.get("db/" + table.name()))) {
					throw altered(new BackupCipher.Altered("table " + table.name() + " does not hold the rows the manifest names"));
				}
			}
		}

		/**
		 * Restores into the empty database on {@code connection} (already migrated to the backup's schema version) and
		 * the data folder {@code dataDir} (its keys and files folders empty); all tables in one transaction.
		 */
		void restore(Connection connection, Path dataDir, boolean restoreFiles) throws IOException, SQLException {
			Map<String, BackupManifest.Table> tables = new HashMap<>();
			manifest.tables().forEach(t -> tables.put("db/" + t.name(), t));
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (InputStream file = new BufferedInputStream(Files.newInputStream(folder.resolve(BackupManifest.CONTENT)));
					ZipInputStream zip = new ZipInputStream(cipher.decrypting(file))) {
				DatabaseDump.prepareRestore(connection, manifest.tables());
				for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
					String name = entry.getName();
					if (tables.containsKey(name)) {
						BackupManifest.Table table = tables.get(name);
						long rows = DatabaseDump.restoreTable(connection, table, zip);
						if (rows != table.rows()) {
							throw new Refused("table " + table.name() + ": " + rows + " rows restored, " + table.rows() + " expected");
						}
					}
					else if (name.equals("db/sequences.json")) {
						DatabaseDump.restoreSequences(connection, zip);
					}
					else if (name.startsWith("keys/") && KEY_FILE.matcher(name.substring(5)).matches()) {
						Path key = Files.createDirectories(dataDir.resolve("keys")).resolve(name.substring(5));
						// owner-only before a byte of the key is in it
						Files.createFile(key);
						ownerOnly(key);
						try (var out = Files.newOutputStream(key)) {
							zip.transferTo(out);
						}
					}
					else if (name.startsWith("files/") && STORED_FILE.matcher(name.substring(6)).matches()) {
						if (restoreFiles) {
							Path stored = dataDir.resolve("files").resolve(name.substring(6));
							Files.createDirectories(stored.getParent());
							Files.copy(zip, stored);
						}
					}
					else {
						throw new Refused("the backup holds an unexpected entry " + name);
					}
				}
				connection.commit();
			}
			catch (IOException | SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
	}

	private static void ownerOnly(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the folder's own protection applies
		}
	}

	/** The folder does not exist, or holds nothing. */
	static boolean isEmpty(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return !Files.exists(folder);
		}
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.findAny().isEmpty();
		}
	}

	private static List<Path> list(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.sorted().toList();
		}
	}

	private static List<Path> walk(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.walk(folder)) {
			return entries.filter(Files::isRegularFile).sorted().toList();
		}
	}

	static String platformVersion() {
		String version = BackupArchive.class.getPackage().getImplementationVersion();
		return version == null ? "dev" : version;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
