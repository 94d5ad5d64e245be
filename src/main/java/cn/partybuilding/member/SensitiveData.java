package cn.partybuilding.member;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts sensitive personal information (ID-card numbers, phones) with AES-256-GCM, and gives each
 * value a keyed hash (HMAC-SHA256) for exact look-up without decrypting. The master key comes from
 * {@code party.security.data-key} (base64, 32 bytes); the embedded default creates one in
 * {@code party.data-dir/keys/data.key} on first start. Without either, the platform does not start:
 * data encrypted with a key that is then lost can never be read again.
 */
@Component
class SensitiveData {

	private static final Logger log = LoggerFactory.getLogger(SensitiveData.class);

	private static final String VERSION = "v1:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec encryptionKey;

	private final SecretKeySpec lookupKey;

	SensitiveData(Environment env) {
		byte[] master = masterKey(env);
		this.encryptionKey = new SecretKeySpec(derive(master, "encryption"), "AES");
		this.lookupKey = new SecretKeySpec(derive(master, "lookup"), "HmacSHA256");
	}

	String encrypt(String plain) {
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return VERSION + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("encryption failed", ex);
		}
	}

	String decrypt(String stored) {
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(VERSION.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, in, 0, 12));
			return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("a stored value cannot be decrypted with the configured data key", ex);
		}
	}

	/** The same value always gives the same hash; without the key nobody can compute it. */
	String lookupHash(String plain) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(lookupKey);
			return HexFormat.of().formatHex(mac.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("hashing failed", ex);
		}
	}

	private static byte[] derive(byte[] master, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(master, "HmacSHA256"));
			return mac.doFinal(("party-building/" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] masterKey(Environment env) {
		String configured = env.getProperty("party.security.data-key");
		if (configured != null && !configured.isBlank()) {
			byte[] key = Base64.getDecoder().decode(configured.trim());
			if (key.length != 32) {
				throw new IllegalStateException("party.security.data-key must be 32 bytes, base64-encoded");
			}
			return key;
		}
		if (!env.getProperty("party.embedded.active", Boolean.class, false)) {
			throw new IllegalStateException("Set party.security.data-key (32 random bytes, base64) to encrypt personal "
					+ "data; e.g. `openssl rand -base64 32`. Keep it safe: without it the data cannot be read.");
		}
		Path file = Path.of(env.getProperty("party.data-dir", "./data")).toAbsolutePath().resolve("keys/data.key");
		try {
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).trim());
			}
			Files.createDirectories(file.getParent());
			byte[] key = new byte[32];
			RANDOM.nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the folder's own protection applies
			}
			log.warn("Created the data key {} — back it up with the database: without it personal data cannot be read", file);
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the data key " + file, ex);
		}
	}
}
