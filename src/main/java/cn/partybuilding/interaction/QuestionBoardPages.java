package cn.partybuilding.interaction;

import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * 问答 pages: the list with its filters (unanswered, mine, words), asking, a question with its answers (the answer
 * form for the secretary and the named answerers, the best-answer mark, the secretary's release and hide), the
 * texts held for the secretary, the named answerers of an organisation.
 */
@Controller
class QuestionBoardPages {

	private final QuestionThreads threads;

	private final MessageSource messages;

	QuestionBoardPages(QuestionThreads threads, MessageSource messages) {
		this.threads = threads;
		this.messages = messages;
	}

	record AskForm(@Size(max = 20) String audience, @Size(max = 200) String title, @Size(max = 6000) String body) {
	}

	record AnswerForm(@Size(max = 6000) String body) {
	}

	record AnswererForm(@Size(max = 40) String staffNumber) {
	}

	@GetMapping("/questions")
	String list(@RequestParam(required = false) @Size(max = 100) String q,
			@RequestParam(defaultValue = "false") boolean unanswered, @RequestParam(defaultValue = "false") boolean mine,
			@RequestParam(required = false) Long orgId, @RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("questions", threads.list(caller, new QuestionThreads.Filter(q, unanswered, mine, orgId), page));
		model.addAttribute("q", q);
		model.addAttribute("unanswered", unanswered);
		model.addAttribute("mine", mine);
		model.addAttribute("orgId", orgId);
		model.addAttribute("moderated", threads.moderatedNames(caller));
		return "interaction/questions";
	}

	@GetMapping("/questions/new")
	String ask(Model model) {
		model.addAttribute("form", new AskForm("BRANCH", null, null));
		return askForm(model);
	}

	private String askForm(Model model) {
		model.addAttribute("audiences", QuestionAudience.values());
		return "interaction/question-new";
	}

	@PostMapping("/questions")
	String asked(@Valid @ModelAttribute("form") AskForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				QuestionThreads.Saved saved = threads.ask(Caller.require(),
						new QuestionThreads.Asking(form.audience(), form.title(), form.body()));
				redirect.addFlashAttribute("notice", messages.getMessage(saved.state() == QuestionThreads.State.HELD
						? "questions.asked.held" : "questions.asked", null, locale));
				return "redirect:/questions/" + saved.id();
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return askForm(model);
	}

	@GetMapping("/questions/{id}")
	String question(@PathVariable long id, Model model) {
		model.addAttribute("question", threads.find(Caller.require(), id));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new AnswerForm(null));
		}
		return "interaction/question";
	}

	@PostMapping("/questions/{id}/answers")
	String answer(@PathVariable long id, @Valid @ModelAttribute("form") AnswerForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				QuestionThreads.Saved saved = threads.answer(Caller.require(), id, new QuestionThreads.Answering(form.body()));
				redirect.addFlashAttribute("notice", messages.getMessage(saved.state() == QuestionThreads.State.HELD
						? "questions.answered.held" : "questions.answered", null, locale));
				return "redirect:/questions/" + id;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return question(id, model);
	}

	@PostMapping("/questions/{id}/best")
	String best(@PathVariable long id, @RequestParam long answerId) {
		threads.markBest(Caller.require(), id, answerId);
		return "redirect:/questions/" + id;
	}

	@PostMapping("/questions/{id}/release")
	String release(@PathVariable long id, @RequestParam(defaultValue = "false") boolean back) {
		threads.moderateQuestion(Caller.require(), id, true);
		return back ? "redirect:/questions/held" : "redirect:/questions/" + id;
	}

	@PostMapping("/questions/{id}/hide")
	String hide(@PathVariable long id, @RequestParam(defaultValue = "false") boolean back) {
		threads.moderateQuestion(Caller.require(), id, false);
		return back ? "redirect:/questions/held" : "redirect:/questions";
	}

	@PostMapping("/questions/{id}/answers/{answerId}/release")
	String releaseAnswer(@PathVariable long id, @PathVariable long answerId,
			@RequestParam(defaultValue = "false") boolean back) {
		threads.moderateAnswer(Caller.require(), id, answerId, true);
		return back ? "redirect:/questions/held" : "redirect:/questions/" + id;
	}

	@PostMapping("/questions/{id}/answers/{answerId}/hide")
	String hideAnswer(@PathVariable long id, @PathVariable long answerId,
			@RequestParam(defaultValue = "false") boolean back) {
		threads.moderateAnswer(Caller.require(), id, answerId, false);
		return back ? "redirect:/questions/held" : "redirect:/questions/" + id;
	}

	@GetMapping("/questions/held")
	String held(Model model) {
		model.addAttribute("held", threads.held(Caller.require()));
		return "interaction/questions-held";
	}

	@GetMapping("/questions/answerers")
	String answerers(@RequestParam long orgId, Model model) {
		model.addAttribute("answerers", threads.answerers(Caller.require(), orgId));
		model.addAttribute("orgId", orgId);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new AnswererForm(null));
		}
		return "interaction/answerers";
	}

	@PostMapping("/questions/answerers")
	String designate(@RequestParam long orgId, @Valid @ModelAttribute("form") AnswererForm form, BindingResult binding,
			Model model) {
		if (!binding.hasErrors()) {
			try {
				threads.designate(Caller.require(), orgId, form.staffNumber());
				return "redirect:/questions/answerers?orgId=" + orgId;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return answerers(orgId, model);
	}

	@PostMapping("/questions/answerers/{accountId}/remove")
	String remove(@RequestParam long orgId, @PathVariable long accountId) {
		threads.removeAnswerer(Caller.require(), orgId, accountId);
		return "redirect:/questions/answerers?orgId=" + orgId;
	}
}
