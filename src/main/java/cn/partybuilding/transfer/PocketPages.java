package cn.partybuilding.transfer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
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
 * The 口袋党员 page: who is held by the school but out of reach, why, since when, who should act; the
 * branch recording a contact, members marked abroad and back.
 */
@Controller
class PocketPages {

	private final PocketMembers pockets;

	private final MessageSource messages;

	private final TransferSheets sheets;

	PocketPages(PocketMembers pockets, MessageSource messages, TransferSheets sheets) {
		this.pockets = pockets;
		this.messages = messages;
		this.sheets = sheets;
	}

	/** 口袋党员: who is held by the school but out of reach, why, since when, who should act; counts per organisation. */
	@GetMapping("/transfers/pocket")
	String pocket(@RequestParam(required = false) Long orgId, Model model) {
		List<PocketMembers.Pocket> rows = pockets.list(Caller.require(), orgId);
		model.addAttribute("rows", rows);
		model.addAttribute("counts", pockets.countsByCollege(rows));
		model.addAttribute("abroad", pockets.abroad(Caller.require()));
		model.addAttribute("abroadForm", new AbroadForm(null, null, null));
		return "transfer/pocket";
	}

	/** The 口袋党员 list as Excel, for the office's follow-up and the 停止党籍 procedures that may come of it. */
	@GetMapping("/transfers/pocket.xlsx")
	ResponseEntity<byte[]> pocketSheet(@RequestParam(required = false) Long orgId, Locale locale) {
		return sheets.pocketMembers(pockets.list(Caller.require(), orgId), locale);
	}

	/** A member abroad as the branch records them: by 学号/工号, where, since when. */
	record AbroadForm(@Size(max = 64) String staffNumber, @Size(max = 50) String country, LocalDate since) {
	}

	@PostMapping("/transfers/pocket/abroad")
	String markAbroad(@Valid @ModelAttribute("abroadForm") AbroadForm form, BindingResult binding, RedirectAttributes redirect,
			Locale locale) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				long memberId = pockets.byStaffNumber(caller, form.staffNumber()).orElseThrow(() -> new FieldProblem("staffNumber",
						"transfer.abroad.unknown", form.staffNumber() == null ? "" : form.staffNumber()));
				pockets.markAbroad(caller, memberId, form.country(), form.since());
				redirect.addFlashAttribute("notice", messages.getMessage("transfer.abroad.recorded", null, locale));
				return "redirect:/transfers/pocket#abroad";
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		redirect.addFlashAttribute("error", ActionProblems.inOneLine(binding, messages, locale));
		return "redirect:/transfers/pocket#abroad";
	}

	@PostMapping("/transfers/pocket/abroad/{memberId}/back")
	String back(@PathVariable long memberId, RedirectAttributes redirect, Locale locale) {
		pockets.clearAbroad(Caller.require(), memberId);
		redirect.addFlashAttribute("notice", messages.getMessage("transfer.abroad.cleared", null, locale));
		return "redirect:/transfers/pocket#abroad";
	}

	@PostMapping("/transfers/pocket/{memberId}/contact")
	String contact(@PathVariable long memberId, @RequestParam(required = false) String how, RedirectAttributes redirect,
			Locale locale) {
		try {
			pockets.recordContact(Caller.require(), memberId, how, null);
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.contact.recorded", null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/transfers/pocket";
	}
}
