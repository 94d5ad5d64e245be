package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The speed target for screening: a 20 000-character article against 10 000 words in at most 10 ms. Builds
 * the automaton over 10 000 generated Chinese words (2 to 6 characters, a tenth BLOCK), then screens a generated
 * article of 20 000 characters (common characters, punctuation and spaces, with 40 list words planted, some with
 * dots or spaces between their characters) as the item submit path does (title, body, alt texts, attachment
 * names). Prints the build time and the median, p99 and max over {@code -Dbench.runs} runs (default 500) after a
 * warm-up. Run with {@code ./mvnw -o test -Pbench -Dtest=ScreeningBenchmark}. Asserts only that the planted words
 * are found.
 */
class ScreeningBenchmark {

	private static final String COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方"
			+ "后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那"
			+ "社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展"
			+ "五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取"
			+ "据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真";

	private static final String PUNCTUATION = "，。、；：！？ ";

	@Test
	void screensATwentyThousandCharacterArticleAgainstTenThousandWords() {
		int words = Integer.getInteger("bench.words", 10_000);
		int chars = Integer.getInteger("bench.chars", 20_000);
		int runs = Integer.getInteger("bench.runs", 500);
		Random random = new Random(18);
		Set<String> list = new LinkedHashSet<>();
		while (list.size() < words) {
			int length = 2 + random.nextInt(5);
			StringBuilder w = new StringBuilder();
			for (int i = 0; i < length; i++) {
				w.append(COMMON.charAt(random.nextInt(COMMON.length())));
			}
			list.add(w.toString());
		}
		List<Screen.Entry> entries = new ArrayList<>();
		int i = 0;
		for (String w : list) {
			entries.add(new Screen.Entry(w, i++ % 10 == 0 ? WordAction.BLOCK : WordAction.REVIEW));
		}

		// the normal form's table is built once per JVM (class initialisation): measured apart
		long t0 = System.nanoTime();
		ScreenText.normalise("预热");
		long tableMillis = (System.nanoTime() - t0) / 1_000_000;
		long[] builds = new long[5];
		Screen.Automaton automaton = null;
		for (int b = 0; b < builds.length; b++) {
			long started = System.nanoTime();
			automaton = Screen.build(b, entries);
			builds[b] = System.nanoTime() - started;
		}

		StringBuilder article = new StringBuilder(chars + 200);
		List<String> planted = new ArrayList<>(list).subList(0, 40);
		int next = 0;
		while (article.length() < chars) {
			if (article.length() > (next + 1) * (chars / 41) && next < planted.size()) {
				String w = planted.get(next++);
				article.append(next % 3 == 0 ? String.join(".", w.split("")) : next % 3 == 1 ? String.join(" ", w.split("")) : w);
			}
			int run = 5 + random.nextInt(20);
			for (int k = 0; k < run; k++) {
				article.append(COMMON.charAt(random.nextInt(COMMON.length())));
			}
			article.append(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
		}
		String body = article.substring(0, chars);
		List<Screen.Field> fields = List.of(new Screen.Field("title", body.substring(0, 40)), new Screen.Field("body", body),
				new Screen.Field("body.img[0].alt", body.substring(100, 130)),
				new Screen.Field("attachments[0].name", "附件一：" + body.substring(200, 220) + ".docx"));

		Screen.Automaton a = automaton;
		int hits = 0;
		for (int w = 0; w < 200; w++) {
			hits = screen(a, fields).size();
		}
		long[] times = new long[runs];
		for (int r = 0; r < runs; r++) {
			long started = System.nanoTime();
			hits = screen(a, fields).size();
			times[r] = System.nanoTime() - started;
		}
		long[] folds = new long[runs];
		int length = 0;
		for (int r = 0; r < runs; r++) {
			long started = System.nanoTime();
			length += ScreenText.fold(body).length();
			folds[r] = System.nanoTime() - started;
		}
		Arrays.sort(folds);
		Arrays.sort(times);
		Arrays.sort(builds);
		System.out.printf("%nScreening benchmark: %,d words (%d distinct normal forms), article of %,d characters, %d runs%n",
				words, a.words(), body.length(), runs);
		System.out.printf("  normal-form table (once per JVM): %d ms%n", tableMillis);
		System.out.printf("  automaton build: median %.1f ms, min %.1f ms, max %.1f ms%n", builds[builds.length / 2] / 1e6,
				builds[0] / 1e6, builds[builds.length - 1] / 1e6);
		System.out.printf("  screening (4 fields, %d hits): median %.2f ms, p99 %.2f ms, max %.2f ms (target <= 10 ms)%n",
				hits, times[runs / 2] / 1e6, times[(int) Math.ceil(runs * 0.99) - 1] / 1e6, times[runs - 1] / 1e6);
		System.out.printf("  of which the normal form of the body alone: median %.2f ms, p99 %.2f ms (%d characters)%n%n",
				folds[runs / 2] / 1e6, folds[(int) Math.ceil(runs * 0.99) - 1] / 1e6, length / runs);
		List<String> found = new Screen.Result(screen(a, fields)).hits().stream().map(Screen.Hit::word).toList();
		assertThat(found).containsAll(planted.subList(0, 39));
	}

	private static List<Screen.Hit> screen(Screen.Automaton automaton, List<Screen.Field> fields) {
		List<Screen.Hit> hits = new ArrayList<>();
		for (Screen.Field f : fields) {
			hits.addAll(Screen.match(automaton.trie(), f.name(), f.text()));
		}
		return hits;
	}
}
