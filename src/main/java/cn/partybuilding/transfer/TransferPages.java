package cn.partybuilding.transfer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.LocalDate;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Keyset;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * The transfer pages: what waits for the caller and the history in their scope; one transfer with its
 * steps and the actions open to the caller (their problems come back as a line above it); asking for a
 * transfer (the member for themselves, the branch for one of its members), a form that comes back filled.
 */
@Controller
class TransferPages {

	private final Transfers transfers;

	private final TransferWorkflow workflow;

	private final TransferPermissions permissions;

	private final OutgoingLetters outgoing;

	private final IncomingLetters incoming;

	private final BranchChoices branches;

	private final MemberDirectory members;

	private final MessageSource messages;

	private final ReceiptScans scans;

	private final TransferSheets sheets;

	TransferPages(Transfers transfers, TransferWorkflow workflow, TransferPermissions permissions, OutgoingLetters outgoing,
			IncomingLetters incoming, BranchChoices branches, MemberDirectory members, MessageSource messages, ReceiptScans scans,
			TransferSheets sheets) {
		this.transfers = transfers;
		this.workflow = workflow;
		this.permissions = permissions;
		this.outgoing = outgoing;
		this.incoming = incoming;
		this.branches = branches;
		this.members = members;
		this.messages = messages;
		this.scans = scans;
		this.sheets = sheets;
	}

	/** Transfers listed on a page; the next ones are a link away (after the last one shown). */
	static final int PAGE_SIZE = 50;

	/** Transfers waiting for the caller listed above the history; all of them ({@code waiting=all}) a link away. */
	static final int WAITING_SHOWN = 20;

	@GetMapping("/transfers")
	String list(@RequestParam(required = false) TransferState state,
			@RequestParam(required = false) @Size(max = 40) String after,
			@RequestParam(required = false) String waiting, Model model, Locale locale, HttpServletRequest request) {
		Caller caller = Caller.require();
		boolean all = "all".equals(waiting);
		TransferRows rows = new TransferRows(messages, locale, request.getContextPath());
		// all: as many as the waiting list gives (the newest 500), the count still all of them
		TransferPermissions.Waiting waitingNow = permissions.waitingNewest(caller, all ? Transfers.LIMIT : WAITING_SHOWN);
		model.addAttribute("waiting", waitingNow);
		model.addAttribute("waitingItems", rows.waiting(waitingNow.newest()));
		model.addAttribute("waitingAll", all);
		Keyset from = Keyset.parse(after);
		Transfers.TransferPage page = transfers.page(caller, null, state, from, PAGE_SIZE, true);
		model.addAttribute("transfers", page.transfers());
		model.addAttribute("rows", rows.table(page.transfers()));
		model.addAttribute("total", page.total());
		model.addAttribute("next", page.next() == null ? null : page.next().token());
		model.addAttribute("after", from);
		model.addAttribute("state", state);
		model.addAttribute("states", TransferState.values());
		return "transfer/list";
	}

	/** The transfers in scope (optionally in one state) as Excel. */
	@GetMapping("/transfers/export.xlsx")
	ResponseEntity<byte[]> sheet(@RequestParam(required = false) TransferState state, Locale locale) {
		return sheets.transfers(transfers.list(Caller.require(), null, state), locale);
	}

	@GetMapping("/transfers/{id}")
	String detail(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		TransferView t = permissions.visible(caller, id);
		model.addAttribute("t", t);
		model.addAttribute("mayAct", permissions.mayAct(caller, t));
		model.addAttribute("mayWithdraw", permissions.mayWithdraw(caller, t));
		model.addAttribute("mayRecordReceipt", permissions.mayRecordReceipt(caller, t));
		model.addAttribute("hasScan", scans.exists(id));
		model.addAttribute("mayUploadScan", permissions.mayUploadScan(caller, t));
		model.addAttribute("lapsed", t.letter() != null && t.state() == TransferState.ISSUED
				&& t.letter().validUntil().isBefore(LocalDate.now(PlatformZone.ZONE)));
		model.addAttribute("receipt", new ReceiptForm(null, LocalDate.now(PlatformZone.ZONE)));
		return "transfer/detail";
	}

	/** What the committee types when the 回执 comes back. */
	record ReceiptForm(@Size(max = 64) String receiptNo, LocalDate receivedOn) {
	}

	/** The 回执 came back (the committee records it), with its scan if there is one. */
	@PostMapping("/transfers/{id}/receipt")
	String receipt(@PathVariable long id, @Valid @ModelAttribute("receipt") ReceiptForm form, BindingResult binding,
			@RequestParam(required = false) MultipartFile scan, RedirectAttributes redirect, Locale locale) throws IOException {
		if (!binding.hasErrors()) {
			try {
				Caller caller = Caller.require();
				if (scan != null && !scan.isEmpty()) {
					// the scan first: a refused file leaves the receipt unrecorded, to be sent again with a good one
					scans.upload(caller, id, scan.getOriginalFilename(), scan.getBytes());
				}
				outgoing.receipt(caller, id, form.receiptNo(), form.receivedOn());
				redirect.addFlashAttribute("notice", messages.getMessage("transfer.done.receipt", null, locale));
				return "redirect:/transfers/" + id;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		redirect.addFlashAttribute("error", ActionProblems.inOneLine(binding, messages, locale));
		return "redirect:/transfers/" + id;
	}

	/** A scan of the 回执 added after it was recorded. */
	@PostMapping("/transfers/{id}/receipt-scan")
	String scan(@PathVariable long id, @RequestParam(required = false) MultipartFile scan,
			RedirectAttributes redirect, Locale locale) throws IOException {
		try {
			scans.upload(Caller.require(), id, scan == null ? null : scan.getOriginalFilename(), scan == null ? null : scan.getBytes());
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.scan.saved", null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", ActionProblems.inOneLine(problem, messages, locale));
		}
		return "redirect:/transfers/" + id;
	}

	@PostMapping("/transfers/{id}/{action}")
	String act(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) String reason,
			RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		try {
			if ("approve".equals(action) && permissions.visible(caller, id).kind() == TransferKind.INCOMING) {
				// the new member's one-time password is shown this once, to the one who accepted
				IncomingLetters.Arrival arrival = incoming.arrive(caller, id);
				redirect.addFlashAttribute("notice", arrival.username() == null ? messages.getMessage("transfer.done.approve", null, locale)
						: messages.getMessage("transfer.done.arrived", new Object[] { arrival.username(), arrival.initialPassword() }, locale));
				return "redirect:/transfers/" + id;
			}
			switch (action) {
				case "approve" -> workflow.approve(caller, id);
				case "reject" -> workflow.reject(caller, id, reason);
				case "withdraw" -> workflow.withdraw(caller, id);
				case "reissue" -> outgoing.reissue(caller, id);
				case "void" -> outgoing.voidLetter(caller, id, reason);
				default -> throw new FieldProblem("action", "transfer.closed");
			}
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.done." + action, null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/transfers/" + id;
	}

	/** The form: for the caller themselves ({@code /me/transfer}) or a member of their branch. */
	@GetMapping({ "/transfers/new", "/me/transfer" })
	String form(@RequestParam(required = false) Long memberId, Model model) {
		Caller caller = Caller.require();
		long id = memberId != null ? memberId
				: members.memberOfAccount(caller.accountId()).orElseThrow(() -> new OutOfScopeException("member", "me"));
		model.addAttribute("form", new TransferRequest(id, TransferKind.INTERNAL, null, null, null, null, null));
		return form(caller, id, model);
	}

	/** Asks for it; the form comes back filled, with every mistake beside its field. */
	@PostMapping("/transfers/new")
	String start(@RequestParam long memberId, @Valid @ModelAttribute("form") TransferRequest form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				TransferView t = workflow.start(caller, form);
				redirect.addFlashAttribute("notice", messages.getMessage("transfer.done.start", null, locale));
				return "redirect:/transfers/" + t.id();
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return form(caller, memberId, model);
	}

	/** The page around the form in the model (a handler that bound it leaves it there with its BindingResult). */
	private String form(Caller caller, long memberId, Model model) {
		model.addAttribute("member", permissions.starter(caller, memberId));
		model.addAttribute("branches", branches.branchesFor(memberId));
		model.addAttribute("mine", transfers.mine(caller));
		model.addAttribute("destinations", Destination.values());
		return "transfer/new";
	}
}
