package cn.partybuilding.content;

import org.springframework.stereotype.Service;

import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.FieldProblem;

/**
 * The committee's word list for other modules' texts (questions, answers, comments elsewhere): screens a text as
 * the news and notices are screened, spaces, punctuation, full-width letters and traditional characters between
 * the characters of a word notwithstanding; and lets a loader (the demo) put a word on the list.
 */
@Facade("screens other modules' texts against the committee's word list")
@Service
public class ContentScreening {

	private final Screen screen;

	private final WordList words;

	ContentScreening(Screen screen, WordList words) {
		this.screen = screen;
		this.words = words;
	}

	/** The verdict on a text (a null or blank text is clean). */
	public ScreenVerdict screen(String text) {
		Screen.Result result = screen.screen(new Screen.Field("text", text));
		return new ScreenVerdict(result.blocks(), result.flags(), result.blockedWords(), result.reviewWords());
	}

	/**
	 * Puts a word on the list, or sets the action of the word already there in any form (for the demo and other
	 * loaders; no caller needed). {@code block}: BLOCK when true, REVIEW when false. A blank word, a word of only
	 * punctuation or one over 50 characters is refused with an IllegalArgumentException.
	 */
	public void putWord(String word, boolean block, String by) {
		try {
			words.put(word, block ? WordAction.BLOCK.name() : WordAction.REVIEW.name(), by == null ? "system" : by);
		}
		catch (FieldProblem problem) {
			throw new IllegalArgumentException("word refused: " + word + " " + problem.problems());
		}
	}
}
