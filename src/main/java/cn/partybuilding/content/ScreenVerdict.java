package cn.partybuilding.content;

import java.util.List;

/**
 * What the committee's word list says of a text: blocked (a BLOCK word is in it: refuse it), flagged (a REVIEW
 * word is in it: hold it for a person), and the words found, each once, as the list has them.
 */
public record ScreenVerdict(boolean blocked, boolean flagged, List<String> blockWords, List<String> reviewWords) {

	public ScreenVerdict {
		blockWords = List.copyOf(blockWords);
		reviewWords = List.copyOf(reviewWords);
	}

	/** Nothing on the list was found. */
	public boolean clean() {
		return !blocked && !flagged;
	}
}
