package cn.partybuilding.shared;

import java.security.SecureRandom;

/**
 * The code a printed document (a letter, a certificate) is checked by on a public page: 12 letters and digits
 * without look-alikes (0/O, 1/I/L), read off paper and typed with spaces, dashes or small letters forgiven.
 */
public final class VerificationCode {

	private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

	private static final SecureRandom RANDOM = new SecureRandom();

	private VerificationCode() {
	}

	public static String fresh() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/** The code as typed, cleaned: spaces and dashes dropped, capitals. */
	public static String typed(String code) {
		return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase();
	}

	/** Whether a cleaned code could be one at all (so nothing else reaches the database). */
	public static boolean wellFormed(String code) {
		return code != null && code.matches("[2-9A-Z]{12}");
	}
}
