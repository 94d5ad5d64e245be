package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.partybuilding.content.Screen.Entry;
import cn.partybuilding.content.Screen.Hit;

/** The screen's rules, without the database: the normal form, and matching in one pass with hits in place. */
class ScreenTest {

	private static final Screen.Automaton LIST = Screen.build(1, List.of(new Entry("法轮功", WordAction.BLOCK),
			new Entry("法轮", WordAction.REVIEW), new Entry("轮功", WordAction.REVIEW), new Entry("台独", WordAction.BLOCK),
			new Entry("ABC", WordAction.REVIEW), new Entry("游行示威", WordAction.REVIEW), new Entry("示威", WordAction.BLOCK)));

	private static List<Hit> hits(String text) {
		return Screen.match(LIST.trie(), "body", text);
	}

	private static List<String> words(String text) {
		return hits(text).stream().map(Hit::word).toList();
	}

	@Test
	@DisplayName("spaces between the characters of a word do not hide it: 法 轮 功 is 法轮功")
	void spacesBetweenCharacters() {
		assertThat(words("他们练 法 轮 功。")).contains("法轮功");
		assertThat(words("法\u3000轮\t功")).contains("法轮功"); // ideographic space and a tab
		assertThat(words("法\n轮\r\n功")).contains("法轮功");
	}

	@Test
	@DisplayName("punctuation and symbols between the characters do not hide it: 法.轮.功, 法-轮*功, 法😀轮功")
	void punctuationBetweenCharacters() {
		assertThat(words("法.轮.功")).contains("法轮功");
		assertThat(words("法-轮*功")).contains("法轮功");
		assertThat(words("法，轮。功")).contains("法轮功");
		assertThat(words("【法】【轮】【功】")).contains("法轮功");
		assertThat(words("法😀轮功")).contains("法轮功");
	}

	@Test
	@DisplayName("zero-width and other invisible characters between the characters do not hide it")
	void zeroWidthBetweenCharacters() {
		assertThat(words("法\u200b轮功")).contains("法轮功");
		assertThat(words("法\u200c轮\u200d功")).contains("法轮功");
		assertThat(words("法\ufeff轮\u2060功")).contains("法轮功");
		assertThat(words("法\u00ad轮功")).contains("法轮功"); // soft hyphen
		assertThat(words("法\u0336轮功")).contains("法轮功"); // a combining strike-through
	}

	@Test
	@DisplayName("full-width letters and digits are half-width, upper case is lower case: ＡＢＣ and abc are ABC")
	void fullWidthAndCase() {
		assertThat(words("ＡＢＣ")).containsExactly("ABC");
		assertThat(words("x a b c y")).containsExactly("ABC");
		assertThat(ScreenText.normalise("Ｆａｌｕｎ１２３")).isEqualTo("falun123");
		assertThat(ScreenText.normalise("①")).isEqualTo("1");
	}

	@Test
	@DisplayName("traditional characters are simplified: 法輪功 and 臺獨 are 法轮功 and 台独")
	void traditionalToSimplified() {
		assertThat(words("法輪功")).contains("法轮功");
		assertThat(words("支持臺獨")).containsExactly("台独");
		assertThat(ScreenText.normalise("中國共產黨")).isEqualTo("中国共产党");
		assertThat(ScreenText.normalise("習近平")).isEqualTo("习近平");
		assertThat(ScreenText.normalise("東專")).isEqualTo("东专");
	}

	@Test
	@DisplayName("a hit knows its place in the original text and the original characters it covers")
	void hitsInPlace() {
		String text = "标题：法 .轮功学员";
		Hit block = hits(text).stream().filter(h -> h.word().equals("法轮功")).findFirst().orElseThrow();
		assertThat(block.matched()).isEqualTo("法 .轮功");
		assertThat(text.substring(block.start(), block.end())).isEqualTo("法 .轮功");
		assertThat(block.start()).isEqualTo(3);
		assertThat(block.action()).isEqualTo("BLOCK");
		assertThat(block.field()).isEqualTo("body");
		// a character that grows under NFKC keeps the whole original character
		List<Hit> fullWidth = hits("前Ａ.Ｂ.Ｃ后");
		assertThat(fullWidth).singleElement().satisfies(h -> assertThat(h.matched()).isEqualTo("Ａ.Ｂ.Ｃ"));
	}

	@Test
	@DisplayName("overlapping words are all found: 法轮功 holds 法轮 and 轮功")
	void overlappingWords() {
		assertThat(words("法轮功")).containsExactlyInAnyOrder("法轮功", "法轮", "轮功");
	}

	@Test
	@DisplayName("a word inside a longer one is found: 示威 inside 游行示威, 法轮功 inside 法轮功学员")
	void wordInsideALongerOne() {
		assertThat(words("他们组织游行示威")).containsExactlyInAnyOrder("游行示威", "示威");
		assertThat(words("法轮功学员")).contains("法轮功");
	}

	@Test
	@DisplayName("BLOCK and REVIEW words together: blocked lists the BLOCK hits, flagged the REVIEW hits, each word once")
	void blockAndReviewTogether() {
		Screen.Result result = new Screen.Result(hits("游行示威与法轮功，再说一次示威"));
		assertThat(result.blocks()).isTrue();
		assertThat(result.flags()).isTrue();
		assertThat(result.blockedWords()).containsExactly("示威", "法轮功");
		assertThat(result.reviewWords()).containsExactlyInAnyOrder("游行示威", "法轮", "轮功");
		assertThat(result.blocked()).hasSize(3);
		assertThat(result.flagged()).allMatch(h -> h.action().equals("REVIEW"));
	}

	@Test
	@DisplayName("a text with no word of the list is clean, as is an empty list")
	void clean() {
		assertThat(hits("学习贯彻党的二十大精神")).isEmpty();
		assertThat(Screen.match(Screen.build(0, List.of()).trie(), "title", "法轮功")).isEmpty();
	}

	@Test
	@DisplayName("a word that is only punctuation has no normal form; words with one normal form count once, BLOCK first")
	void normalFormsOfWords() {
		assertThat(ScreenText.normalise(" ,.。！ ")).isEmpty();
		Screen.Automaton twice = Screen.build(1, List.of(new Entry("法 轮", WordAction.REVIEW), new Entry("法輪", WordAction.BLOCK)));
		assertThat(twice.words()).isEqualTo(1);
		assertThat(Screen.match(twice.trie(), "t", "法轮")).singleElement().satisfies(h -> assertThat(h.action()).isEqualTo("BLOCK"));
	}

	@Test
	@DisplayName("marking escapes the text and marks each hit in place, overlapping hits as one")
	void marking() {
		String text = "<b>法 轮功</b> & 游行示威";
		String html = Screen.marked(text, hits(text));
		assertThat(html).isEqualTo("&lt;b&gt;<mark class=\"screen-hit screen-block\" title=\"法轮功、法轮、轮功\">法 轮功</mark>"
				+ "&lt;/b&gt; &amp; <mark class=\"screen-hit screen-block\" title=\"游行示威、示威\">游行示威</mark>");
		assertThat(Screen.marked("一段<i>话</i>", List.of())).isEqualTo("一段&lt;i&gt;话&lt;/i&gt;");
	}
}
