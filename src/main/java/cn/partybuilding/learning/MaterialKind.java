package cn.partybuilding.learning;

/** What a study material is; each kind has its own rule for what counts as finished. */
public enum MaterialKind {
	/** Rich text written in the platform: finished after the effective reading time its length asks for. */
	ARTICLE,
	/** A document viewed in the browser: finished after an effective reading time. */
	PDF,
	/** An MP4 video: finished when enough of it was really played. */
	VIDEO,
	/** An audio file: finished when enough of it was really played. */
	AUDIO,
	/** A page elsewhere: the platform cannot see it studied, so it never counts as finished and earns nothing. */
	LINK,
	/**
	 * An equirectangular photo (JPEG or PNG, about 2:1) shown as a 360° scene of a 红色教育 hall; kept as uploaded and
	 * in sizes for the screen. Seen in a hall, it is never finished by itself.
	 */
	PANORAMA;

	boolean isMedia() {
		return this == VIDEO || this == AUDIO;
	}

	/** Whether studying it on its own page can finish it (a link cannot be seen, a panorama is seen in its hall). */
	boolean finishable() {
		return this != LINK && this != PANORAMA;
	}

	boolean isFile() {
		return this == PDF || this == VIDEO || this == AUDIO || this == PANORAMA;
	}
}
