package cn.partybuilding.learning;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import cn.partybuilding.shared.Caller;

/** 学习 search as a page: what the caller may read, title matches first; an empty or overlong query asks again. */
@Controller
class StudySearchPage {

	private final StudySearch search;

	private final Readers readers;

	StudySearchPage(StudySearch search, Readers readers) {
		this.search = search;
		this.readers = readers;
	}

	@GetMapping("/study/search")
	String search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
		String query = q == null ? "" : q.strip();
		model.addAttribute("q", query);
		if (query.isEmpty()) {
			model.addAttribute("problem", "learning.search.blank");
		}
		else if (query.length() > LearningSearchApi.MAX_QUERY) {
			model.addAttribute("problem", "learning.search.tooLong");
		}
		else {
			Page<StudySearch.Hit> result = search.search(readers.readableBy(Caller.require()), query,
					PageRequest.of(Math.min(Math.max(page, 0), LearningSearchApi.MAX_PAGE), 20));
			model.addAttribute("result", result);
			model.addAttribute("pageLink", new LearningPages.PageLink(
					UriComponentsBuilder.fromPath("/study/search").queryParam("q", query)));
		}
		model.addAttribute("maxQuery", LearningSearchApi.MAX_QUERY);
		return "learning/search";
	}
}
