package cn.partybuilding.learning;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

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
		model.addAttribute("maxQuery", StudySearch.MAX_QUERY);
		try {
			model.addAttribute("result", search.search(readers.readableBy(Caller.require()), query, page, 20));
			model.addAttribute("pageLink", new LearningPages.PageLink(
					UriComponentsBuilder.fromPath("/study/search").queryParam("q", query)));
		}
		catch (FieldProblem problem) {
			model.addAttribute("problem", problem.problems().get(0).messageKey());
		}
		return "learning/search";
	}
}
