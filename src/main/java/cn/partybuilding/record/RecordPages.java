package cn.partybuilding.record;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

import cn.partybuilding.shared.Caller;

/** The chronicle as a page, or as the fragment a member's page loads with htmx. */
@Controller
class RecordPages {

	private final Chronicle chronicle;

	RecordPages(Chronicle chronicle) {
		this.chronicle = chronicle;
	}

	@GetMapping("/members/{id}/record")
	String ofMember(@PathVariable long id, @RequestHeader(value = "HX-Request", required = false) String htmx,
			Model model) {
		model.addAttribute("entries", chronicle.of(Caller.require(), id));
		return htmx != null ? "record/timeline :: entries" : "record/timeline";
	}

	@GetMapping("/me/record")
	String mine(@RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
		model.addAttribute("entries", chronicle.mine(Caller.require()));
		model.addAttribute("own", true);
		return htmx != null ? "record/timeline :: entries" : "record/timeline";
	}
}
