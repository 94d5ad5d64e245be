package cn.partybuilding.learning;

import cn.partybuilding.shared.SearchQuery;
import cn.partybuilding.shared.SearchTerms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The choice of Chinese search measured at 100 000 materials ({@code -Dbench.materials=…} for another size): the
 * PostgreSQL index the platform uses (character bigrams in a GIN-indexed tsvector, {@link StudySearch}) against a
 * Lucene 9.12 index with the smartcn analyzer, on the same generated corpus ({@link SearchCorpus}). Prints for 20
 * queries the hits each finds beside the true number (documents containing every word of the query as written),
 * p50/p95 of a first page with its total, the query plan with buffers, and the sizes of both indexes. Asserts
 * nothing about time. Run with {@code ./mvnw verify -Pbench -Dtest=SearchBenchmark}.
 */
@SpringBootTest(properties = { "party.data-dir=target/bench-search", "party.demo=false" })
class SearchBenchmark {

	static final int MATERIALS = Integer.getInteger("bench.materials", 100_000);

	static final int ORGS = 500;

	static final long ORG_BASE = 1_000_000L;

	static final long ID_BASE = 7_000_000_000L;

	static final int RUNS = 5;

	static final List<String> QUERIES = List.of("党章", "初心", "党史", "三会一课", "主题党日", "不忘初心", "初心使命", "党费", "发展党员",
			"组织生活会", "党章 学习", "乡村振兴", "志愿服务", "廉政", "马克思主义", "二十大", "党", "双带头人", "遵义会议", "PDF");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StudySearch search;

	@Autowired
	TransactionTemplate tx;

	/** Every organisation (a committee admin's view) and a member's (their branch, college and school). */
	static final Set<Long> ALL = LongStream.range(ORG_BASE, ORG_BASE + ORGS).boxed().collect(Collectors.toSet());

	static final Set<Long> MEMBER = Set.of(ORG_BASE, ORG_BASE + 7, ORG_BASE + 123);

	@Test
	void searchAtOneHundredThousandMaterials() throws Exception {
		System.out.printf("%n=== Search benchmark: %d materials written from %d sentences, %d organisations ===%n", MATERIALS,
				SearchCorpus.sentences(), ORGS);
		System.out.println(jdbc.sql("select version()").query(String.class).single());
		Map<String, Long> truth = truth();
		fillPostgres();
		Map<String, Long> postgres = postgres();
		Map<String, Long> lucene = lucene();

		System.out.println("\nHits per query (whole school): true / PostgreSQL / Lucene smartcn words ANDed / as phrases");
		for (String q : QUERIES) {
			System.out.printf("  %-10s %7d %7d %7d %7d%n", q, truth.get(q), postgres.get(q), lucene.get(q) / 1_000_000,
					lucene.get(q) % 1_000_000);
		}
	}

	/** Documents whose title or text contains every word of the query as written (normalised like the search). */
	Map<String, Long> truth() {
		Map<String, Long> counts = new LinkedHashMap<>();
		QUERIES.forEach(q -> counts.put(q, 0L));
		long start = System.nanoTime();
		for (long i = 0; i < MATERIALS; i++) {
			SearchCorpus.Material m = SearchCorpus.material(i, ORGS);
			String all = SearchTerms.normalize(m.title() + "\n" + m.text());
			for (String q : QUERIES) {
				if (Arrays.stream(SearchTerms.normalize(q).split(" ")).allMatch(all::contains)) {
					counts.merge(q, 1L, Long::sum);
				}
			}
		}
		System.out.printf("Corpus generated and scanned for the true counts in %d ms%n", (System.nanoTime() - start) / 1_000_000);
		return counts;
	}

	void fillPostgres() {
		long have = jdbc.sql("select count(*) from learning_search where ref_id >= ?").param(ID_BASE).query(Long.class).single();
		if (have == MATERIALS) {
			System.out.println("PostgreSQL: the materials are indexed already (target/bench-search)");
			return;
		}
		jdbc.sql("delete from learning_search where ref_id >= ?").param(ID_BASE).update();
		long start = System.nanoTime();
		long chars = 0;
		for (long from = 0; from < MATERIALS; from += 1000) {
			long first = from;
			chars += tx.execute(t -> {
				long written = 0;
				for (long i = first; i < Math.min(first + 1000, MATERIALS); i++) {
					SearchCorpus.Material m = SearchCorpus.material(i, ORGS);
					search.index(new StudySearch.Doc(m.kind().equals("OUTLINE") ? "outline" : "material", ID_BASE + i,
							m.kind(), ORG_BASE + m.org(), m.wholeSchool(), m.title(), m.text()));
					written += m.text().length();
				}
				return written;
			});
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("PostgreSQL: indexed %d materials (%.1f M characters of text) through StudySearch.index in %.1f s"
				+ " (%.0f a second, 1 000 a transaction)%n", MATERIALS, chars / 1e6, seconds, MATERIALS / seconds);
		start = System.nanoTime();
		jdbc.sql("vacuum analyze learning_search").update();
		System.out.printf("PostgreSQL: vacuum analyze in %.1f s%n", (System.nanoTime() - start) / 1e9);
	}

	Map<String, Long> postgres() {
		System.out.println("\nPostgreSQL sizes:");
		jdbc.sql("""
				select 'table (heap)' as what, pg_size_pretty(pg_relation_size('learning_search')) as size
				union all select 'table with TOAST and indexes', pg_size_pretty(pg_total_relation_size('learning_search'))
				union all select 'GIN index learning_search_terms_idx', pg_size_pretty(pg_relation_size('learning_search_terms_idx'))
				union all select 'TOAST (terms and body out of line)', pg_size_pretty(pg_relation_size(reltoastrelid)) from pg_class where relname = 'learning_search'
				union all select 'average terms vector', pg_size_pretty(avg(pg_column_size(terms))::bigint) from learning_search
				union all select 'average lead_terms (kept in the row)', pg_size_pretty(avg(pg_column_size(lead_terms))::bigint) from learning_search
				union all select 'average body', pg_size_pretty(avg(pg_column_size(body))::bigint) from learning_search""")
			.query((rs, n) -> "  %-40s %s".formatted(rs.getString(1), rs.getString(2))).list().forEach(System.out::println);

		Map<String, Long> totals = new LinkedHashMap<>();
		for (var reader : List.of(Map.entry("committee (all organisations)", ALL), Map.entry("member (3 organisations)", MEMBER))) {
			List<Double> all = new ArrayList<>();
			System.out.printf("%nPostgreSQL, first page of 20 with its total, as a %s: median ms per query%n", reader.getKey());
			for (String q : QUERIES) {
				Page<StudySearch.Hit> page = search.search(reader.getValue(), q, PageRequest.of(0, 20));
				search.search(reader.getValue(), q, PageRequest.of(0, 20));
				List<Double> times = time(RUNS, () -> search.search(reader.getValue(), q, PageRequest.of(0, 20)));
				all.addAll(times);
				if (reader.getValue() == ALL) {
					totals.put(q, page.getTotalElements());
				}
				System.out.printf("  %-10s %8.1f ms  %6d hits  first: %s | %s%n", q, median(times), page.getTotalElements(),
						page.getContent().isEmpty() ? "-" : page.getContent().get(0).title(),
						page.getContent().isEmpty() ? "" : page.getContent().get(0).snippet());
			}
			System.out.printf("  all %d searches: p50 %.1f ms, p95 %.1f ms%n", all.size(), percentile(all, 50), percentile(all, 95));
		}

		for (String q : List.of("党章", "遵义会议")) {
			SearchQuery query = SearchTerms.query(q).orElseThrow();
			System.out.printf("%nEXPLAIN (ANALYZE, BUFFERS) of the page for %s (%s), committee view:%n", q, query.match());
			explain(StudySearch.PAGE, query, ALL, Map.of("size", 20, "offset", 0));
			System.out.printf("EXPLAIN (ANALYZE, BUFFERS) of the count for %s, member view:%n", q);
			explain(StudySearch.COUNT, query, MEMBER, Map.of());
		}

		// ts_headline instead of the Java window: it parses the whole body with the default parser, which sees a
		// run of Chinese as one word, so it cannot mark a bigram, and it costs a parse of every body on the page
		String tsquery = SearchTerms.query("党章").orElseThrow().match();
		List<Long> ids = jdbc.sql("select ref_id from learning_search where terms @@ cast(? as tsquery) and ref_id >= ? limit 20")
			.params(tsquery, ID_BASE).query(Long.class).list();
		List<Double> headline = time(RUNS, () -> jdbc.sql("select ts_headline('simple', body, cast(? as tsquery)) from learning_search where ref_id = any(?)")
			.params(tsquery, ids.toArray(Long[]::new)).query(String.class).list());
		List<String> bodies = jdbc.sql("select body from learning_search where ref_id = any(?)").param(ids.toArray(Long[]::new))
			.query(String.class).list();
		List<Double> window = time(RUNS, () -> bodies.stream().map(b -> SearchTerms.snippet(b, List.of("党章"))).toList());
		System.out.printf("%nSnippets of 20 bodies: ts_headline %.2f ms (e.g. %s), Java window %.3f ms (e.g. %s)%n",
				median(headline), jdbc.sql("select ts_headline('simple', body, cast(? as tsquery), 'MaxWords=20') from learning_search where ref_id = ?")
					.params(tsquery, ids.get(0)).query(String.class).single().replace('\n', ' '),
				median(window), SearchTerms.snippet(bodies.get(0), List.of("党章")));
		return totals;
	}

	void explain(String sql, SearchQuery query, Set<Long> orgs, Map<String, Object> more) {
		String text = "explain (analyze, buffers) " + sql;
		var statement = jdbc.sql(text).param("orgs", orgs.toArray(Long[]::new)).param("match", query.match());
		if (text.contains(":rank")) {
			statement = statement.param("rank", query.rank());
		}
		for (var param : more.entrySet()) {
			statement = statement.param(param.getKey(), param.getValue());
		}
		statement
			.query(String.class).list()
			.forEach(line -> System.out.println("  " + line.replaceAll("\\{(\\d+,){3}[\\d,]{200,}}", "{… " + orgs.size() + " ids …}")));
	}

	Map<String, Long> lucene() throws IOException {
		Path folder = Path.of("target/bench-search/lucene");
		Analyzer analyzer = new SmartChineseAnalyzer();
		System.out.println("\nsmartcn's words:");
		for (String text : List.of("不忘初心、牢记使命", "认真学习党章", "中国共产党章程", "初心使命", "三会一课", "主题党日", "双带头人", "党")) {
			System.out.printf("  %-12s -> %s%n", text, tokens(analyzer, text));
		}
		try (Directory dir = FSDirectory.open(folder)) {
			boolean ready = DirectoryReader.indexExists(dir);
			if (ready) {
				try (DirectoryReader reader = DirectoryReader.open(dir)) {
					ready = reader.numDocs() == MATERIALS;
				}
			}
			if (!ready) {
				long start = System.nanoTime();
				IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
					.setRAMBufferSizeMB(48);
				try (IndexWriter writer = new IndexWriter(dir, config)) {
					for (long i = 0; i < MATERIALS; i++) {
						SearchCorpus.Material m = SearchCorpus.material(i, ORGS);
						Document doc = new Document();
						doc.add(new StoredField("id", ID_BASE + i));
						doc.add(new StringField("org", Long.toString(ORG_BASE + m.org()), Field.Store.NO));
						doc.add(new StringField("school", m.wholeSchool() ? "1" : "0", Field.Store.NO));
						doc.add(new TextField("title", m.title(), Field.Store.YES));
						doc.add(new TextField("body", m.text(), Field.Store.YES));
						writer.addDocument(doc);
					}
					writer.commit();
				}
				System.out.printf("Lucene: indexed %d materials in %.1f s%n", MATERIALS, (System.nanoTime() - start) / 1e9);
			}
			long bytes;
			try (Stream<Path> files = Files.list(folder)) {
				bytes = files.mapToLong(p -> p.toFile().length()).sum();
			}
			System.out.printf("Lucene: index of %.0f MB (stored title and body included)%n", bytes / 1e6);

			Map<String, Long> totals = new LinkedHashMap<>();
			try (DirectoryReader reader = DirectoryReader.open(dir)) {
				IndexSearcher searcher = new IndexSearcher(reader);
				QueryBuilder builder = new QueryBuilder(analyzer);
				for (var view : List.of(Map.entry("committee, words ANDed", ALL), Map.entry("member, words ANDed", MEMBER),
						Map.entry("committee, words as phrases", ALL))) {
					boolean phrase = view.getKey().contains("phrase");
					System.out.printf("%nLucene smartcn, first 20 with stored fields and exact total, %s:%n", view.getKey());
					List<Double> all = new ArrayList<>();
					for (String q : QUERIES) {
						Query query = luceneQuery(builder, q, view.getValue(), phrase);
						Supplier<Object> page = () -> {
							try {
								TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(20, null, Integer.MAX_VALUE));
								StoredFields fields = searcher.storedFields();
								for (ScoreDoc hit : top.scoreDocs) {
									fields.document(hit.doc);
								}
								return top;
							}
							catch (IOException e) {
								throw new IllegalStateException(e);
							}
						};
						TopDocs top = (TopDocs) page.get();
						page.get();
						List<Double> times = time(RUNS, page);
						all.addAll(times);
						if (view.getValue() == ALL) {
							totals.merge(q, top.totalHits.value, (and, phrases) -> and * 1_000_000 + phrases);
						}
						System.out.printf("  %-10s %8.1f ms  %6d hits  first: %s%n", q, median(times), top.totalHits.value,
								top.scoreDocs.length == 0 ? "-" : searcher.storedFields().document(top.scoreDocs[0].doc).get("title"));
					}
					System.out.printf("  all %d searches: p50 %.1f ms, p95 %.1f ms%n", all.size(), percentile(all, 50),
							percentile(all, 95));
				}
			}
			return totals;
		}
	}

	/** Every word of the query must be there (title boosted three times); only what the reader may see. */
	static Query luceneQuery(QueryBuilder builder, String q, Set<Long> orgs, boolean phrase) {
		BooleanQuery.Builder all = new BooleanQuery.Builder();
		for (String word : q.split(" ")) {
			BooleanQuery.Builder either = new BooleanQuery.Builder();
			Query title = phrase ? builder.createPhraseQuery("title", word) : builder.createBooleanQuery("title", word, Occur.MUST);
			Query body = phrase ? builder.createPhraseQuery("body", word) : builder.createBooleanQuery("body", word, Occur.MUST);
			if (title != null) {
				either.add(new BoostQuery(title, 3f), Occur.SHOULD);
			}
			if (body != null) {
				either.add(body, Occur.SHOULD);
			}
			all.add(either.build(), Occur.MUST);
		}
		BooleanQuery.Builder visible = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
		visible.add(new TermQuery(new Term("school", "1")), Occur.SHOULD);
		visible.add(new TermInSetQuery("org", orgs.stream().map(o -> new BytesRef(Long.toString(o))).toList()), Occur.SHOULD);
		all.add(visible.build(), Occur.FILTER);
		return all.build();
	}

	static List<String> tokens(Analyzer analyzer, String text) throws IOException {
		List<String> tokens = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("body", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(term.toString());
			}
			stream.end();
		}
		return tokens;
	}

	static List<Double> time(int runs, Supplier<?> work) {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			long start = System.nanoTime();
			work.get();
			times.add((System.nanoTime() - start) / 1e6);
		}
		return times;
	}

	static double median(List<Double> times) {
		return percentile(times, 50);
	}

	static double percentile(List<Double> times, int p) {
		List<Double> sorted = times.stream().sorted().toList();
		return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}
}
