package cn.partybuilding.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How text becomes search terms: Chinese bigrams, words, normalisation, and nothing of tsquery syntax from input. */
class SearchTermsTest {

	@Test
	void chineseRunsAreFoundByTheirBigramsTrigramsAndLastCharacter() {
		assertThat(SearchTerms.runs("不忘初心，牢记使命")).extracting(SearchTerms.Run::text).containsExactly("不忘初心", "牢记使命");
		assertThat(SearchTerms.matchTerms(new SearchTerms.Run("不忘初心", true)))
			.containsExactly("不忘", "不忘初", "忘初", "忘初心", "初心", "心");
		assertThat(SearchTerms.rankTerms(new SearchTerms.Run("不忘初心", true))).containsExactly("不忘", "忘初", "初心", "心");
		assertThat(SearchTerms.matchTerms(new SearchTerms.Run("党", true))).containsExactly("党");
	}

	@Test
	void latinWordsAndDigitsAreWordsAndFullWidthIsHalfWidth() {
		assertThat(SearchTerms.runs("学习ＰＤＦ版2024年 Marx's")).extracting(SearchTerms.Run::text)
			.containsExactly("学习", "pdf", "版", "2024", "年", "marx", "s");
	}

	@Test
	void theRankVectorCarriesTitleWeightAAndTheLeadWeightBAfterIt() {
		assertThat(SearchTerms.ranked("党章", "学习党章")).isEqualTo("'党章':1A,6B '章':2A,7B '学习':4B '习党':5B");
		assertThat(SearchTerms.lexemes("党章", "学习党章")).isEqualTo("'党章' '章' '学习' '学习党' '习党' '习党章'");
		assertThat(SearchTerms.lexemes("", "")).isEmpty();
	}

	@Test
	void aQueryIsTwoCharactersAsABigramLongerWordsAsTrigramsAndOneCharacterAsAPrefix() {
		assertThat(SearchTerms.query("不忘初心"))
			.contains(new SearchQuery("'不忘初' & '忘初心'", "'不忘' | '忘初' | '初心'"));
		assertThat(SearchTerms.query("党章 学习").map(SearchQuery::match)).contains("'党章' & '学习'");
		assertThat(SearchTerms.query("三会一课").map(SearchQuery::match)).contains("'三会一' & '会一课'");
		assertThat(SearchTerms.query("党").map(SearchQuery::match)).contains("'党':*");
		assertThat(SearchTerms.query("ＰＤＦ").map(SearchQuery::match)).contains("'pdf'");
	}

	@Test
	void tsquerySyntaxInTheInputIsOnlySeparators() {
		assertThat(SearchTerms.query("党章 & | ! ( ) :* ' \\ <-> \"").map(SearchQuery::match)).contains("'党章'");
		assertThat(SearchTerms.query("& | ! ( ) :* ' <->")).isEmpty();
		assertThat(SearchTerms.query("   ")).isEmpty();
	}

	@Test
	void theSnippetIsAWindowAroundTheFirstMatchShownAsWritten() {
		String body = "第一段讲组织生活。".repeat(10) + "我们要不忘初心、牢记使命，认真学习ＰＤＦ材料。" + "其余内容。".repeat(20);
		String snippet = SearchTerms.snippet(body, SearchTerms.needles("初心"));
		assertThat(snippet).startsWith("…").endsWith("…").contains("不忘初心、牢记使命");
		assertThat(snippet.length()).isLessThanOrEqualTo(SearchTerms.SNIPPET_LENGTH + 2);
		assertThat(SearchTerms.snippet(body, SearchTerms.needles("pdf"))).contains("ＰＤＦ");
		assertThat(SearchTerms.snippet("短文。", List.of("无关"))).isEqualTo("短文。");
		// the words of a longer query found apart: the window is at the first of its bigrams
		assertThat(SearchTerms.snippet("甲乙丙丁" + "。".repeat(80) + "党章在此", List.of("学习党章"))).contains("党章在此");
	}
}
