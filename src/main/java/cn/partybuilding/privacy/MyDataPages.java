package cn.partybuilding.privacy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * 我的数据 for the member (everything held, who looked, corrections asked with their answers, the downloads) and
 * 更正申请 for the branch and above (answer with a reason).
 */
@Controller
class MyDataPages {

	private final MyData data;

	private final Corrections corrections;

	private final MessageSource messages;

	MyDataPages(MyData data, Corrections corrections, MessageSource messages) {
		this.data = data;
		this.corrections = corrections;
		this.messages = messages;
	}

	@GetMapping("/me/data")
	String mine(Model model, Locale locale) {
		model.addAttribute("data", data.of(Caller.require(), locale));
		model.addAttribute("fields", Corrections.FIELDS.stream().sorted().toList());
		return "privacy/mine";
	}

	@PostMapping("/me/data/corrections")
	String ask(@RequestParam(required = false) List<@Size(max = 30) String> fields,
			@RequestParam(required = false) @Size(max = 1000) String description, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			corrections.ask(Caller.require(), fields, description);
		}
		catch (FieldProblem problem) {
			model.addAttribute("errors", problem.messages(messages, locale));
			model.addAttribute("chosen", fields == null ? List.of() : fields);
			model.addAttribute("description", description);
			return mine(model, locale);
		}
		redirect.addFlashAttribute("notice", "privacy.correction.sent");
		return "redirect:/me/data#corrections";
	}

	@GetMapping("/data-corrections")
	String branch(@RequestParam(defaultValue = "false") boolean open, Model model) {
		model.addAttribute("corrections", corrections.forCaller(Caller.require(), open));
		model.addAttribute("open", open);
		return "privacy/corrections";
	}

	@PostMapping("/data-corrections/{id}/answer")
	String answer(@PathVariable long id, @RequestParam(required = false) Boolean accepted,
			@RequestParam(required = false) @Size(max = 500) String reason, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			corrections.answer(Caller.require(), id, accepted, reason);
		}
		catch (FieldProblem problem) {
			model.addAttribute("errors", Map.of(id, problem.messages(messages, locale)));
			model.addAttribute("reason", reason);
			return branch(false, model);
		}
		redirect.addFlashAttribute("notice", "privacy.correction.answeredOk");
		return "redirect:/data-corrections";
	}
}
