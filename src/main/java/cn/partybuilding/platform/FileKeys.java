package cn.partybuilding.platform;

import java.util.UUID;
import java.util.regex.Pattern;

/** The keys both file stores give out: {@code folder/uuid}, folder of lower-case letters, digits and dashes. */
final class FileKeys {

	private static final Pattern FOLDER = Pattern.compile("[a-z0-9-]{1,40}");

	private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,40}/[0-9a-f-]{36}");

	private FileKeys() {
	}

	/** A new key in the folder; a folder name outside the pattern is refused. */
	static String newKey(String folder) {
		if (folder == null || !FOLDER.matcher(folder).matches()) {
			throw new IllegalArgumentException("folder " + folder);
		}
		return folder + "/" + UUID.randomUUID();
	}

	/** The key itself when it is one the stores give out; anything else (a path walking out, a URL) is refused. */
	static String check(String key) {
		// keys come from the store itself, but never let one walk out of the folder or the bucket
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("key " + key);
		}
		return key;
	}
}
