package cn.partybuilding.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The {@code Content-Disposition} of a file the platform hands out (exports, archives, attachments). */
public final class Downloads {

	private Downloads() {
	}

	/**
	 * {@code attachment; filename="fallback"; filename*=UTF-8''…}: the Chinese name for every current
	 * browser, a plain one for the rest (instead of a row of underscores).
	 */
	public static String attachment(String fileName, String asciiFallback) {
		return "attachment; filename=\"" + asciiFallback + "\"; filename*=UTF-8''"
				+ URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
