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

	private final MemberDirectory members;

	private final MessageSource messages;

	private final PocketMembers pockets;

	private final ReceiptScans scans;

	TransferPages(Transfers transfers, MemberDirectory members, MessageSource messages, PocketMembers pockets, ReceiptScans scans) {
		this.scans = scans;
		this.pockets = pockets;
		this.transfers = transfers;
		this.members = members;
		this.messages = messages;
	}

	@GetMapping("/transfers")
	String list(@RequestParam(required = false) Transfers.State state, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("waiting", transfers.waitingFor(caller));
		model.addAttribute("transfers", transfers.list(caller, null, state));
		model.addAttribute("state", state);
		model.addAttribute("states", Transfers.State.values());
		return "transfer/list";
	}

	/** 口袋党员: who is held by the school but out of reach, why, since when, who should act; counts per organisation. */
	@GetMapping("/transfers/pocket")
	String pocket(@RequestParam(required = false) Long orgId, Model model) {
		List<PocketMembers.Pocket> rows = pockets.list(Caller.require(), orgId);
		model.addAttribute("rows", rows);
		model.addAttribute("counts", pockets.countsByCollege(rows));
		model.addAttribute("abroad", pockets.abroad(Caller.require()));
		return "transfer/pocket";
	}

	/** The 口袋党员 list as Excel, for the office's follow-up and the 停止党籍 procedures that may come of it. */
	@GetMapping("/transfers/pocket.xlsx")
	ResponseEntity<byte[]> pocketSheet(@RequestParam(required = false) Long orgId, Locale locale) {
		List<PocketMembers.Pocket> rows = pockets.list(Caller.require(), orgId);
		return Downloads.sheet("口袋党员.xlsx", "pocket-members.xlsx", "口袋党员",
				List.of("姓名", "党组织", "原因", "自", "责任"),
				rows.stream().map(p -> List.<Object>of(p.name(), p.organizationName(),
						messages.getMessage("transfer.pocket.why." + p.why(), null, locale), p.since().toString(), p.responsible()))
					.toList());
	}

	/** The transfers in scope (optionally in one state) as Excel. */
	@GetMapping("/transfers/export.xlsx")
	ResponseEntity<byte[]> sheet(@RequestParam(required = false) Transfers.State state, Locale locale) {
		List<Transfers.TransferView> rows = transfers.list(Caller.require(), null, state);
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

	@PostMapping("/transfers/pocket/abroad")
	String markAbroad(@RequestParam(required = false) String staffNumber, @RequestParam(required = false) String country,
			@RequestParam(required = false) String since, RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		try {
			long memberId = pockets.byStaffNumber(caller, staffNumber)
				.orElseThrow(() -> new FieldProblem("staffNumber", "transfer.abroad.unknown", staffNumber == null ? "" : staffNumber));
			LocalDate on = since == null || !since.matches("\\d{4}-\\d{2}-\\d{2}") ? null : LocalDate.parse(since);
			pockets.markAbroad(caller, memberId, country, on);
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.abroad.recorded", null, locale));
		}
		catch (FieldProblem | DateTimeParseException problem) {
			redirect.addFlashAttribute("error", problem instanceof FieldProblem f ? String.join("；", f.messages(messages, locale).values())
					: messages.getMessage("common.date.invalid", null, locale));
		}
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
			pockets.recordContact(Caller.require(), memberId, how);
			redirect.addFlashAttribute("notice", messages.getMessage("transfer.contact.recorded", null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/transfers/pocket";
	}

	@GetMapping("/transfers/{id}")
	String detail(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		Transfers.TransferView t = transfers.get(caller, id);
		model.addAttribute("t", t);
		model.addAttribute("mayAct", transfers.mayAct(caller, t));
		model.addAttribute("mayWithdraw", transfers.mayWithdraw(caller, t));
		model.addAttribute("mayRecordReceipt", transfers.mayRecordReceipt(caller, t));
		model.addAttribute("hasScan", scans.exists(id));
		model.addAttribute("mayUploadScan", t.state() == Transfers.State.RECEIPTED && transfers.isCommitteeOf(caller, t));
		model.addAttribute("lapsed", t.letter() != null && t.state() == Transfers.State.ISSUED
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
			transfers.receipt(caller, id, receiptNo, on);
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
			if ("approve".equals(action) && transfers.get(caller, id).kind() == Transfers.Kind.INCOMING) {
				// the new member's one-time password is shown this once, to the one who accepted
				Transfers.Arrival arrival = transfers.arrive(caller, id);
				redirect.addFlashAttribute("notice", arrival.username() == null ? messages.getMessage("transfer.done.approve", null, locale)
						: messages.getMessage("transfer.done.arrived", new Object[] { arrival.username(), arrival.initialPassword() }, locale));
				return "redirect:/transfers/" + id;
			}
			switch (action) {
				case "approve" -> transfers.approve(caller, id);
				case "reject" -> transfers.reject(caller, id, reason);
				case "withdraw" -> transfers.withdraw(caller, id);
				case "reissue" -> transfers.reissue(caller, id);
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
		model.addAttribute("branches", transfers.receivingBranches(Caller.require()));
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
		Transfers.Incoming incoming = new Transfers.Incoming(form.get("letterNo"), form.get("fromOrgName"),
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
			Transfers.TransferView t = transfers.registerIncoming(Caller.require(), incoming);
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
		model.addAttribute("member", transfers.starter(caller, id));
		model.addAttribute("branches", transfers.branchesFor(id));
		model.addAttribute("mine", transfers.mine(caller));
		model.addAttribute("destinations", Transfers.Destination.values());
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
		boolean outgoing = "OUTGOING".equals(form.get("kind"));
		try {
			Long to = toOrgId == null || !toOrgId.matches("\\d{1,18}") ? null : Long.valueOf(toOrgId);
			Transfers.TransferView t = transfers.start(Caller.require(), new Transfers.Request(memberId,
					outgoing ? Transfers.Kind.OUTGOING : Transfers.Kind.INTERNAL, outgoing ? null : to, form.get("toOrgName"),
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
