package cn.partybuilding.interaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seals a ballot while it waits to be counted: AES-GCM under a key the database does not hold, with the box id as
 * associated data (a sealed ballot cannot be moved to another box). The waiting row is written in the voter's
 * transaction, beside the voter's row; sealed, it tells a database reader nothing.
 */
@Component
class BallotSeal {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	BallotSeal(SurveySettings settings, Environment env) {
		this.key = new SecretKeySpec(keyBytes(settings, env), "AES");
	}

	byte[] seal(long boxId, String content) {
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			cipher.updateAAD(ByteBuffer.allocate(8).putLong(boxId).array());
			byte[] sealed = cipher.doFinal(content.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String open(long boxId, byte[] sealed) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
			cipher.updateAAD(ByteBuffer.allocate(8).putLong(boxId).array());
			return new String(cipher.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a held ballot cannot be opened with the configured ballot key", ex);
		}
	}

	private static byte[] keyBytes(SurveySettings settings, Environment env) {
		if (settings.ballotKey() != null && !settings.ballotKey().isBlank()) {
			byte[] key = Base64.getDecoder().decode(settings.ballotKey().strip());
			if (key.length != 32) {
				throw new IllegalStateException("party.interaction.surveys.ballot-key must be 32 bytes, base64-encoded");
			}
			return key;
		}
		String data = env.getProperty("party.security.data-key");
		if (data != null && !data.isBlank()) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(Base64.getDecoder().decode(data.strip()), "HmacSHA256"));
				return mac.doFinal("interaction-ballot-seal".getBytes(StandardCharsets.UTF_8));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
		Path file = Path.of(env.getProperty("party.data-dir", "./data")).toAbsolutePath().resolve("keys/ballot.key");
		try {
			synchronized (BallotSeal.class) {
				if (Files.exists(file)) {
					return Base64.getDecoder().decode(Files.readString(file).strip());
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
				return key;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the ballot key " + file, ex);
		}
	}
}
