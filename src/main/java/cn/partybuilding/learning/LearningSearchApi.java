package cn.partybuilding.learning;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** Search of study materials and outlines as JSON: only what the caller may read, title matches first. */
@RestController
class LearningSearchApi {

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
		Page<StudySearch.Hit> hits = search.search(readers.readableBy(Caller.require()), q, page, size);
		return new Results(hits.getContent(), hits.getTotalElements(), hits.getNumber(), hits.getSize());
	}
}
