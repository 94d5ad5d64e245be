package cn.partybuilding.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.ahocorasick.trie.PayloadTrie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The screen: one Aho-Corasick automaton over the normal forms of the committee's words (see {@link ScreenText}),
 * matched against named texts (a title, a body's text, an image's alt text, an attachment's name) in one pass each.
 * A change on this node rebuilds it at once (after the change commits); a change on another node is seen within
 * {@code party.content.screen.reload-seconds}, when the list's version in the database moved.
 */
@Component
class Screen {

	private static final Logger log = LoggerFactory.getLogger(Screen.class);

	/** A named text to screen: {@code title}, {@code body}, {@code body.img[2].alt}, {@code attachments[0].name}. */
	record Field(String name, String text) {
	}

	/**
	 * A word found: the field, the list's word as entered, BLOCK or REVIEW, the original text matched (with the
	 * spaces or dots put between its characters), and where it stands in the field's text (start inclusive, end exclusive).
	 */
	record Hit(String field, String word, String action, String matched, int start, int end) {

		boolean blocks() {
			return WordAction.BLOCK.name().equals(action);
		}
	}

	/** All the hits of a screening, in field order then position. */
	record Result(List<Hit> hits) {

		Result {
			hits = List.copyOf(hits);
		}

		/** The BLOCK hits: any one stops a submission. */
		List<Hit> blocked() {
			return hits.stream().filter(Hit::blocks).toList();
		}

		/** The REVIEW hits: marked for the reviewer. */
		List<Hit> flagged() {
			return hits.stream().filter(h -> !h.blocks()).toList();
		}

		boolean blocks() {
			return hits.stream().anyMatch(Hit::blocks);
		}

		boolean flags() {
			return hits.stream().anyMatch(h -> !h.blocks());
		}

		/** The BLOCK words found, each once, as the list has them. */
		List<String> blockedWords() {
			return words(blocked());
		}

		/** The REVIEW words found, each once, as the list has them. */
		List<String> reviewWords() {
			return words(flagged());
		}

		/** The hits in one field (for marking it). */
		List<Hit> in(String field) {
			return hits.stream().filter(h -> h.field().equals(field)).toList();
		}

		/** The BLOCK words found in one field, each once (the API's {@code errors[].words}). */
		List<String> blockedWordsIn(String field) {
			return words(in(field).stream().filter(Hit::blocks).toList());
		}

		private static List<String> words(List<Hit> hits) {
			return List.copyOf(new LinkedHashSet<>(hits.stream().map(Hit::word).toList()));
		}
	}

	/** A word of the list as the automaton carries it. */
	record Entry(String word, WordAction action) {
	}

	/** The automaton built from one version of the list. */
	record Automaton(long version, PayloadTrie<Entry> trie, int words, long builtMillis) {
	}

	private final JdbcClient jdbc;

	private final long reloadNanos;

	private final AtomicLong lastCheck = new AtomicLong(Long.MIN_VALUE);

	private volatile Automaton current;

	Screen(JdbcClient jdbc, ScreenSettings settings) {
		this.jdbc = jdbc;
		this.reloadNanos = Math.max(0, settings.reloadSeconds()) * 1_000_000_000L;
	}

	/** Screens named texts (nulls and blanks are passed over). */
	Result screen(List<Field> fields) {
		Automaton automaton = automaton();
		List<Hit> hits = new ArrayList<>();
		for (Field field : fields) {
			if (field != null && field.text() != null && !field.text().isBlank()) {
				hits.addAll(match(automaton.trie(), field.name(), field.text()));
			}
		}
		return new Result(hits);
	}

	Result screen(Field... fields) {
		return screen(Arrays.asList(fields));
	}

	/** The hits of one text against an automaton, in order of position (longer first where two start together). */
	static List<Hit> match(PayloadTrie<Entry> trie, String field, String text) {
		ScreenText.Folded folded = ScreenText.fold(text);
		List<Hit> hits = new ArrayList<>();
		trie.parseText(folded.text(), emit -> {
			int start = folded.from()[emit.getStart()];
			int end = folded.to()[emit.getEnd()];
			Entry entry = emit.getPayload();
			hits.add(new Hit(field, entry.word(), entry.action().name(), text.substring(start, end), start, end));
			return true;
		});
		hits.sort(Comparator.comparingInt(Hit::start).thenComparing(Comparator.comparingInt(Hit::end).reversed()));
		return hits;
	}

	/** The automaton of the list as it stands, asking the database at most every reload interval. */
	Automaton automaton() {
		Automaton automaton = current;
		if (automaton == null) {
			return reload();
		}
		long now = System.nanoTime();
		long last = lastCheck.get();
		if (now - last >= reloadNanos && lastCheck.compareAndSet(last, now)) {
			try {
				Long version = jdbc.sql("select version from content_word_list where id = 1").query(Long.class).single();
				if (version != automaton.version()) {
					return reload();
				}
			}
			catch (RuntimeException e) {
				log.warn("word list version not read; screening with version {}", automaton.version(), e);
			}
		}
		return automaton;
	}

	/** Rebuilds the automaton from the database now (after a change to the list on this node). */
	synchronized Automaton reload() {
		long version = jdbc.sql("select version from content_word_list where id = 1").query(Long.class).single();
		List<Entry> entries = jdbc.sql("select word, action from content_word order by id")
			.query((rs, n) -> new Entry(rs.getString(1), WordAction.valueOf(rs.getString(2))))
			.list();
		Automaton built = build(version, entries);
		current = built;
		lastCheck.set(System.nanoTime());
		log.debug("word list version {}: {} words, built in {} ms", version, built.words(), built.builtMillis());
		return built;
	}

	/**
	 * An automaton over the words' normal forms; two words with one normal form (the mapping grew since they were
	 * written) count once, BLOCK before REVIEW.
	 */
	static Automaton build(long version, Collection<Entry> entries) {
		long started = System.nanoTime();
		Map<String, Entry> byNormal = new HashMap<>();
		for (Entry entry : entries) {
			String normal = ScreenText.normalise(entry.word());
			if (!normal.isEmpty()) {
				byNormal.merge(normal, entry, (a, b) -> a.action() == WordAction.BLOCK ? a : b);
			}
		}
		PayloadTrie.PayloadTrieBuilder<Entry> builder = PayloadTrie.builder();
		byNormal.forEach(builder::addKeyword);
		PayloadTrie<Entry> trie = builder.build();
		return new Automaton(version, trie, byNormal.size(), (System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * A text for an HTML page with its hits marked: everything HTML-escaped, each hit inside
	 * a mark element of the classes screen-hit and screen-block (or {@code screen-review}) titled with the list's word;
	 * overlapping hits are marked as one, as BLOCK when any of them blocks.
	 */
	static String marked(String text, List<Hit> hits) {
		if (text == null) {
			return "";
		}
		List<Hit> sorted = new ArrayList<>(hits);
		sorted.sort(Comparator.comparingInt(Hit::start));
		StringBuilder out = new StringBuilder(text.length() + hits.size() * 60);
		int at = 0;
		int i = 0;
		while (i < sorted.size()) {
			Hit first = sorted.get(i);
			if (first.start() < at || first.end() > text.length()) {
				i++;
				continue;
			}
			int end = first.end();
			boolean block = first.blocks();
			LinkedHashSet<String> words = new LinkedHashSet<>();
			words.add(first.word());
			int j = i + 1;
			while (j < sorted.size() && sorted.get(j).start() < end) {
				Hit next = sorted.get(j);
				end = Math.max(end, Math.min(next.end(), text.length()));
				block |= next.blocks();
				words.add(next.word());
				j++;
			}
			out.append(HtmlUtils.htmlEscape(text.substring(at, first.start())));
			out.append("<mark class=\"screen-hit ").append(block ? "screen-block" : "screen-review").append("\" title=\"")
				.append(HtmlUtils.htmlEscape(String.join("、", words))).append("\">")
				.append(HtmlUtils.htmlEscape(text.substring(first.start(), end)))
				.append("</mark>");
			at = end;
			i = j;
		}
		out.append(HtmlUtils.htmlEscape(text.substring(at)));
		return out.toString();
	}
}
