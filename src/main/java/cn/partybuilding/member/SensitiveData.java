package cn.partybuilding.member;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.CryptoSuite;
import cn.partybuilding.shared.KeyFiles;

/**
 * Encrypts sensitive personal information (ID-card numbers, phones) and gives each value a keyed hash for exact
 * look-up without decrypting, under a ring of data keys. Each stored value names its key's version
 * ({@code v2:…}); each version has its suite, {@code AES} (AES-256-GCM + HMAC-SHA256) or {@code SM} (SM4-GCM +
 * HMAC-SM3). Version 1 is AES under {@code party.security.data-key} (base64, 32 bytes) or, on the embedded default,
 * {@code party.data-dir/keys/data.key}, created on first start. Later versions come from settings
 * {@code party.security.data-keys.N=SUITE:base64} or, on the embedded default, from the files
 * {@code keys/data-vN.key} holding the same, which a key rotation writes. New values are sealed under the newest
 * version; every version in the ring stays readable, and a look-up computes the hash under each, so look-ups work
 * while a rotation re-encrypts. Without a version 1 key the platform does not start: data encrypted with a key that
 * is then lost can never be read again.
 */
@Component
class SensitiveData {

	private static final Logger log = LoggerFactory.getLogger(SensitiveData.class);

	private static final Pattern VERSION = Pattern.compile("^v(\\d+):");

	private static final Pattern FILE = Pattern.compile("data-v(\\d+)\\.key");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** One version of the data key: its suite and the keys derived for the cipher and the look-up hash. */
	record DataKey(int version, CryptoSuite suite, byte[] cipherKey, byte[] lookupKey) {

		static DataKey of(int version, CryptoSuite suite, byte[] master) {
			return new DataKey(version, suite, suite.cipherKey(master, "encryption"), suite.macKey(master, "lookup"));
		}

		String prefix() {
			return "v" + version + ":";
		}
	}

	private final Environment env;

	private volatile NavigableMap<Integer, DataKey> ring;

	SensitiveData(Environment env) {
		this.env = env;
		this.ring = load(env);
	}

	String encrypt(String plain) {
		DataKey key = current();
		byte[] nonce = new byte[CryptoSuite.NONCE];
		RANDOM.nextBytes(nonce);
		return key.prefix()
				+ Base64.getEncoder().encodeToString(key.suite().seal(key.cipherKey(), nonce, plain.getBytes(StandardCharsets.UTF_8)));
	}

	String decrypt(String stored) {
		DataKey key = ring.get(versionOf(stored));
		if (key == null) {
			throw new IllegalStateException("a stored value names data key version " + versionOf(stored)
					+ ", which is not configured");
		}
		try {
			byte[] sealed = Base64.getDecoder().decode(stored.substring(key.prefix().length()));
			return new String(key.suite().open(key.cipherKey(), sealed), StandardCharsets.UTF_8);
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			throw new IllegalStateException("a stored value cannot be decrypted with the configured data key", ex);
		}
	}

	/** The hash under the newest key, to store: the same value always gives the same hash; without the key nobody can compute it. */
	String lookupHash(String plain) {
		return hash(current(), plain);
	}

	/** The hash under every key of the ring, newest first: a look-up finds values stored before or during a rotation. */
	List<String> lookupHashes(String plain) {
		return ring.descendingMap().values().stream().map(k -> hash(k, plain)).distinct().toList();
	}

	/** The version of the key a stored value is sealed under. */
	static int versionOf(String stored) {
		Matcher m = VERSION.matcher(stored);
		if (!m.find()) {
			throw new IllegalStateException("a stored value names no data key version");
		}
		return Integer.parseInt(m.group(1));
	}

	/** The key new values are sealed under: the newest version. */
	DataKey current() {
		return ring.lastEntry().getValue();
	}

	/** Whether this platform keeps its data keys as files in its data folder (the embedded default). */
	boolean keepsKeyFiles() {
		return env.getProperty("party.embedded.active", Boolean.class, false);
	}

	/** A new newest key of this suite, written to the keys folder (embedded default): new values are sealed under it. */
	synchronized DataKey addKey(CryptoSuite suite) {
		if (!keepsKeyFiles()) {
			throw new IllegalStateException("keys are configured, not kept in the data folder");
		}
		int version = current().version() + 1;
		byte[] master = new byte[32];
		RANDOM.nextBytes(master);
		Path file = KeyFiles.folder(env).resolve("data-v" + version + ".key");
		KeyFiles.write(env, file.getFileName().toString(), suite.name() + ":" + Base64.getEncoder().encodeToString(master));
		log.warn("Created data key version {} ({}) in {} — back it up with the database, and keep the older key files",
				version, suite, file);
		NavigableMap<Integer, DataKey> next = new TreeMap<>(ring);
		next.put(version, DataKey.of(version, suite, master));
		ring = next;
		return next.get(version);
	}

	/** The versions in the ring with their suites. */
	Map<Integer, CryptoSuite> versions() {
		Map<Integer, CryptoSuite> out = new TreeMap<>();
		ring.forEach((v, k) -> out.put(v, k.suite()));
		return out;
	}

	private static String hash(DataKey key, String plain) {
		return HexFormat.of().formatHex(key.suite().mac(key.lookupKey()).update(plain.getBytes(StandardCharsets.UTF_8)).finish());
	}

	private static NavigableMap<Integer, DataKey> load(Environment env) {
		NavigableMap<Integer, DataKey> ring = new TreeMap<>();
		ring.put(1, DataKey.of(1, CryptoSuite.AES, firstKey(env)));
		boolean embedded = env.getProperty("party.embedded.active", Boolean.class, false);
		Path folder = KeyFiles.folder(env);
		if (embedded && Files.isDirectory(folder)) {
			try (var files = Files.list(folder)) {
				for (Path file : files.toList()) {
					Matcher m = FILE.matcher(file.getFileName().toString());
					if (m.matches()) {
						int version = Integer.parseInt(m.group(1));
						ring.put(version, parse(version, Files.readString(file), file.toString()));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the data keys in " + folder, ex);
			}
		}
		for (int version = 2; version < 100; version++) {
			String configured = env.getProperty("party.security.data-keys." + version);
			if (configured != null && !configured.isBlank()) {
				ring.put(version, parse(version, configured, "party.security.data-keys." + version));
			}
		}
		return ring;
	}

	/** SUITE:base64 of 32 bytes. */
	private static DataKey parse(int version, String text, String where) {
		String[] parts = text.strip().split(":", 2);
		try {
			byte[] master = Base64.getDecoder().decode(parts[1]);
			if (parts.length != 2 || master.length != 32) {
				throw new IllegalArgumentException();
			}
			return DataKey.of(version, CryptoSuite.valueOf(parts[0]), master);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(where + " must read SUITE:KEY, SUITE being AES or SM and KEY 32 bytes base64");
		}
	}

	private static byte[] firstKey(Environment env) {
		var configured = KeyFiles.configured(env, "party.security.data-key");
		if (configured.isPresent()) {
			return configured.get();
		}
		if (!env.getProperty("party.embedded.active", Boolean.class, false)) {
			throw new IllegalStateException("Set party.security.data-key (32 random bytes, base64) to encrypt personal "
					+ "data; e.g. `openssl rand -base64 32`. Keep it safe: without it the data cannot be read.");
		}
		boolean existed = KeyFiles.read(env, "data.key").isPresent();
		byte[] key = KeyFiles.readOrCreate(env, "data.key");
		if (!existed) {
			log.warn("Created the data key {} — back it up with the database: without it personal data cannot be read",
					KeyFiles.folder(env).resolve("data.key"));
		}
		return key;
	}
}
