package cn.partybuilding.shared;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** What an uploaded file is, from its first bytes: a script renamed .jpg is nothing we accept. */
public final class FileKinds {

	private FileKinds() {
	}

	/** The name an upload is kept under: no folders, at most 200 characters (its end, with the extension). */
	public static String fileName(String original, String fallback) {
		String name = original == null || original.isBlank() ? fallback : Path.of(original).getFileName().toString();
		return name.length() > 200 ? name.substring(name.length() - 200) : name;
	}

	/** Photos (JPEG, PNG), PDF, Word and Excel files, recognised by their first bytes — never by their names. */
	public static Optional<String> of(byte[] bytes) {
		if (starts(bytes, 0xFF, 0xD8, 0xFF)) {
			return Optional.of("image/jpeg");
		}
		if (starts(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return Optional.of("image/png");
		}
		if (starts(bytes, '%', 'P', 'D', 'F', '-')) {
			return Optional.of("application/pdf");
		}
		if (starts(bytes, 'P', 'K', 0x03, 0x04) && new String(bytes, 0, Math.min(bytes.length, 4096),
				StandardCharsets.ISO_8859_1).contains("word/")) {
			return Optional.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		}
		if (starts(bytes, 'P', 'K', 0x03, 0x04) && new String(bytes, 0, Math.min(bytes.length, 4096),
				StandardCharsets.ISO_8859_1).contains("xl/")) {
			return Optional.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		}
		if (starts(bytes, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
			return Optional.of("application/msword");
		}
		return Optional.empty();
	}

	private static boolean starts(byte[] bytes, int... magic) {
		if (bytes.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((bytes[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}
}
