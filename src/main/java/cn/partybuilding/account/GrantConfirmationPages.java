package cn.partybuilding.account;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.validation.constraints.Size;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * {@code /account-confirmations}: the confirming administrator's list of roles the security administrator
 * granted (confirm, or refuse with a reason) and of passwords to hand over. A one-time password is shown once,
 * here, to be handed to the person.
 */
@Controller
class GrantConfirmationPages {

	private final GrantConfirmations confirmations;

	private final MessageSource messages;

	private final SecondFactorResets resets;

	GrantConfirmationPages(GrantConfirmations confirmations, MessageSource messages, SecondFactorResets resets) {
		this.confirmations = confirmations;
		this.resets = resets;
		this.messages = messages;
	}

	/** Why a grant is refused (kept in the audit log). */
	record Refusal(@Size(max = 200) String reason) {
	}

	@GetMapping("/account-confirmations")
	String list(Model model) {
		return page(model);
	}

	@PostMapping("/account-confirmations/grants/{grantId}/confirm")
	String confirm(@PathVariable long grantId, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			GrantConfirmations.Issued issued = confirmations.confirm(Caller.require(), grantId);
			redirect.addFlashAttribute("notice", "notice.grant.confirmed");
			if (issued.oneTimePassword() != null) {
				redirect.addFlashAttribute("issued", issued);
			}
			return "redirect:/account-confirmations";
		}
		catch (FieldProblem problem) {
			model.addAttribute("problems", problem.messages(messages, locale).values());
			return page(model);
		}
	}

	@PostMapping("/account-confirmations/grants/{grantId}/refuse")
	String refuse(@PathVariable long grantId, @ModelAttribute("refusal") Refusal form, BindingResult binding, Model model,
			Locale locale, RedirectAttributes redirect) {
		try {
			confirmations.refuse(Caller.require(), grantId, form.reason());
			redirect.addFlashAttribute("notice", "notice.grant.refused");
			return "redirect:/account-confirmations";
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			model.addAttribute("problems", problem.messages(messages, locale).values());
			model.addAttribute("refusing", grantId);
			return page(model);
		}
	}

	@PostMapping("/account-confirmations/handovers/{accountId}")
	String handOver(@PathVariable long accountId, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute("issued", confirmations.handOver(Caller.require(), accountId));
			redirect.addFlashAttribute("notice", "notice.grant.handedOver");
			return "redirect:/account-confirmations";
		}
		catch (FieldProblem problem) {
			model.addAttribute("problems", problem.messages(messages, locale).values());
			return page(model);
		}
	}

	@PostMapping("/account-confirmations/second-factor-resets/{resetId}/confirm")
	String confirmReset(@PathVariable long resetId, Model model, Locale locale, RedirectAttributes redirect) {
		return decide(model, locale, redirect, "confirm.resets.confirmed", () -> resets.confirm(Caller.require(), resetId));
	}

	@PostMapping("/account-confirmations/second-factor-resets/{resetId}/refuse")
	String refuseReset(@PathVariable long resetId, @ModelAttribute("refusal") Refusal form, Model model, Locale locale,
			RedirectAttributes redirect) {
		return decide(model, locale, redirect, "confirm.resets.refused",
				() -> resets.refuse(Caller.require(), resetId, form.reason()));
	}

	private String decide(Model model, Locale locale, RedirectAttributes redirect, String notice, Runnable decision) {
		try {
			decision.run();
			redirect.addFlashAttribute("notice", notice);
			return "redirect:/account-confirmations";
		}
		catch (FieldProblem problem) {
			model.addAttribute("problems", problem.messages(messages, locale).values());
			return page(model);
		}
	}

	private String page(Model model) {
		model.addAttribute("pending", confirmations.pending(Caller.require()));
		model.addAttribute("resets", resets.pending(Caller.require()));
		if (!model.containsAttribute("refusal")) {
			model.addAttribute("refusal", new Refusal(null));
		}
		return "account/confirmations";
	}
}
