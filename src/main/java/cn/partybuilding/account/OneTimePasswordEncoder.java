package cn.partybuilding.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Stored as {@code {otp}salt$sha256}: only for the random one-time passwords of accounts opened in bulk
 * (an import of 50 000 members cannot afford 50 000 bcrypt rounds). Those passwords carry about 93 bits
 * of chance, which no fast hash makes guessable, and must be replaced at the first sign-in, when the
 * person's own password is stored with bcrypt. Never used for a password a person chose.
 */
final class OneTimePasswordEncoder implements PasswordEncoder {

	static final String ID = "otp";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	public String encode(CharSequence raw) {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		String saltHex = HexFormat.of().formatHex(salt);
		return saltHex + "$" + digest(saltHex, raw);
	}

	/** Answering as slowly as bcrypt does, so timing cannot tell who has not yet chosen a password. */
	private static final BCryptPasswordEncoder BCRYPT =
			new BCryptPasswordEncoder();

	private static final String DUMMY = BCRYPT.encode("one-time-password-timing");

	@Override
	public boolean matches(CharSequence raw, String encoded) {
		if (raw == null || encoded == null) {
			return false;
		}
		BCRYPT.matches(raw, DUMMY);
		int dollar = encoded.indexOf('$');
		if (dollar < 0) {
			return false;
		}
		return MessageDigest.isEqual(encoded.substring(dollar + 1).getBytes(StandardCharsets.US_ASCII),
				digest(encoded.substring(0, dollar), raw).getBytes(StandardCharsets.US_ASCII));
	}

	/** A person who signed in with it is made to choose their own, which is then stored with bcrypt. */
	@Override
	public boolean upgradeEncoding(String encoded) {
		return true;
	}

	private static String digest(String salt, CharSequence raw) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(salt.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(sha.digest(raw.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
