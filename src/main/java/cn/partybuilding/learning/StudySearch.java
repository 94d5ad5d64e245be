package cn.partybuilding.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.SearchQuery;
import cn.partybuilding.shared.SearchTerms;
import cn.partybuilding.shared.FieldProblem;

/**
 * Chinese search over study materials and outlines in the shared database (table learning_search, terms built by
 * {@link SearchTerms}): the owners of materials and outlines feed it inside their own transaction ({@link #index},
 * {@link #remove}); {@link #search} answers what a reader may see, title matches first, then by cover density.
 */
@Component
class StudySearch {

	/** What is indexed: type is material or outline, kind ARTICLE, PDF, VIDEO, AUDIO, LINK or OUTLINE; text is plain. */
	record Doc(String type, long refId, String kind, long orgId, boolean wholeSchool, String title, String text) {
	}

	/** One hit: id is the material's or outline's id, the snippet a window of the body around the first match. */
	record Hit(long id, String type, String kind, String title, String snippet) {
	}

	static final int TITLE_LENGTH = 500;

	/** How much of the body's beginning ranks a hit beside its title. */
	static final int LEAD_LENGTH = 100;

	static final int MAX_PAGE_SIZE = 50;

	private final JdbcClient jdbc;

	private final int bodyChars;

	StudySearch(JdbcClient jdbc, @Value("${party.learning.search.body-chars:100000}") int bodyChars) {
		this.jdbc = jdbc;
		this.bodyChars = bodyChars;
	}

	/** Adds a material or outline to the index, or replaces what was indexed for it. */
	void index(Doc doc) {
		String title = clean(doc.title(), TITLE_LENGTH);
		String body = clean(doc.text(), bodyChars);
		String lead = body.length() > LEAD_LENGTH ? body.substring(0, LEAD_LENGTH) : body;
		jdbc.sql("""
				insert into learning_search (type, ref_id, kind, org_id, whole_school, title, body, terms, title_terms,
				  lead_terms, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, cast(? as tsvector), cast(? as tsvector), cast(? as tsvector), now())
				on conflict (type, ref_id) do update set kind = excluded.kind, org_id = excluded.org_id,
				  whole_school = excluded.whole_school, title = excluded.title, body = excluded.body,
				  terms = excluded.terms, title_terms = excluded.title_terms, lead_terms = excluded.lead_terms,
				  updated_at = excluded.updated_at""")
			.params(doc.type(), doc.refId(), doc.kind(), doc.orgId(), doc.wholeSchool(), title, body,
					SearchTerms.lexemes(title, body), SearchTerms.lexemes(title), SearchTerms.ranked(title, lead))
			.update();
	}

	/** Takes a material or outline out of the index (deleted or withdrawn). */
	void remove(String type, long refId) {
		jdbc.sql("delete from learning_search where type = ? and ref_id = ?").params(type, refId).update();
	}

	/** The longest query taken, and the deepest page served (an offset of millions only costs the database). */
	static final int MAX_QUERY = 100;

	static final int MAX_PAGE = 1000;

	/**
	 * A query as a person typed it, for the API and the page alike: blank or over {@link #MAX_QUERY} characters is
	 * refused on field {@code q}; the page and its size are kept within bounds.
	 */
	Page<Hit> search(Set<Long> readableOrgIds, String q, int page, int size) {
		if (q == null || q.isBlank()) {
			throw new FieldProblem("q", "learning.search.blank");
		}
		if (q.strip().length() > MAX_QUERY) {
			throw new FieldProblem("q", "learning.search.tooLong", MAX_QUERY);
		}
		return search(readableOrgIds, q.strip(), PageRequest.of(Math.min(Math.max(page, 0), MAX_PAGE),
				Math.min(Math.max(size, 1), MAX_PAGE_SIZE)));
	}

	/**
	 * What has every word of the query (SearchTerms.query) among what is offered to the whole school or by one of
	 * the readable organisations: title matches first, then by ts_rank_cd over the title and the body's beginning
	 * (title weight 1, body 0.4, divided by 1 + log length), then the newest. A query with nothing searchable in it
	 * (only punctuation) finds nothing.
	 */
	Page<Hit> search(Set<Long> readableOrgIds, String q, Pageable page) {
		Optional<SearchQuery> parsed = SearchTerms.query(q == null ? "" : q);
		Pageable clamped = PageRequest.of(page.getPageNumber(), Math.min(Math.max(page.getPageSize(), 1), MAX_PAGE_SIZE));
		if (parsed.isEmpty()) {
			return new PageImpl<>(List.of(), clamped, 0);
		}
		SearchQuery query = parsed.get();
		Long[] orgs = readableOrgIds.toArray(Long[]::new);
		List<String> needles = SearchTerms.needles(q);
		List<Hit> hits = jdbc.sql(PAGE)
			.param("match", query.match())
			.param("rank", query.rank())
			.param("orgs", orgs)
			.param("size", clamped.getPageSize())
			.param("offset", clamped.getOffset())
			.query((rs, n) -> new Hit(rs.getLong("ref_id"), rs.getString("type"), rs.getString("kind"),
					rs.getString("title"), SearchTerms.snippet(rs.getString("body"), needles)))
			.list();
		return PageableExecutionUtils.getPage(hits, clamped,
				() -> jdbc.sql(COUNT).param("match", query.match()).param("orgs", orgs).query(Long.class).single());
	}

	/** The page: ranked from the small values, then the rows of the page read for their body. */
	static final String PAGE = """
			select s.type, s.ref_id, s.kind, s.title, s.body
			from (select type, ref_id, title_terms @@ cast(:match as tsquery) as in_title,
			             ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', lead_terms, cast(:rank as tsquery), 1) as rank, updated_at
			      from learning_search
			      where terms @@ cast(:match as tsquery) and (whole_school or org_id = any(:orgs))
			      order by in_title desc, rank desc, updated_at desc, type, ref_id
			      limit :size offset :offset) top
			join learning_search s on s.type = top.type and s.ref_id = top.ref_id
			order by top.in_title desc, top.rank desc, top.updated_at desc, top.type, top.ref_id""";

	static final String COUNT = """
			select count(*) from learning_search
			where terms @@ cast(:match as tsquery) and (whole_school or org_id = any(:orgs))""";

	/** PostgreSQL text holds no NUL (PDF text may); titles and bodies are cut to their limits. */
	private static String clean(String text, int max) {
		if (text == null) {
			return "";
		}
		String clean = text.replace('\u0000', ' ').strip();
		if (clean.length() > max) {
			int cut = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
			clean = clean.substring(0, cut);
		}
		return clean;
	}

}
