package cn.partybuilding.member;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * A resident identity card number (居民身份证号码) after GB 11643-1999: 6 digits of region, 8 of birth date,
 * 3 of sequence (odd for men, even for women) and a check character computed with ISO 7064 MOD 11-2.
 */
public record IdCardNumber(String value) {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

	private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd")
		.withResolverStyle(ResolverStyle.STRICT);

	/** Why a text is not a valid number, as a message key; empty when it is valid. */
	public static Optional<String> problemWith(String text) {
		String v = normalize(text);
		if (!v.matches("\\d{17}[\\dX]")) {
			return Optional.of("member.idCard.format");
		}
		if (birthDateOf(v) == null) {
			return Optional.of("member.idCard.birthDate");
		}
		if (v.charAt(17) != checkCharacter(v)) {
			return Optional.of("member.idCard.checkDigit");
		}
		return Optional.empty();
	}

	public static IdCardNumber parse(String text) {
		problemWith(text).ifPresent(key -> {
			throw new IllegalArgumentException(key);
		});
		return new IdCardNumber(normalize(text));
	}

	/** Upper-case X, no spaces: how people type it is not how it is stored. */
	static String normalize(String text) {
		return text == null ? "" : text.replaceAll("\\s", "").toUpperCase();
	}

	/** The check character of the first 17 digits (ISO 7064 MOD 11-2); generators of test and demo data use it. */
	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK[sum % 11];
	}

	private static LocalDate birthDateOf(String v) {
		try {
			return LocalDate.parse(v.substring(6, 14), BIRTH);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	public LocalDate birthDate() {
		return birthDateOf(value);
	}

	/** The 17th digit: odd for a man, even for a woman. */
	public Gender gender() {
		return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
	}

	/** Shown in lists: the region and the last four, e.g. 420102********1234. */
	public String masked() {
		return value.substring(0, 6) + "********" + value.substring(14);
	}

	@Override
	public String toString() {
		return masked();
	}
}
