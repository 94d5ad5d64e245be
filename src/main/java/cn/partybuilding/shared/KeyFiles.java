package cn.partybuilding.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.springframework.core.env.Environment;

/**
 * The key files of the embedded default, in {@code party.data-dir/keys/}: one base64 line of 32 random bytes each,
 * readable by the platform's user alone, created on first use. Back the folder up with the database.
 */
public final class KeyFiles {

	private static final SecureRandom RANDOM = new SecureRandom();

	private KeyFiles() {
	}

	/** The folder of the key files. */
	public static Path folder(Environment env) {
		return Path.of(env.getProperty("party.data-dir", "./data")).toAbsolutePath().resolve("keys");
	}

	/** A 32-byte key given in a setting as base64; empty when the setting is not given. */
	public static Optional<byte[]> configured(Environment env, String property) {
		String value = env.getProperty(property);
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		byte[] key = Base64.getDecoder().decode(value.strip());
		if (key.length != 32) {
			throw new IllegalStateException(property + " must be 32 bytes, base64-encoded");
		}
		return Optional.of(key);
	}

	/** The key in this file of the keys folder, if it exists. */
	public static Optional<byte[]> read(Environment env, String name) {
		Path file = folder(env).resolve(name);
		try {
			return Files.exists(file) ? Optional.of(Base64.getDecoder().decode(Files.readString(file).strip()))
					: Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the key " + file, ex);
		}
	}

	/** The key in this file of the keys folder, created with 32 random bytes when missing. */
	public static synchronized byte[] readOrCreate(Environment env, String name) {
		Optional<byte[]> existing = read(env, name);
		if (existing.isPresent()) {
			return existing.get();
		}
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		write(env, name, Base64.getEncoder().encodeToString(key));
		return key;
	}

	/** Writes a new key file (readable by the platform's user alone), whole or not at all; an existing one is kept. */
	public static synchronized void write(Environment env, String name, String content) {
		Path file = folder(env).resolve(name);
		try {
			Files.createDirectories(file.getParent());
			Path temp = Files.createTempFile(file.getParent(), name, ".new");
			Files.writeString(temp, content);
			try {
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the folder's own protection applies
			}
			Files.move(temp, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the key " + file, ex);
		}
	}
}
