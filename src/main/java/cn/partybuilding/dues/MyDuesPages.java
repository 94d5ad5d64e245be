package cn.partybuilding.dues;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * 我的党费, on the phone: what is owed and 党费交至, the months to pay ticked already, one button to the
 * payment provider, the result confirmed when the provider's notification arrives; receipts; declaring
 * the base. And the printable receipt, for the member and the branch.
 */
@Controller
class MyDuesPages {

	private final DuesAccess access;

	private final DuesBilling billing;

	private final DuesPayments payments;

	private final DuesOrders orders;

	private final DuesBases bases;

	private final DuesRules rules;

	private final DuesArrears arrears;

	private final DuesManagement management;

	private final MessageSource messages;

	private final Clock clock;

	private final int backPayMonths;

	MyDuesPages(DuesAccess access, DuesBilling billing, DuesPayments payments, DuesOrders orders, DuesBases bases,
			DuesRules rules, DuesArrears arrears, DuesManagement management, MessageSource messages, Clock clock,
			@Value("${party.dues.back-pay-months:6}") int backPayMonths) {
		this.access = access;
		this.billing = billing;
		this.payments = payments;
		this.orders = orders;
		this.bases = bases;
		this.rules = rules;
		this.arrears = arrears;
		this.management = management;
		this.messages = messages;
		this.clock = clock;
		this.backPayMonths = backPayMonths;
	}

	@GetMapping("/me/dues")
	String mine(@RequestParam(required = false) String order, Model model) {
		Caller caller = Caller.require();
		if (order != null && !order.isBlank()) {
			try {
				model.addAttribute("order", orders.find(caller, order));
			}
			catch (OutOfScopeException e) {
				// an order number that is not theirs shows nothing
			}
		}
		return mine(caller, model);
	}

	/** 我的党费 around what the model holds already (an order asked about, a declaration that failed). */
	private String mine(Caller caller, Model model) {
		MemberSummary me = access.self(caller);
		List<DuesBilling.BillView> bills = billing.bills(caller, me.id());
		YearMonth now = YearMonth.now(clock);
		YearMonth oldest = now.minusMonths(backPayMonths);
		model.addAttribute("member", me);
		model.addAttribute("paidUpTo", management.paidUpTo(me.id()).orElse(null));
		model.addAttribute("arrears", arrears.of(me).orElse(null));
		// what can be paid here: unpaid months due by now and within the back-pay window, oldest first
		model.addAttribute("payable", bills.stream().filter(b -> b.state() == DuesBilling.State.UNPAID && !b.month().isAfter(now)
				&& !b.month().isBefore(oldest) && !b.inOpenOrder()).sorted(Comparator.comparing(DuesBilling.BillView::month)).toList());
		model.addAttribute("tooOld", bills.stream().filter(b -> b.state() == DuesBilling.State.UNPAID && b.month().isBefore(oldest)).toList());
		model.addAttribute("bills", bills.stream().limit(12).toList());
		model.addAttribute("payments", payments.payments(caller, me.id()));
		model.addAttribute("bases", bases.history(caller, me.id()));
		model.addAttribute("current", bills.stream().filter(b -> b.month().equals(now)).findFirst().orElse(null));
		model.addAttribute("open", orders.openOf(caller, me.id()).orElse(null));
		model.addAttribute("online", orders.online());
		model.addAttribute("needsBase", bills.stream().noneMatch(b -> b.month().equals(now))
				&& DuesBases.byDefault(me).isEmpty());
		model.addAttribute("categories", DuesCategory.values());
		if (!model.containsAttribute("declaration")) {
			model.addAttribute("declaration", new DuesBases.Declaration(null, null, now, null));
		}
		return "dues/mine";
	}

	/** The result of an order, asked again every few seconds until the provider's notification has come. */
	@GetMapping("/me/dues/orders/{orderNo}")
	String orderState(@PathVariable String orderNo, Model model, HttpServletResponse response) {
		DuesOrders.OrderView order = orders.find(Caller.require(), orderNo);
		if (order.state() != DuesOrders.State.OPEN) {
			response.setHeader("HX-Refresh", "true"); // the whole page: 党费交至 and the months have changed too
		}
		model.addAttribute("order", order);
		return "dues/mine :: order";
	}

	/** Back to the provider's page for an order still open. */
	@PostMapping("/me/dues/orders/{orderNo}/resume")
	String resume(@PathVariable String orderNo, RedirectAttributes redirect, Locale locale) {
		URI back = ServletUriComponentsBuilder.fromCurrentContextPath().path("/me/dues").build().toUri();
		try {
			return "redirect:" + orders.payUrl(Caller.require(), orderNo, back);
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", problem.messages(messages, locale).values().iterator().next());
			return "redirect:/me/dues";
		}
	}

	@PostMapping("/me/dues/orders/{orderNo}/cancel")
	String cancel(@PathVariable String orderNo, RedirectAttributes redirect, Locale locale) {
		orders.cancel(Caller.require(), orderNo);
		redirect.addFlashAttribute("notice", messages.getMessage("dues.order.cancelled", null, locale));
		return "redirect:/me/dues";
	}

	@PostMapping("/me/dues/pay")
	String pay(@RequestParam(name = "months", required = false) List<String> months, RedirectAttributes redirect, Locale locale) {
		try {
			URI back = ServletUriComponentsBuilder.fromCurrentContextPath().path("/me/dues").build().toUri();
			DuesOrders.OrderView order = orders.open(Caller.require(), months, back);
			return "redirect:" + order.payUrl();
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", problem.messages(messages, locale).values().iterator().next());
			return "redirect:/me/dues";
		}
	}

	/** The member's own declaration: sent to the branch, or the page again with each problem beside its field. */
	@PostMapping("/me/dues/bases")
	String declare(@Valid @ModelAttribute("declaration") DuesBases.Declaration form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				bases.declare(caller, access.self(caller).id(), form);
				redirect.addFlashAttribute("notice", messages.getMessage("dues.base.declared", null, locale));
				return "redirect:/me/dues#base";
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return mine(caller, model);
	}

	/** The calculator beside the declaration: what a base would cost a month (the form's category and base). */
	@GetMapping("/me/dues/standard")
	String standard(@Valid @ModelAttribute("declaration") DuesBases.Declaration form, BindingResult binding, Model model,
			Locale locale) {
		try {
			if (binding.hasErrors()) {
				model.addAttribute("standardError", messages.getMessage(binding.getAllErrors().get(0), locale));
			}
			else {
				model.addAttribute("standard", rules.standard(form.category(), form.base(), YearMonth.now(clock)));
			}
		}
		catch (FieldProblem problem) {
			model.addAttribute("standardError", problem.messages(messages, locale).values().iterator().next());
		}
		return "dues/mine :: standard";
	}

	/** The standards in force and to come, for anyone: what each kind of member pays, and from when. */
	@GetMapping("/dues/rules")
	String rulesPage(Model model) {
		List<DuesRules.Version> versions = rules.versions();
		model.addAttribute("versions", versions);
		model.addAttribute("categories", DuesCategory.values());
		model.addAttribute("current", DuesRules.versionFor(versions, YearMonth.now(clock)).id());
		return "dues/rules";
	}

	@GetMapping("/dues/receipts/{id}")
	String receipt(@PathVariable long id, Model model) {
		model.addAttribute("payment", payments.receipt(Caller.require(), id));
		return "dues/receipt";
	}
}
