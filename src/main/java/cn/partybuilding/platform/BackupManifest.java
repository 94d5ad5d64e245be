package cn.partybuilding.platform;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a backup holds, kept beside the encrypted content as {@code manifest.json}: readable without the passphrase
 * (no personal data: versions, time, table names and row counts, sizes, checksums), and authenticated by a MAC under a
 * key derived from the passphrase, so a changed figure is noticed before anything is restored.
 *
 * @param format the layout of the backup (1)
 * @param platformVersion the version of the platform that wrote it
 * @param schemaVersion the last Flyway migration the database had
 * @param createdAt when the snapshot was taken (UTC, ISO-8601)
 * @param database embedded or external
 * @param tables every table with its columns (in the order of the dump) and its row count
 * @param sequences how many sequences were saved
 * @param keyFiles the files of the data folder's keys folder that were saved
 * @param filesIncluded whether the uploaded files were saved (the folder file store) or not (S3: back up the bucket)
 * @param fileCount how many uploaded files were saved
 * @param payloadBytes the size of the content before encryption
 * @param payloadSha256 its SHA-256 (hex)
 * @param encryptedBytes the size of {@code backup.enc}
 * @param encryptedSha256 its SHA-256 (hex)
 * @param kdf the key derivation (PBKDF2WithHmacSHA256)
 * @param iterations its iterations
 * @param salt its salt (base64)
 * @param check the value that tells the right passphrase (base64)
 * @param mac the HMAC-SHA256 of this manifest written with a null mac (base64)
 */
record BackupManifest(int format, String platformVersion, String schemaVersion, String createdAt, String database,
		List<Table> tables, int sequences, List<String> keyFiles, boolean filesIncluded, long fileCount, long payloadBytes,
		String payloadSha256, long encryptedBytes, String encryptedSha256, String kdf, int iterations, String salt,
		String check, String mac) {

	static final String FILE = "manifest.json";

	static final String CONTENT = "backup.enc";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One table of the dump. */
	record Table(String name, List<String> columns, long rows) {
	}

	long rows() {
		return tables.stream().mapToLong(Table::rows).sum();
	}

	BackupManifest withMac(String mac) {
		return new BackupManifest(format, platformVersion, schemaVersion, createdAt, database, tables, sequences, keyFiles,
				filesIncluded, fileCount, payloadBytes, payloadSha256, encryptedBytes, encryptedSha256, kdf, iterations,
				salt, check, mac);
	}

	/** The bytes the MAC covers: this manifest as JSON with a null mac. */
	byte[] signedContent() {
		return JSON.writeValueAsBytes(withMac(null));
	}

	BackupManifest signed(BackupCipher cipher) {
		return withMac(Base64.getEncoder().encodeToString(cipher.mac(signedContent())));
	}

	boolean authentic(BackupCipher cipher) {
		return mac != null && MessageDigest.isEqual(cipher.mac(signedContent()), decode(mac));
	}

	byte[] saltBytes() {
		return decode(salt);
	}

	byte[] checkBytes() {
		return decode(check);
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return new byte[0];
		}
	}

	void write(Path folder) throws IOException {
		Files.write(folder.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
	}

	/** The manifest of the backup in {@code folder}; unreadable or incomplete is an altered backup. */
	static BackupManifest read(Path folder) throws IOException {
		Path file = folder.resolve(FILE);
		if (!Files.isRegularFile(file) || !Files.isRegularFile(folder.resolve(CONTENT))) {
			throw new FileNotFoundException("no backup in " + folder + " (" + FILE + " and " + CONTENT + " expected)");
		}
		try {
			BackupManifest manifest = JSON.readValue(file.toFile(), BackupManifest.class);
			if (manifest.format != 1 || manifest.salt == null || manifest.check == null || manifest.tables == null
					|| manifest.iterations < 1 || manifest.iterations > 10_000_000 || manifest.keyFiles == null) {
				throw new BackupCipher.Altered("the manifest is incomplete");
			}
			return manifest;
		}
		catch (JacksonException ex) {
			throw new BackupCipher.Altered("the manifest cannot be read: " + ex.getOriginalMessage());
		}
	}
}
