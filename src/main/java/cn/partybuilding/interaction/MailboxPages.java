package cn.partybuilding.interaction;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
 * 书记信箱 pages: the member's own letters and the form to write one (phone first); a letter with its history and,
 * for its handler, the answer, forward and close forms; the handler's list of waiting letters with the overdue ones
 * marked; following an anonymous letter by its code; the committee's switch for anonymous letters.
 */
@Controller
class MailboxPages {

	private final Letters letters;

	private final MessageSource messages;

	private final Clock clock;

	MailboxPages(Letters letters, MessageSource messages, Clock clock) {
		this.letters = letters;
		this.messages = messages;
		this.clock = clock;
	}

	record LetterForm(@Size(max = 20) String to, @Size(max = 200) String subject, @Size(max = 10000) String body,
			Boolean anonymous) {
	}

	record NoteForm(@Size(max = 10000) String text) {
	}

	record ForwardForm(Long orgId, @Size(max = 10000) String text) {
	}

	record CodeForm(@Size(max = 40) String code) {
	}

	@GetMapping("/mailbox")
	String mine(@RequestParam(required = false) Letters.State state, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("letters", letters.list(Caller.require(), "mine", state, page));
		model.addAttribute("state", state);
		model.addAttribute("states", Letters.State.values());
		return "interaction/mailbox";
	}

	@GetMapping("/mailbox/new")
	String write(Model model) {
		return form(model, new LetterForm(null, null, null, null));
	}

	private String form(Model model, LetterForm form) {
		Caller caller = Caller.require();
		model.addAttribute("form", form);
		model.addAttribute("levels", LetterTo.values());
		Optional<Long> branch = letters.writerBranch(caller);
		model.addAttribute("mayWrite", branch.isPresent());
		model.addAttribute("anonymousAllowed", branch.flatMap(b -> letters.addressee(b, LetterTo.COMMITTEE))
			.map(c -> letters.anonymousAllowed(c.id())).orElse(false));
		return "interaction/letter-new";
	}

	@PostMapping("/mailbox/letters")
	String send(@Valid @ModelAttribute("form") LetterForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		if (binding.hasErrors()) {
			return form(model, form);
		}
		Letters.Written written;
		try {
			written = letters.write(Caller.require(),
					new Letters.NewLetter(form.to(), form.subject(), form.body(), form.anonymous()), clock.instant());
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return form(model, form);
		}
		if (written.anonymous()) {
			// the code is shown in this answer only: no redirect, nothing in the session that could tie it to the writer
			model.addAttribute("code", written.code());
			return "interaction/letter-code";
		}
		redirect.addFlashAttribute("notice", messages.getMessage("mailbox.letter.sent", null, locale));
		return "redirect:/mailbox/letters/" + written.id();
	}

	@GetMapping("/mailbox/letters/{id}")
	String letter(@PathVariable long id, Model model) {
		model.addAttribute("letter", letters.find(Caller.require(), id));
		if (!model.containsAttribute("answerForm")) {
			model.addAttribute("answerForm", new NoteForm(null));
		}
		if (!model.containsAttribute("forwardForm")) {
			model.addAttribute("forwardForm", new ForwardForm(null, null));
		}
		if (!model.containsAttribute("closeForm")) {
			model.addAttribute("closeForm", new NoteForm(null));
		}
		model.addAttribute("escalateDays", letters.escalateDays());
		return "interaction/letter";
	}

	@PostMapping("/mailbox/letters/{id}/answer")
	String answer(@PathVariable long id, @Valid @ModelAttribute("answerForm") NoteForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				letters.answer(Caller.require(), id, form.text(), clock.instant());
				redirect.addFlashAttribute("notice", messages.getMessage("mailbox.letter.answered", null, locale));
				return "redirect:/mailbox/letters/" + id;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return letter(id, model);
	}

	@PostMapping("/mailbox/letters/{id}/forward")
	String forward(@PathVariable long id, @Valid @ModelAttribute("forwardForm") ForwardForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				Letters.LetterView view = letters.forward(Caller.require(), id,
						new Letters.Forwarding(form.orgId(), form.text()), clock.instant());
				redirect.addFlashAttribute("notice", messages.getMessage("mailbox.letter.forwarded", null, locale));
				return view == null ? "redirect:/mailbox/inbox" : "redirect:/mailbox/letters/" + id;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return letter(id, model);
	}

	@PostMapping("/mailbox/letters/{id}/close")
	String close(@PathVariable long id, @Valid @ModelAttribute("closeForm") NoteForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				letters.close(Caller.require(), id, form.text(), clock.instant());
				redirect.addFlashAttribute("notice", messages.getMessage("mailbox.letter.closedNotice", null, locale));
				return "redirect:/mailbox/letters/" + id;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return letter(id, model);
	}

	/** The handler's list: letters at the organisations where the caller handles letters, waiting first. */
	@GetMapping("/mailbox/inbox")
	String inbox(@RequestParam(required = false) Letters.State state, @RequestParam(defaultValue = "0") int page,
			Model model) {
		Caller caller = Caller.require();
		model.addAttribute("letters", letters.list(caller, "handling", state, page));
		model.addAttribute("state", state);
		model.addAttribute("states", Letters.State.values());
		model.addAttribute("escalateDays", letters.escalateDays());
		model.addAttribute("committees", letters.switchableBy(caller));
		return "interaction/inbox";
	}

	@GetMapping("/mailbox/follow")
	String follow(Model model) {
		model.addAttribute("form", new CodeForm(null));
		return "interaction/follow";
	}

	/** A POST, so that the code stays out of addresses, histories and logs. */
	@PostMapping("/mailbox/follow")
	String followed(@Valid @ModelAttribute("form") CodeForm form, BindingResult binding, Model model) {
		if (!binding.hasErrors()) {
			model.addAttribute("letter", letters.follow(Caller.require(), form.code()));
			model.addAttribute("escalateDays", letters.escalateDays());
		}
		return "interaction/follow";
	}

	/** The committee's switch for anonymous letters. */
	@GetMapping("/mailbox/anonymous")
	String anonymous(Model model) {
		Caller caller = Caller.require();
		Set<Long> committees = letters.switchableBy(caller);
		if (committees.isEmpty()) {
			throw new cn.partybuilding.shared.NotPermittedException("organization", "*", "committee administrators only");
		}
		long committee = committees.iterator().next();
		model.addAttribute("committeeId", committee);
		model.addAttribute("allowed", letters.anonymousSwitch(caller, committee));
		return "interaction/anonymous";
	}

	@PostMapping("/mailbox/anonymous")
	String switchAnonymous(@RequestParam long committeeId, @RequestParam(defaultValue = "false") boolean allowed,
			RedirectAttributes redirect, Locale locale) {
		letters.switchAnonymous(Caller.require(), committeeId, allowed, clock.instant());
		redirect.addFlashAttribute("notice", messages.getMessage(allowed ? "mailbox.anonymous.turnedOn"
				: "mailbox.anonymous.turnedOff", null, locale));
		return "redirect:/mailbox/anonymous";
	}
}
