package cn.partybuilding.dues;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;

import org.springframework.beans.factory.annotation.Value;
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

import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * The branch's dues pages: the month's roll with bases to approve, one member's account with the forms to
 * record a payment, enter a base or grant relief; the arrears list and the collection report, each
 * exportable. A form with a mistake comes back with what was typed.
 */
@Controller
class DuesPages {

	private final DuesRoll roll;

	private final DuesAccess access;

	private final DuesBilling billing;

	private final DuesPayments payments;

	private final List<PaymentMethod> offlineMethods;

	private final DuesBases bases;

	private final DuesArrears arrears;

	private final DuesReports reports;

	private final DuesManagement management;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final Clock clock;

	private final DuesReliefs reliefs;

	private final int rollPageSize;

	private final DuesRollPage rollPage;

	DuesPages(DuesRoll roll, DuesAccess access, DuesBilling billing, DuesPayments payments, DuesBases bases, DuesArrears arrears,
			DuesReports reports, DuesManagement management, OrganizationTree tree, MessageSource messages, Clock clock,
			DuesReliefs reliefs, DuesRollPage rollPage, @Value("${party.dues.roll-page-size:50}") int rollPageSize) {
		this.rollPage = rollPage;
		this.rollPageSize = Math.max(1, Math.min(rollPageSize, 1000));
		this.reliefs = reliefs;
		this.roll = roll;
		this.access = access;
		this.billing = billing;
		this.payments = payments;
		// a setting's consequence, read once: asked on every roll page, it was a transaction of its own
		this.offlineMethods = payments.offlineMethods();
		this.bases = bases;
		this.arrears = arrears;
		this.reports = reports;
		this.management = management;
		this.tree = tree;
		this.messages = messages;
		this.clock = clock;
	}

	/** The drop-down of the organisations the caller manages dues in, opened towards {@code chosen}. */
	private OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, DuesAccess.MANAGE);
	}

	// ---- the roll ----

	/** The badge of a line's state on the roll page (NONE: no bill). */
	private static final Map<String, String> STATE_BADGES = Map.of("NONE", "badge text-bg-light border", "PAID", "badge text-bg-success",
			"EXEMPT", "badge text-bg-info", "UNPAID", "badge text-bg-warning");

	/**
	 * The month's roll a page at a time ({@code party.dues.roll-page-size} lines, 下一页 by cursor), whatever the scope, with
	 * the month's totals; around it the bases and reliefs waiting (read from those waiting, not from the scope's members),
	 * how many members have no bill this month (from the kept member counts and the running totals) and a link to those
	 * without a base ({@code /dues/missing}: the scope's members are not read here).
	 */
	@GetMapping("/dues")
	String roll(@RequestParam(required = false) Long orgId, @RequestParam(required = false) YearMonth month,
			@RequestParam(defaultValue = "ALL") DuesRoll.Show show, @RequestParam(required = false) String after,
			Model model, Locale locale, HttpServletRequest request) {
		// {@code after}: anything but two numbers is refused when it is read (DuesRoll.cursor), whatever its length; a
		// @Size here ran Bean Validation on every page for nothing more
		Caller caller = Caller.require();
		YearMonth m = month == null ? YearMonth.now(clock) : month;
		Set<Long> orgs = access.organizationsOrAll(caller, orgId);
		// the roll, the bases and reliefs waiting, the members without a bill: one read-only transaction
		DuesRollPage.View view = rollPage.read(caller, orgId, orgs, m, show, after, rollPageSize);
		DuesRoll.Roll r = view.roll();
		model.addAttribute("roll", r);
		model.addAttribute("after", after);
		model.addAttribute("pending", view.pending().first());
		model.addAttribute("pendingCount", view.pending().count());
		model.addAttribute("unbilled", r.unbilled());
		// relief the branch proposed, still waiting one level up
		model.addAttribute("reliefsPending", view.reliefs().first());
		model.addAttribute("reliefsPendingCount", view.reliefs().count());
		model.addAttribute("approver", caller.has(DuesReliefs.APPROVE));
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("orgId", orgId);
		model.addAttribute("month", m);
		model.addAttribute("show", show);
		model.addAttribute("shows", DuesRoll.Show.values());
		model.addAttribute("methods", offlineMethods);
		model.addAttribute("defaultMethod", PaymentMethod.CASH);
		model.addAttribute("today", LocalDate.now(clock));
		// each line's state as a badge: looked up once a page, not once a line; the rows written in Java (DuesRollRows)
		Map<String, String> states = new HashMap<>();
		for (String state : STATE_BADGES.keySet()) {
			states.put(state, messages.getMessage("dues.state." + state, null, locale));
		}
		model.addAttribute("rows", DuesRollRows.html(r.lines(), states, STATE_BADGES, request.getContextPath()));
		return "dues/roll";
	}

	/**
	 * Members of the scope who owe dues on a base but have none approved for the month, by name, each with a link to
	 * their account (where the base is entered): up to {@code party.dues.roll-limit} members in scope, else choose a
	 * college or branch. The roll page links here rather than reading the scope's members on every page.
	 */
	@GetMapping("/dues/missing")
	String missing(@RequestParam(required = false) Long orgId, @RequestParam(required = false) YearMonth month, Model model) {
		Caller caller = Caller.require();
		YearMonth m = month == null ? YearMonth.now(clock) : month;
		Set<Long> orgs = access.organizationsOrAll(caller, orgId);
		List<MemberSummary> missing = roll.withoutBase(caller, orgId, orgs, m, roll.totals(m, orgs));
		model.addAttribute("missingAbove", missing == null);
		model.addAttribute("missing", missing == null ? List.of() : missing);
		model.addAttribute("organizationNames", missing == null ? Map.of()
				: access.qualifiedNames(missing.stream().map(MemberSummary::organizationId).distinct().toList()));
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("orgId", orgId);
		model.addAttribute("month", m);
		return "dues/missing";
	}

	/** A month's dues the 组织委员 collected from several members at once (a meeting, a collective receipt). */
	record RollPayment(List<Long> memberIds, YearMonth month, PaymentMethod method, @Size(max = 64) String receiptNo, LocalDate paidOn,
			Long orgId) {
	}

	/**
	 * Each ticked member's month is recorded as their own payment; anyone who cannot be is named with why.
	 * The outcome is said above the roll it returns to (a collection, not one form to correct).
	 */
	@PostMapping("/dues/roll/payments")
	String recordMany(@Valid @ModelAttribute RollPayment form, BindingResult binding, RedirectAttributes redirect, Locale locale) {
		if (form.month() == null) {
			// the roll's own month, never typed: a request without a readable one is not from the page
			throw new FieldProblem("month", "dues.months.format", String.valueOf(binding.getRawFieldValue("month")));
		}
		String back = "redirect:/dues?month=" + form.month() + (form.orgId() == null ? "" : "&orgId=" + form.orgId())
				+ "&show=UNPAID";
		List<Long> memberIds = form.memberIds() == null ? List.of()
				: form.memberIds().stream().filter(Objects::nonNull).distinct().toList();
		if (memberIds.isEmpty()) {
			redirect.addFlashAttribute("error", messages.getMessage("dues.roll.noneTicked", null, locale));
			return back;
		}
		if (binding.hasErrors()) {
			redirect.addFlashAttribute("error", binding.getAllErrors().stream().map(e -> messages.getMessage(e, locale))
				.collect(Collectors.joining(messages.getMessage("dues.roll.refusedJoin", null, locale))));
			return back;
		}
		Caller caller = Caller.require();
		int recorded = 0;
		List<String> refused = new ArrayList<>();
		for (Long id : memberIds) {
			try {
				payments.record(caller, new DuesPayments.OfflinePayment(id, List.of(form.month().toString()), form.method(),
						form.receiptNo(), form.paidOn(), null, null, null));
				recorded++;
			}
			catch (FieldProblem problem) {
				refused.add(messages.getMessage("dues.roll.refused",
						new Object[] { access.member(id).name(), problem.messages(messages, locale).values().iterator().next() }, locale));
			}
		}
		if (recorded > 0) {
			redirect.addFlashAttribute("notice", messages.getMessage("dues.roll.recorded", new Object[] { recorded, form.month() },
					locale));
		}
		if (!refused.isEmpty()) {
			redirect.addFlashAttribute("error", String.join(messages.getMessage("dues.roll.refusedJoin", null, locale), refused));
		}
		return back;
	}

	@GetMapping("/dues.xlsx")
	ResponseEntity<byte[]> rollSheet(@RequestParam(required = false) Long orgId, @RequestParam(required = false) YearMonth month,
			@RequestParam(defaultValue = "ALL") DuesRoll.Show show) {
		DuesRoll.Roll r = roll.of(Caller.require(), orgId, month == null ? YearMonth.now(clock) : month, show);
		if (r.tooMany()) {
			throw new FieldProblem("show", "dues.roll.tooMany");
		}
		// the sheet goes to the party office's files: in Chinese, like its headers
		Locale chinese = Locale.SIMPLIFIED_CHINESE;
		return Downloads.sheet(filed("dues.sheet.roll.file", r.month()) + ".xlsx", "dues.xlsx", filed("dues.sheet.roll", r.month()),
				headers("dues.sheet.roll.header"),
				r.lines().stream().map(l -> List.<Object>of(l.name(), l.organizationName(),
						l.category() == null ? filed("dues.sheet.roll.noCategory")
								: messages.getMessage(DuesRules.label(l.category()), chinese),
						l.base() == null ? "" : l.base(), l.amount() == null ? "" : l.amount(),
						messages.getMessage("dues.state." + (l.state() == null ? "NONE" : l.state().name()), null, chinese),
						l.paidUpTo() == null ? "" : l.paidUpTo().toString(), l.consecutive())).toList());
	}

	@PostMapping("/dues/bases/{id}/decide")
	String decide(@PathVariable long id, @RequestParam boolean approve, @RequestParam(required = false) String note,
			@RequestParam(required = false) Long orgId, RedirectAttributes redirect, Locale locale) {
		try {
			bases.decide(Caller.require(), id, approve, note);
			redirect.addFlashAttribute("notice", messages.getMessage(approve ? "dues.base.approved" : "dues.base.rejected", null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/dues" + (orgId == null ? "" : "?orgId=" + orgId) + "#pending";
	}

	// ---- one member ----

	/** The 组织委员's payment form: months ticked, more typed (ahead, or older with a reason), the voucher, who paid. */
	record PaymentForm(List<@Size(max = 7) String> months, @Size(max = 200) String moreMonths, PaymentMethod method,
			@Size(max = 64) String receiptNo, LocalDate paidOn, @Size(max = 50) String payerName, @Size(max = 200) String reason) {

		/** The months ticked and those typed (separated by commas or spaces), as the payments read them. */
		List<String> allMonths() {
			List<String> all = new ArrayList<>(months == null ? List.of() : months);
			for (String m : (moreMonths == null ? "" : moreMonths).split("[,\\uFF0C\\s]+")) {
				if (!m.isBlank()) {
					all.add(m.trim());
				}
			}
			return all;
		}
	}

	/** A voluntary special payment (≥ 1000 元), recorded apart. */
	record SpecialForm(BigDecimal amount, PaymentMethod method, @Size(max = 64) String receiptNo, LocalDate paidOn,
			@Size(max = 200) String note) {
	}

	@GetMapping("/dues/members/{id}")
	String member(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		MemberSummary member = access.managed(caller, id);
		List<DuesBilling.BillView> bills = billing.bills(caller, id);
		model.addAttribute("member", member);
		model.addAttribute("organizationName", access.organizationNames(List.of(member.organizationId())).get(member.organizationId()));
		model.addAttribute("bills", bills);
		model.addAttribute("unpaid", bills.stream().filter(b -> b.state() == DuesBilling.State.UNPAID && !b.inOpenOrder())
			.sorted(Comparator.comparing(DuesBilling.BillView::month)).toList());
		model.addAttribute("payments", payments.payments(caller, id));
		model.addAttribute("bases", bases.history(caller, id));
		model.addAttribute("paidUpTo", management.paidUpTo(id).orElse(null));
		model.addAttribute("arrears", arrears.of(member).orElse(null));
		model.addAttribute("categories", DuesCategory.values());
		model.addAttribute("methods", offlineMethods);
		// the forms, blank — but for one that failed, which a handler left in the model with its errors
		LocalDate today = LocalDate.now(clock);
		addBlank(model, "payment", new PaymentForm(null, null, PaymentMethod.CASH, null, today, null, null));
		addBlank(model, "declaration", new DuesBases.Declaration(null, null, YearMonth.now(clock), null));
		addBlank(model, "special", new SpecialForm(null, PaymentMethod.CASH, null, today, null));
		addBlank(model, "relief", new DuesReliefs.ReliefForm(null, null, null, null));
		model.addAttribute("reliefs", reliefs.of(caller, id));
		return "dues/member";
	}

	private static void addBlank(Model model, String form, Object blank) {
		if (!model.containsAttribute(form)) {
			model.addAttribute(form, blank);
		}
	}

	/**
	 * A form sent from a member's page: done, then back to the page with a notice; or the page again, the
	 * form as typed and every problem beside its field.
	 */
	private String submitted(long id, BindingResult binding, Runnable action, String anchor, Model model) {
		if (!binding.hasErrors()) {
			try {
				action.run();
				return "redirect:/dues/members/" + id + anchor;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return member(id, model);
	}

	/** Records a payment the 组织委员 took; the months ticked, plus any typed (ahead, or older with a reason). */
	@PostMapping("/dues/members/{id}/payments")
	String record(@PathVariable long id, @Valid @ModelAttribute("payment") PaymentForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		return submitted(id, binding, () -> {
			DuesPayments.PaymentView paid = payments.record(Caller.require(), new DuesPayments.OfflinePayment(id, form.allMonths(),
					form.method(), form.receiptNo(), form.paidOn(), form.payerName(), null, form.reason()));
			redirect.addFlashAttribute("notice", messages.getMessage("dues.payment.recorded",
					new Object[] { paid.amount().toPlainString(), paid.receiptNo() }, locale));
			redirect.addFlashAttribute("receiptId", paid.id());
		}, "", model);
	}

	@PostMapping("/dues/members/{id}/special")
	String special(@PathVariable long id, @Valid @ModelAttribute("special") SpecialForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		return submitted(id, binding, () -> {
			DuesPayments.PaymentView paid = payments.special(Caller.require(), new DuesPayments.SpecialPayment(id, form.amount(),
					form.method(), form.receiptNo(), form.paidOn(), form.note()));
			redirect.addFlashAttribute("notice", messages.getMessage("dues.payment.recorded",
					new Object[] { paid.amount().toPlainString(), paid.receiptNo() }, locale));
			redirect.addFlashAttribute("receiptId", paid.id());
		}, "#special", model);
	}

	@PostMapping("/dues/members/{id}/bases")
	String enterBase(@PathVariable long id, @Valid @ModelAttribute("declaration") DuesBases.Declaration form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		return submitted(id, binding, () -> {
			bases.declare(Caller.require(), id, form);
			redirect.addFlashAttribute("notice", messages.getMessage("dues.base.entered", null, locale));
		}, "#base", model);
	}

	@PostMapping("/dues/members/{id}/reliefs")
	String relieve(@PathVariable long id, @Valid @ModelAttribute("relief") DuesReliefs.ReliefForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		return submitted(id, binding, () -> {
			reliefs.propose(Caller.require(), id, form);
			redirect.addFlashAttribute("notice", messages.getMessage("dues.relief.proposed", null, locale));
		}, "#relief", model);
	}

	// ---- relief proposals, decided one level up ----

	/** The general branch's (or committee's) list of relief proposals waiting for its decision. */
	@GetMapping("/dues/reliefs")
	String reliefs(@RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("proposals", reliefs.awaitingDecision(caller, orgId));
		model.addAttribute("orgId", orgId);
		if (!model.containsAttribute("decision")) {
			model.addAttribute("decision", new DuesReliefs.DecisionForm(null));
		}
		return "dues/reliefs";
	}

	@PostMapping("/dues/reliefs/{id}/decide")
	String decideRelief(@PathVariable long id, @RequestParam boolean approve,
			@Valid @ModelAttribute("decision") DuesReliefs.DecisionForm form, BindingResult binding,
			@RequestParam(required = false) Long orgId, Model model, RedirectAttributes redirect, Locale locale) {
		if (!binding.hasErrors()) {
			try {
				reliefs.decide(Caller.require(), id, approve, form.note());
				redirect.addFlashAttribute("notice",
						messages.getMessage(approve ? "dues.relief.approved" : "dues.relief.refused", null, locale));
				return "redirect:/dues/reliefs" + (orgId == null ? "" : "?orgId=" + orgId);
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		model.addAttribute("failedId", id);
		return reliefs(orgId, model);
	}

	// ---- arrears and the report ----

	/** Everyone with unpaid months (a run of consecutive ones first), narrowed to a warning level if asked. */
	private List<DuesArrears.Arrears> arrearsRows(Long orgId, int level) {
		return arrears.list(Caller.require(), orgId).stream().filter(a -> a.level() >= level).toList();
	}

	@GetMapping("/dues/arrears")
	String arrears(@RequestParam(required = false) Long orgId, @RequestParam(defaultValue = "0") int level, Model model) {
		Caller caller = Caller.require();
		List<DuesArrears.Arrears> rows = arrearsRows(orgId, level);
		model.addAttribute("rows", rows);
		// how many per organisation, the longest runs first: where to look
		record Count(long orgId, String name, long members, long warned, long flagged) {
		}
		model.addAttribute("counts", rows.stream().collect(Collectors.groupingBy(DuesArrears.Arrears::organizationId))
			.values().stream().map(list -> new Count(list.get(0).organizationId(), list.get(0).organizationName(), list.size(),
					list.stream().filter(a -> a.level() > 0).count(), list.stream().filter(DuesArrears.Arrears::flagged).count()))
			.sorted(Comparator.comparing(Count::flagged).thenComparing(Count::warned).thenComparing(Count::members).reversed())
			.toList());
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("orgId", orgId);
		model.addAttribute("level", level);
		return "dues/arrears";
	}

	@GetMapping("/dues/arrears.xlsx")
	ResponseEntity<byte[]> arrearsSheet(@RequestParam(required = false) Long orgId, @RequestParam(defaultValue = "0") int level) {
		return Downloads.sheet(filed("dues.sheet.arrears.file") + ".xlsx", "arrears.xlsx", filed("dues.sheet.arrears"),
				headers("dues.sheet.arrears.header"),
				arrearsRows(orgId, level).stream().map(a -> List.<Object>of(a.name(), a.organizationName(), a.consecutive(),
						a.since() == null ? "" : a.since().toString(), a.unpaidMonths(), a.owed(),
						a.level() == 0 ? "" : filed("dues.sheet.arrears.level", a.level()),
						a.flagged() ? filed("common.yes") : "")).toList());
	}

	@GetMapping("/dues/report")
	String report(@RequestParam(required = false) Long orgId, @RequestParam(required = false) String period, Model model,
			Locale locale) {
		Caller caller = Caller.require();
		String p = period == null || period.isBlank() ? Integer.toString(YearMonth.now(clock).getYear()) : period.trim();
		try {
			model.addAttribute("report", reports.collection(caller, orgId, p));
		}
		catch (FieldProblem problem) {
			model.addAttribute("error", problem.messages(messages, locale).values().iterator().next());
			model.addAttribute("report", reports.collection(caller, orgId, Integer.toString(YearMonth.now(clock).getYear())));
		}
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("orgId", orgId);
		model.addAttribute("period", p);
		return "dues/report";
	}

	@GetMapping("/dues/report.xlsx")
	ResponseEntity<byte[]> reportSheet(@RequestParam(required = false) Long orgId, @RequestParam String period) {
		DuesReports.Report r = reports.collection(Caller.require(), orgId, period);
		List<List<Object>> rows = new ArrayList<>();
		for (DuesReports.Line l : r.lines()) {
			rows.add(line(l));
		}
		rows.add(line(r.total()));
		return Downloads.sheet(filed("dues.sheet.report.file", r.period()) + ".xlsx", "dues-report.xlsx",
				filed("dues.sheet.report", r.period()), headers("dues.sheet.report.header"), rows);
	}

	/** Words of a sheet that is filed in Chinese, whatever the reader's language. */
	private String filed(String key, Object... args) {
		return messages.getMessage(key, Arrays.stream(args).map(String::valueOf).toArray(), Locale.SIMPLIFIED_CHINESE);
	}

	private List<String> headers(String key) {
		return List.of(filed(key).split(","));
	}

	private static List<Object> line(DuesReports.Line l) {
		return List.of(l.name(), l.dueBills(), l.paidBills(), l.rate() == null ? "—" : l.rate(), l.dueAmount(), l.paidAmount(), l.waivedBills(),
				l.reducedBills(), l.specialPayments(), l.specialAmount());
	}
}
