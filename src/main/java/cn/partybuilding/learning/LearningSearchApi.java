package cn.partybuilding.learning;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/** Search of study materials and outlines as JSON: only what the caller may read, title matches first. */
@RestController
class LearningSearchApi {

	static final int MAX_QUERY = 100;

	/** Deeper pages than this are not served (nobody reads them; an offset of millions only costs the database). */
	static final int MAX_PAGE = 1000;

	private final StudySearch search;

	private final Readers readers;

	LearningSearchApi(StudySearch search, Readers readers) {
		this.search = search;
		this.readers = readers;
	}

	record Results(List<StudySearch.Hit> content, long totalElements, int page, int size) {
	}

	@GetMapping("/api/v1/learning/search")
	Results search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		Caller caller = Caller.require();
		if (q == null || q.isBlank()) {
			throw new FieldProblem("q", "learning.search.blank");
		}
		if (q.strip().length() > MAX_QUERY) {
			throw new FieldProblem("q", "learning.search.tooLong", MAX_QUERY);
		}
		PageRequest request = PageRequest.of(Math.min(Math.max(page, 0), MAX_PAGE),
				Math.min(Math.max(size, 1), StudySearch.MAX_PAGE_SIZE));
		Page<StudySearch.Hit> hits = search.search(readers.readableBy(caller), q.strip(), request);
		return new Results(hits.getContent(), hits.getTotalElements(), hits.getNumber(), hits.getSize());
	}
}
