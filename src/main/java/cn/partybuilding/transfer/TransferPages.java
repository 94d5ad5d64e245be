package cn.partybuilding.transfer;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;

/**
 * The transfer pages: what waits for the caller and the history in their scope; one transfer with its
 * steps and the actions open to the caller; asking for a transfer (the member for themselves, the branch
 * for one of its members).
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

	TransferPages(Transfers transfers, TransferWorkflow workflow, TransferPermissions permissions, OutgoingLetters outgoing,
			IncomingLetters incoming, BranchChoices branches, MemberDirectory members, MessageSource messages, ReceiptScans scans) {
		this.transfers = transfers;
		this.workflow = workflow;
		this.permissions = permissions;
		this.outgoing = outgoing;
		this.incoming = incoming;
		this.branches = branches;
		this.members = members;
		this.messages = messages;
		this.scans = scans;
	}

	@GetMapping("/transfers")
	String list(@RequestParam(required = false) TransferState state, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("waiting", permissions.waitingFor(caller));
		model.addAttribute("transfers", transfers.list(caller, null, state));
		model.addAttribute("state", state);
		model.addAttribute("states", TransferState.values());
		return "transfer/list";
	}

	/** The transfers in scope (optionally in one state) as Excel. */
	@GetMapping("/transfers/export.xlsx")
	ResponseEntity<byte[]> sheet(@RequestParam(required = false) TransferState state, Locale locale) {
		List<TransferView> rows = transfers.list(Caller.require(), null, state);
		return Downloads.sheet("组织关系转接.xlsx", "transfers.xlsx", "组织关系转接",
				List.of("党员", "类型", "状态", "转出", "转入", "原因", "申请人", "申请时间", "介绍信编号", "有效期至", "回执"),
				rows.stream().map(t -> List.<Object>of(t.memberName(), messages.getMessage("transfer.kind." + t.kind(), null, locale),
						t.stage() != null ? t.stage().title() : messages.getMessage("transfer.state." + t.state(), null, locale),
						t.fromName(), t.toName(), t.reason(), t.startedBy(), t.startedAt().atZone(PlatformZone.ZONE)
							.toLocalDate().toString(),
						t.letter() == null ? "" : t.letter().number(),
						t.letter() == null || t.letter().validUntil() == null ? "" : t.letter().validUntil().toString(),
						t.letter() == null || t.letter().receiptNo() == null ? "" : t.letter().receiptNo())).toList());
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
				&& t.letter().validUntil().isBefore(LocalDate.now()));
		model.addAttribute("today", LocalDate.now());
		return "transfer/detail";
	}

	/** The 回执 came back (the committee records it). */
	@PostMapping("/transfers/{id}/receipt")
	String receipt(@PathVariable long id, @RequestParam(required = false) String receiptNo,
			@RequestParam(required = false) String receivedOn,
			@RequestParam(required = false) MultipartFile scan, RedirectAttributes redirect,
			Locale locale) throws IOException {
		try {
			LocalDate on = receivedOn == null || receivedOn.isBlank() ? null : LocalDate.parse(receivedOn);
			Caller caller = Caller.require();
			if (scan != null && !scan.isEmpty()) {
				// the scan first: a refused file leaves the receipt unrecorded, to be sent again with a good one
				scans.upload(caller, id, scan.getOriginalFilename(), scan.getBytes());
			}
			outgoing.receipt(caller, id, receiptNo, on);
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.done.receipt", null, locale));
		}
		catch (DateTimeParseException e) {
			redirect.addFlashAttribute("error", messages.getMessage("transfer.receipt.date", new Object[] { "" }, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", String.join("；", problem.messages(messages, locale).values()));
		}
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
			redirect.addFlashAttribute("error", String.join("；", problem.messages(messages, locale).values()));
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
				default -> throw new FieldProblem("action", "transfer.closed");
			}
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.done." + action, null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/transfers/" + id;
	}

	/** 转入: the letter as it reads, the member's details, the receiving branch. */
	@GetMapping("/transfers/incoming")
	String incomingForm(Model model) {
		model.addAttribute("branches", branches.receivingBranches(Caller.require()));
		model.addAttribute("genders", Gender.values());
		model.addAttribute("educations", Education.values());
		model.addAttribute("categories", Category.values());
		model.addAttribute("statuses", MemberStatus.values());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Map.of());
		}
		return "transfer/incoming";
	}

	@PostMapping("/transfers/incoming")
	String registerIncoming(@RequestParam Map<String, String> form, RedirectAttributes redirect, Locale locale) {
		List<FieldProblem.Problem> unreadable = new ArrayList<>();
		IncomingLetters.Incoming letter = new IncomingLetters.Incoming(form.get("letterNo"), form.get("fromOrgName"),
				date(form, "validUntil", unreadable), form.get("paidUpTo"), number(form.get("toOrgId")), form.get("reason"),
				new MemberForm(form.get("member.name"), choice(Gender.class, form.get("member.gender")),
						form.get("member.ethnicity"), date(form, "member.birthDate", unreadable), form.get("member.idCard"),
						form.get("member.nativePlace"), choice(Education.class, form.get("member.education")),
						choice(Category.class, form.get("member.category")), form.get("member.staffNumber"),
						form.get("member.phone"), null, choice(MemberStatus.class, form.get("member.status")),
						date(form, "member.joinDate", unreadable), date(form, "member.conversionDate", unreadable),
						form.get("member.graduationYear") == null || !form.get("member.graduationYear").matches("\\d{4}") ? null
								: Integer.valueOf(form.get("member.graduationYear"))));
		try {
			if (!unreadable.isEmpty()) {
				throw new FieldProblem(unreadable);
			}
			TransferView t = incoming.register(Caller.require(), letter);
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.done.start", null, locale));
			return "redirect:/transfers/" + t.id();
		}
		catch (FieldProblem problem) {
			keepTyped(redirect, form, problem.messages(messages, locale));
			return "redirect:/transfers/incoming";
		}
	}

	/** A form with a mistake comes back filled, each problem beside its field. */
	static void keepTyped(RedirectAttributes redirect, Map<String, String> form, Map<String, String> errors) {
		Map<String, String> kept = new HashMap<>(form);
		kept.remove("_csrf");
		redirect.addFlashAttribute("form", kept);
		redirect.addFlashAttribute("errors", errors);
	}

	private static LocalDate date(Map<String, String> form, String field, List<FieldProblem.Problem> unreadable) {
		String text = form.get(field);
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException e) {
			unreadable.add(new FieldProblem.Problem(field, "common.date.invalid", new Object[0]));
			return null;
		}
	}

	private static Long number(String text) {
		return text == null || !text.matches("\\d{1,18}") ? null : Long.valueOf(text);
	}

	private static <E extends Enum<E>> E choice(Class<E> type, String text) {
		try {
			return text == null || text.isBlank() ? null : Enum.valueOf(type, text.trim());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** The form: for the caller themselves ({@code /me/transfer}) or a member of their branch. */
	@GetMapping({ "/transfers/new", "/me/transfer" })
	String form(@RequestParam(required = false) Long memberId, Model model) {
		Caller caller = Caller.require();
		long id = memberId != null ? memberId
				: members.memberOfAccount(caller.accountId()).orElseThrow(() -> new OutOfScopeException("member", "me"));
		model.addAttribute("member", permissions.starter(caller, id));
		model.addAttribute("branches", branches.branchesFor(id));
		model.addAttribute("mine", transfers.mine(caller));
		model.addAttribute("destinations", Destination.values());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Map.of());
		}
		return "transfer/new";
	}

	@PostMapping("/transfers/new")
	String start(@RequestParam long memberId, @RequestParam Map<String, String> form, RedirectAttributes redirect,
			Locale locale) {
		String toOrgId = form.get("toOrgId");
		String reason = form.get("reason");
		boolean out = "OUTGOING".equals(form.get("kind"));
		try {
			Long to = toOrgId == null || !toOrgId.matches("\\d{1,18}") ? null : Long.valueOf(toOrgId);
			TransferView t = workflow.start(Caller.require(), new TransferRequest(memberId,
					out ? TransferKind.OUTGOING : TransferKind.INTERNAL, out ? null : to, form.get("toOrgName"),
					form.get("toOrgKind"), reason, form.get("toOrgAddress")));
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.done.start", null, locale));
			return "redirect:/transfers/" + t.id();
		}
		catch (FieldProblem problem) {
			keepTyped(redirect, form, problem.messages(messages, locale));
			return "redirect:/transfers/new?memberId=" + memberId;
		}
	}
}
