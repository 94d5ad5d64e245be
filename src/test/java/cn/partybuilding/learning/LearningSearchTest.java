package cn.partybuilding.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.learning.StudySearch.Doc;
import cn.partybuilding.learning.StudySearch.Hit;

/**
 * Chinese search on the real PostgreSQL: two-character words in titles and bodies, title matches first, only what
 * the reader may see, and no input that breaks the query. Each test uses words of its own (a random rare
 * two-character word or a Latin marker), so documents of other tests and of the demo do not disturb it.
 */
class LearningSearchTest extends PlatformTest {

	/** Ids far above any the demo gives, one range per test run. */
	static final AtomicLong IDS = new AtomicLong(9_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));

	@Autowired
	StudySearch search;

	@Autowired
	TransactionTemplate tx;

	static String marker() {
		return unique("zq").toLowerCase();
	}

	/** Two random characters from the rarer end of the CJK block: a word no other document has. */
	static String rareWord() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new String(new int[] { 0x9300 + random.nextInt(0x600), 0x9300 + random.nextInt(0x600) }, 0, 2);
	}

	long index(long orgId, boolean wholeSchool, String title, String text) {
		long id = IDS.incrementAndGet();
		tx.executeWithoutResult(t -> search.index(new Doc("material", id, "ARTICLE", orgId, wholeSchool, title, text)));
		return id;
	}

	List<Hit> find(String q) {
		return search.search(Set.of(orgId("SFDX")), q, PageRequest.of(0, 50)).getContent();
	}

	@Test
	void theEmbeddedPostgresqlIsVersion14OrLater() {
		int version = jdbc.sql("select current_setting('server_version_num')::int").query(Integer.class).single();
		String text = jdbc.sql("select version()").query(String.class).single();
		assertThat(version).as(text).isGreaterThanOrEqualTo(140000);
	}

	@Test
	void aTwoCharacterWordIsFoundInTitlesAndBodiesAndATitleMatchComesFirst() {
		String word = rareWord();
		long school = orgId("SFDX");
		String filler = "认真学习贯彻党的二十大精神，推动全面从严治党向纵深发展。";
		long inBody = index(school, false, "支部学习材料",
				filler.repeat(5) + "本次重点学习" + word + "的内容，" + word + "贯穿始终，" + word + "是关键。" + filler);
		long inTitle = index(school, false, "关于" + word + "的专题学习", filler);
		long neither = index(school, false, "无关材料", filler);

		List<Hit> hits = find(word);
		assertThat(hits).extracting(Hit::id).containsExactly(inTitle, inBody).doesNotContain(neither);
		Hit body = hits.get(1);
		assertThat(body.snippet()).contains("本次重点学习" + word).startsWith("…");
		assertThat(body.kind()).isEqualTo("ARTICLE");
		assertThat(body.type()).isEqualTo("material");
		assertThat(hits.get(0).title()).isEqualTo("关于" + word + "的专题学习");
	}

	@Test
	void wordsAreFoundInsideLongerText() {
		String marker = marker();
		long school = orgId("SFDX");
		long buWang = index(school, false, "主题教育 " + marker, "我们要不忘初心、牢记使命，走好新时代的长征路。");
		long zhangCheng = index(school, false, "学习资料 " + marker, "认真学习《中国共产党章程》，做合格党员。");
		long ruDang = index(school, false, "入党誓词 " + marker, "我志愿加入中国共产党");

		assertThat(find("初心 " + marker)).extracting(Hit::id).containsExactly(buWang);
		assertThat(find("不忘初心 " + marker)).extracting(Hit::id).containsExactly(buWang);
		// bigrams find 党章 inside 中国共产党章程 (a substring, though the words are 共产党 and 章程)
		assertThat(find("党章 " + marker)).extracting(Hit::id).containsExactly(zhangCheng);
		// one character finds every occurrence, also the last one of a run
		assertThat(find("党 " + marker)).extracting(Hit::id).containsExactlyInAnyOrder(zhangCheng, ruDang);
		// mixed queries: every term must be there
		assertThat(find("初心 使命 " + marker)).extracting(Hit::id).containsExactly(buWang);
		assertThat(find("初心 党章 " + marker)).isEmpty();
		// full-width letters and punctuation are the same as half-width
		assertThat(find("初心，" + marker.toUpperCase())).extracting(Hit::id).containsExactly(buWang);
		String wide = marker.codePoints().map(c -> c >= '!' && c <= '~' ? c + 0xFEE0 : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		assertThat(find("初心 " + wide)).extracting(Hit::id).containsExactly(buWang);
		// punctuation only: nothing to search for, nothing found
		assertThat(find("，。！")).isEmpty();
	}

	@Test
	void aWordIsFoundAsWrittenNotAsItsBigramsApartAlsoAtTheEndOfALongText() {
		String marker = marker();
		long school = orgId("SFDX");
		long apart = index(school, false, "材料 " + marker, "推动事业发展。党员带头。开展党课。");
		long together = index(school, false, "材料 " + marker, "做好发展党员工作。");
		long longText = index(school, false, "长篇 " + marker, "学习。".repeat(9000) + "遵义会议");

		assertThat(find("发展党员 " + marker)).extracting(Hit::id).containsExactly(together).doesNotContain(apart);
		// past where PostgreSQL keeps positions (16 383): the trigrams need none
		assertThat(find("遵义会议 " + marker)).extracting(Hit::id).containsExactly(longText);
		assertThat(find("学习遵义 " + marker)).extracting(Hit::id).isEmpty();
	}

	@Test
	void reindexingReplacesAndRemovingTakesOut() {
		String marker = marker();
		long id = index(orgId("SFDX"), false, "初稿 " + marker, "旧的正文");
		tx.executeWithoutResult(t -> search.index(new Doc("material", id, "PDF", orgId("SFDX"), false, "定稿 " + marker, "新的正文")));
		assertThat(find(marker)).extracting(Hit::title, Hit::kind).containsExactly(org.assertj.core.groups.Tuple.tuple("定稿 " + marker, "PDF"));
		assertThat(find("旧的 " + marker)).isEmpty();
		tx.executeWithoutResult(t -> search.remove("material", id));
		assertThat(find(marker)).isEmpty();
	}

	List<Long> idsFor(RequestPostProcessor who, String q) throws Exception {
		String json = mvc.perform(get("/api/v1/learning/search").param("q", q).with(who))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<Number> ids = JsonPath.read(json, "$.content[*].id");
		return ids.stream().map(Number::longValue).toList();
	}

	@Test
	void eachReaderFindsOnlyWhatIsOfferedToThem() throws Exception {
		String marker = marker();
		long school = index(orgId("SFDX"), false, "全校学习 " + marker, "学习党章");
		long college = index(orgId("SFDX-JSJ"), false, "学院学习 " + marker, "学习党章");
		long branch1 = index(orgId("SFDX-JSJ-01"), false, "支部学习 " + marker, "学习党章");
		long group = index(orgId("SFDX-JSJ-01-G1"), false, "小组学习 " + marker, "学习党章");
		long branch2 = index(orgId("SFDX-JX-01"), false, "另一学院支部 " + marker, "学习党章");
		long branch2ForAll = index(orgId("SFDX-JX-01"), true, "另一学院支部面向全校 " + marker, "学习党章");

		assertThat(idsFor(login("admin"), "党章 " + marker))
			.containsExactlyInAnyOrder(school, college, branch1, group, branch2, branch2ForAll);
		assertThat(idsFor(login("college1"), "党章 " + marker))
			.containsExactlyInAnyOrder(school, college, branch1, group, branch2ForAll);
		assertThat(idsFor(login("branch1"), "党章 " + marker))
			.containsExactlyInAnyOrder(school, college, branch1, group, branch2ForAll);
		assertThat(idsFor(login("branch2"), "党章 " + marker))
			.containsExactlyInAnyOrder(school, branch2, branch2ForAll);
		assertThat(idsFor(login("member1"), "党章 " + marker))
			.containsExactlyInAnyOrder(school, college, branch1, branch2ForAll);
	}

	@Test
	void anyInputIsAnsweredNeverAServerError() throws Exception {
		String marker = marker();
		long id = index(orgId("SFDX"), false, "党章学习 " + marker, "正文");
		var member1 = login("member1");
		assertThat(idsFor(member1, "党章 & | ! ( ) :* ' " + marker)).containsExactly(id);
		for (String q : List.of("'", "\\", "&", "!!", ":*", "<->", "a:*", "'; drop table learning_search; --", "(党章",
				"党章)' | '学习", "\u0000党章")) {
			mvc.perform(get("/api/v1/learning/search").param("q", q).with(member1)).andExpect(status().isOk());
		}
		assertThat(jdbc.sql("select count(*) from learning_search where ref_id = ?").param(id).query(Long.class).single())
			.isOne();
	}

	@Test
	void aBlankOrOverlongQueryIsRefusedWithAClearMessage() throws Exception {
		var member1 = login("member1");
		mvc.perform(get("/api/v1/learning/search").param("q", "  ").with(member1))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("q"))
			.andExpect(jsonPath("$.message").value("请输入要搜索的内容"));
		mvc.perform(get("/api/v1/learning/search").with(member1)).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/learning/search").param("q", "党".repeat(101)).with(member1))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("搜索内容不能超过 100 个字"));
		mvc.perform(get("/api/v1/learning/search").param("q", "党章")).andExpect(status().isUnauthorized());
	}

	@Test
	void pagesAreAtMostFiftyAndCountAll() throws Exception {
		String marker = marker();
		for (int i = 0; i < 53; i++) {
			index(orgId("SFDX"), false, "第" + i + "篇 " + marker, "学习");
		}
		var admin = login("admin");
		mvc.perform(get("/api/v1/learning/search").param("q", marker).param("size", "500").with(admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(50))
			.andExpect(jsonPath("$.totalElements").value(53));
		mvc.perform(get("/api/v1/learning/search").param("q", marker).param("page", "1").param("size", "50").with(admin))
			.andExpect(jsonPath("$.content.length()").value(3))
			.andExpect(jsonPath("$.totalElements").value(53));
	}
}
