package cn.partybuilding.transfer;

import jakarta.validation.Valid;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * 转入 on the page: the letter as it reads, the member's details, the receiving branch; a form that fails
 * comes back filled, every message beside its field (the member's own as {@code member.name}, …).
 */
@Controller
class IncomingPages {

	/** A letter with nothing typed yet (the member's details a blank form of their own). */
	private static final IncomingLetters.Incoming BLANK = new IncomingLetters.Incoming(null, null, null, null, null, null,
			new MemberForm(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));

	private final IncomingLetters incoming;

	private final BranchChoices branches;

	private final MessageSource messages;

	IncomingPages(IncomingLetters incoming, BranchChoices branches, MessageSource messages) {
		this.incoming = incoming;
		this.branches = branches;
		this.messages = messages;
	}

	@GetMapping("/transfers/incoming")
	String form(Model model) {
		model.addAttribute("form", BLANK);
		return form(Caller.require(), model);
	}

	@PostMapping("/transfers/incoming")
	String register(@Valid @ModelAttribute("form") IncomingLetters.Incoming form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				TransferView t = incoming.register(caller, form);
				redirect.addFlashAttribute("notice", messages.getMessage("transfer.done.start", null, locale));
				return "redirect:/transfers/" + t.id();
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return form(caller, model);
	}

	/** The page around the form in the model (a handler that bound it leaves it there with its BindingResult). */
	private String form(Caller caller, Model model) {
		model.addAttribute("branches", branches.receivingBranches(caller));
		model.addAttribute("genders", Gender.values());
		model.addAttribute("educations", Education.values());
		model.addAttribute("categories", Category.values());
		model.addAttribute("statuses", MemberStatus.values());
		return "transfer/incoming";
	}
}
