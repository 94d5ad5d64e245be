package cn.partybuilding.dues;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/** 党费 as JSON. Amounts are exact decimal strings; months are {@code YYYY-MM}. */
@RestController
@RequestMapping("/api/v1")
class DuesApi {

	private final DuesRules rules;

	private final DuesBases bases;

	private final DuesBilling billing;

	private final DuesPayments payments;

	private final DuesOrders orders;

	private final DuesArrears arrears;

	private final DuesReports reports;

	private final DuesManagement management;

	private final DuesAccess access;

	private final List<PaymentGateway> gateways;

	private final DuesReliefs reliefs;

	private final DuesRoll roll;

	private final Clock clock;

	DuesApi(Clock clock, DuesRules rules, DuesBases bases, DuesBilling billing, DuesPayments payments, DuesOrders orders,
			DuesArrears arrears, DuesReports reports, DuesManagement management, DuesAccess access,
			List<PaymentGateway> gateways, DuesReliefs reliefs, DuesRoll roll) {
		this.roll = roll;
		this.reliefs = reliefs;
		this.rules = rules;
		this.bases = bases;
		this.billing = billing;
		this.payments = payments;
		this.orders = orders;
		this.arrears = arrears;
		this.reports = reports;
		this.management = management;
		this.access = access;
		this.gateways = gateways;
		this.clock = clock;
	}

	/** The calculator: {@code ?category=IN_SERVICE&base=4500.00[&month=2026-11]}. */
	@GetMapping("/dues/standard")
	Map<String, Object> standard(@RequestParam DuesCategory category, @RequestParam(required = false) BigDecimal base,
			@RequestParam(required = false) YearMonth month) {
		DuesStandard s = rules.standard(category, base, month == null ? YearMonth.now(clock) : month);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("category", s.category());
		answer.put("base", s.base());
		answer.put("monthlyAmount", s.monthlyAmount());
		answer.put("rate", s.rate());
		answer.put("explanation", s.explanation());
		answer.put("ruleVersionId", s.ruleVersionId());
		return answer;
	}

	@GetMapping("/dues/rules")
	List<DuesRules.Version> versions() {
		return rules.versions();
	}

	record VersionBody(LocalDate effectiveFrom, @Size(max = 100) String title, List<DuesRules.RuleForm> rules) {
	}

	@PostMapping("/dues/rules")
	ResponseEntity<DuesRules.Version> addVersion(@RequestBody @Valid VersionBody body) {
		return ResponseEntity.status(201).body(rules.add(Caller.require(), body.effectiveFrom(), body.title(), body.rules()));
	}

	/** A member's dues: bills with their state, payments, the base history, reliefs, arrears and 党费交至年月. */
	@GetMapping("/members/{id}/dues")
	Map<String, Object> memberDues(@PathVariable long id) {
		Caller caller = Caller.require();
		MemberSummary member = access.ownOrManaged(caller, id);
		return account(caller, member);
	}

	@GetMapping("/me/dues")
	Map<String, Object> myDues() {
		Caller caller = Caller.require();
		return account(caller, access.self(caller));
	}

	private Map<String, Object> account(Caller caller, MemberSummary member) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("memberId", member.id());
		answer.put("name", member.name());
		answer.put("paidUpTo", management.paidUpTo(member.id()).map(YearMonth::toString).orElse(null));
		answer.put("arrears", arrears.of(member).orElse(null));
		answer.put("bills", billing.bills(caller, member.id()));
		answer.put("payments", payments.payments(caller, member.id()));
		answer.put("bases", bases.history(caller, member.id()));
		answer.put("reliefs", reliefs.of(caller, member.id()));
		return answer;
	}

	@PostMapping("/members/{id}/dues/bases")
	ResponseEntity<DuesBases.BaseView> declare(@PathVariable long id, @RequestBody @Valid DuesBases.Declaration body) {
		return ResponseEntity.status(201).body(bases.declare(Caller.require(), id, body));
	}

	record Decision(@Size(max = 200) String note) {
	}

	@PostMapping("/dues/bases/{id}/approve")
	DuesBases.BaseView approve(@PathVariable long id, @RequestBody(required = false) @Valid Decision body) {
		return bases.decide(Caller.require(), id, true, body == null ? null : body.note());
	}

	@PostMapping("/dues/bases/{id}/reject")
	DuesBases.BaseView reject(@PathVariable long id, @RequestBody(required = false) @Valid Decision body) {
		return bases.decide(Caller.require(), id, false, body == null ? null : body.note());
	}

	@GetMapping("/dues/bases/pending")
	List<DuesBases.BaseView> pending(@RequestParam(required = false) Long orgId) {
		return bases.pending(Caller.require(), orgId);
	}

	/**
	 * The branch proposes hardship relief ({@code from, to, amount, reason}; amount 0 waives): 201 with the
	 * proposal, PENDING until the organisation above the branch decides.
	 */
	@PostMapping("/members/{id}/dues/reliefs")
	ResponseEntity<DuesReliefs.ReliefView> relieve(@PathVariable long id, @Valid @RequestBody DuesReliefs.ReliefForm body) {
		DuesReliefs.ReliefView proposed = reliefs.propose(Caller.require(), id, body);
		return ResponseEntity.created(URI.create("/api/v1/dues/reliefs/" + proposed.id())).body(proposed);
	}

	@GetMapping("/members/{id}/dues/reliefs")
	List<DuesReliefs.ReliefView> reliefs(@PathVariable long id) {
		return reliefs.of(Caller.require(), id);
	}

	/** Proposals waiting for the caller's decision (general branch / committee administrators). */
	@GetMapping("/dues/reliefs/pending")
	List<DuesReliefs.ReliefView> reliefsAwaiting(@RequestParam(required = false) Long orgId) {
		return reliefs.awaitingDecision(Caller.require(), orgId);
	}

	@PostMapping("/dues/reliefs/{id}/approve")
	DuesReliefs.ReliefView approveRelief(@PathVariable long id, @Valid @RequestBody(required = false) DuesReliefs.DecisionForm body) {
		return reliefs.decide(Caller.require(), id, true, body == null ? null : body.note());
	}

	/** Refusing needs a reason ({@code note}). */
	@PostMapping("/dues/reliefs/{id}/refuse")
	DuesReliefs.ReliefView refuseRelief(@PathVariable long id, @Valid @RequestBody(required = false) DuesReliefs.DecisionForm body) {
		return reliefs.decide(Caller.require(), id, false, body == null ? null : body.note());
	}

	/** Offline payment recorded by the 组织委员: {@code memberId, months, method, receiptNo[, paidOn, payerName, payerMemberId, reason]}. */
	@PostMapping("/dues/payments")
	ResponseEntity<DuesPayments.PaymentView> record(@RequestBody @Valid DuesPayments.OfflinePayment body) {
		DuesPayments.PaymentView paid = payments.record(Caller.require(), body);
		return ResponseEntity.created(URI.create("/api/v1/dues/payments/" + paid.id())).body(paid);
	}

	@PostMapping("/dues/special-payments")
	ResponseEntity<DuesPayments.PaymentView> special(@RequestBody @Valid DuesPayments.SpecialPayment body) {
		DuesPayments.PaymentView paid = payments.special(Caller.require(), body);
		return ResponseEntity.created(URI.create("/api/v1/dues/payments/" + paid.id())).body(paid);
	}

	@GetMapping("/dues/payments/{id}")
	DuesPayments.PaymentView receipt(@PathVariable long id) {
		return payments.receipt(Caller.require(), id);
	}

	record OrderBody(List<@Size(max = 7) String> months) {
	}

	/** The signed-in member's order for some months, with the provider's pay URL. */
	@PostMapping("/dues/orders")
	ResponseEntity<DuesOrders.OrderView> order(@RequestBody @Valid OrderBody body) {
		URI back = ServletUriComponentsBuilder.fromCurrentContextPath().path("/me/dues").build().toUri();
		DuesOrders.OrderView order = orders.open(Caller.require(), body.months(), back);
		return ResponseEntity.status(201).body(order);
	}

	@GetMapping("/dues/orders/{orderNo}")
	DuesOrders.OrderView order(@PathVariable String orderNo) {
		return orders.find(Caller.require(), orderNo);
	}

	/** Providers' notifications are a few hundred bytes; anything near this is not one. */
	private static final int MAX_NOTIFICATION_BYTES = 16 * 1024;

	/** The provider's asynchronous notification; its signature is checked before anything is read. */
	@PostMapping("/dues/gateway/{name}/notify")
	ResponseEntity<String> notify(@PathVariable String name, HttpServletRequest request) throws IOException {
		PaymentGateway gateway = gateways.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
		if (gateway == null) {
			return ResponseEntity.notFound().build();
		}
		// anyone may post here: read a bounded body, never the whole stream into memory
		if (request.getContentLengthLong() > MAX_NOTIFICATION_BYTES) {
			return ResponseEntity.status(413).body("TOO_LARGE");
		}
		byte[] body = request.getInputStream().readNBytes(MAX_NOTIFICATION_BYTES + 1);
		if (body.length > MAX_NOTIFICATION_BYTES) {
			return ResponseEntity.status(413).body("TOO_LARGE");
		}
		Map<String, String> headers = new HashMap<>();
		request.getHeaderNames().asIterator().forEachRemaining(h -> headers.put(h, request.getHeader(h)));
		try {
			PaymentGateway.Notification notice = gateway.verify(body, headers);
			return switch (orders.confirm(name, notice)) {
				case ACCEPTED, REPLAYED -> ResponseEntity.ok(gateway.acknowledgement());
				case REFUSED -> ResponseEntity.badRequest().body("REFUSED");
			};
		}
		catch (PaymentGateway.Refused refused) {
			orders.refuse(name, null, refused.getMessage());
			return ResponseEntity.badRequest().body("REFUSED");
		}
	}

	@GetMapping("/dues/arrears")
	List<DuesArrears.Arrears> arrears(@RequestParam(required = false) Long orgId) {
		return arrears.list(Caller.require(), orgId);
	}

	/**
	 * A page of the month's roll in scope: {@code content} the bills (member, organisation, amount, state, 党费交至, run of
	 * unpaid months) in (organisation, member) order, at most {@code size} (1 to 500, default 100); {@code next} (also
	 * {@code X-Next-After} and a {@code Link} with {@code rel=next}) is the {@code after} of the page after this one, null
	 * on the last. {@code totals} are the month's running totals over the scope (kept per organisation, never counted
	 * over bills); {@code totalElements} how many lines the filter keeps, exact unless {@code totalExact} is false (the
	 * arrears filter above a thousand: an estimate). {@code status}: ALL (default), UNPAID, PAID, ARREARS (the last bill
	 * before this month unpaid), NO_BILL (members without a bill: up to {@code party.dues.roll-limit} members in scope,
	 * above it none and {@code tooMany}). A month not written YYYY-MM is a 400 on {@code month}.
	 */
	@GetMapping("/dues/roll")
	ResponseEntity<DuesRollPage> roll(@RequestParam(required = false) @Size(max = 20) String month,
			@RequestParam(required = false) Long orgId, @RequestParam(defaultValue = "100") int size,
			@RequestParam(required = false) @Size(max = 40) String after, @RequestParam(defaultValue = "ALL") @Size(max = 20) String status) {
		YearMonth m;
		try {
			m = month == null || month.isBlank() ? YearMonth.now(clock) : YearMonth.parse(month.trim());
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new FieldProblem("month", "dues.months.format", month);
		}
		DuesRoll.Show show;
		try {
			show = DuesRoll.Show.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new FieldProblem("status", "dues.roll.status", status);
		}
		int n = Math.max(1, Math.min(size, 500));
		DuesRoll.Roll r = roll.page(Caller.require(), orgId, m, show, after, n);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (r.next() != null) {
			response.header("X-Next-After", r.next()).header("Link", "<" + ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("after", r.next()).build().toUriString() + ">; rel=\"next\"");
		}
		return response.body(new DuesRollPage(r.month(), orgId, r.lines(), n, r.listed(), r.listedExact(), r.next(), r.totals(),
				r.tooMany()));
	}

	/** A page of the dues roll (see {@code GET /api/v1/dues/roll}). */
	record DuesRollPage(YearMonth month, Long orgId, List<DuesRoll.RollLine> content, int size, long totalElements,
			boolean totalExact, String next, DuesRoll.RollTotals totals, boolean tooMany) {
	}

	@GetMapping("/dues/collection")
	DuesReports.Report collection(@RequestParam(required = false) Long orgId, @RequestParam String period) {
		return reports.collection(Caller.require(), orgId, period);
	}
}
