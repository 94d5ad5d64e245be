package cn.partybuilding.dues;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.development.ApplicantAdmitted;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;

/**
 * Monthly bills: one per member and month (a unique constraint, so running the job twice or on two nodes
 * bills once; ShedLock keeps the second node from even trying). A member is billed from the month they
 * joined — a 预备党员 from the 支部大会's acceptance — under the rules and base in force that month;
 * hardship relief (proposed by the branch, approved one level up: {@link DuesReliefs}) lowers or waives the amount.
 */
@Service
@Transactional
class DuesBilling {

	private final JdbcTemplate jdbc;

	private final DuesBases bases;

	private final DuesRules rules;

	private final DuesAccess access;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final DuesChunks chunks;

	DuesBilling(JdbcTemplate jdbc, DuesBases bases, DuesRules rules, DuesAccess access, Clock clock,
			ApplicationEventPublisher events, DuesChunks chunks) {
		this.events = events;
		this.chunks = chunks;
		this.jdbc = jdbc;
		this.bases = bases;
		this.rules = rules;
		this.access = access;
		this.clock = clock;
	}

	public enum State { UNPAID, PAID, EXEMPT }

	public record BillView(long id, YearMonth month, DuesCategory category, BigDecimal base, BigDecimal amount, State state,
			boolean relieved, boolean inOpenOrder, String receiptNo) {
	}

	/**
	 * The month's bills: on the 1st, and again each day and at start, which bills only who is missing —
	 * members registered or transferred in during the month, and a month whose 1st the platform was down.
	 */
	@Scheduled(cron = "${party.dues.billing-cron:0 5 0 * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "dues-billing", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	@Transactional(propagation = Propagation.SUPPORTS)
	public void monthly() {
		generate(YearMonth.now(clock));
	}

	/**
	 * Bills every member owing dues for the month, in chunks of about {@code party.dues.billing.chunk-size} members
	 * (whole organisations: one larger than that is a chunk of its own), each chunk in a transaction of its own
	 * unless the caller holds one: memory stays bounded whatever the membership, and a run stopped half way is
	 * finished by the next (the unique member and month bills each once). Returns how many bills this run created.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public int generate(YearMonth month) {
		return generate(month, chunks.size());
	}

	/** As {@link #generate(YearMonth)}, in chunks of this many members. */
	@Transactional(propagation = Propagation.SUPPORTS)
	int generate(YearMonth month, int chunk) {
		return chunks.eachInItsOwnTransaction(chunk, who -> write(month, who));
	}

	private int write(YearMonth month, List<MemberSummary> who) {
		if (who.isEmpty()) {
			return 0;
		}
		DuesRules.Version version = rules.versionFor(month);
		Long[] memberIds = who.stream().map(MemberSummary::id).toArray(Long[]::new);
		Map<Long, DuesBases.Applicable> applicable = bases.applicable(month, memberIds);
		Map<Long, Relief> reliefs = reliefs(month, memberIds);
		// months a member paid where they came from, as their introduction letter says; and members who left
		// with a letter whose 党费交至 is before this month (billed no more here)
		Set<Long> paidElsewhere = new HashSet<>(jdbc.queryForList("""
				select member_id from dues_paid_elsewhere where up_to >= ? and member_id = any(?)
				union select member_id from dues_letter_out where last_month < ? and member_id = any(?)""", Long.class,
				Date.valueOf(month.atDay(1)), memberIds, Date.valueOf(month.atDay(1)), memberIds));
		Instant now = clock.instant();
		List<Long> ids = new ArrayList<>();
		List<Long> orgs = new ArrayList<>();
		List<String> categories = new ArrayList<>();
		List<String> bases = new ArrayList<>();
		List<String> amounts = new ArrayList<>();
		List<Long> reliefIds = new ArrayList<>();
		List<String> states = new ArrayList<>();
		for (MemberSummary m : who) {
			if (YearMonth.from(m.joinDate()).isAfter(month) || paidElsewhere.contains(m.id())) {
				continue;
			}
			DuesBases.Applicable a = applicable.containsKey(m.id()) ? applicable.get(m.id())
					: DuesBases.byDefault(m).orElse(null);
			if (a == null) {
				continue; // no base yet: the branch's list of bases to settle names them
			}
			DuesRules.Charge charge = rules.charge(version, a.category(), a.base());
			Relief relief = reliefs.get(m.id());
			BigDecimal amount = relief == null ? charge.amount() : relief.amount().min(charge.amount());
			ids.add(m.id());
			orgs.add(m.organizationId());
			categories.add(a.category().name());
			bases.add(charge.base() == null ? null : charge.base().toPlainString());
			amounts.add(amount.toPlainString());
			reliefIds.add(relief == null ? null : relief.id());
			states.add(amount.signum() == 0 ? "EXEMPT" : "UNPAID");
		}
		if (ids.isEmpty()) {
			return 0;
		}
		// one statement for the chunk, in member order: the running totals are locked once, briefly, in key order
		return jdbc.update("""
				insert into dues_bill (member_id, month, organization_id, category, base, amount, rule_version_id, relief_id, state, created_at)
				select b.member_id, ?, b.organization_id, b.category, b.base, b.amount, ?, b.relief_id, b.state, ?
				from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::numeric[], ?::numeric[], ?::bigint[], ?::varchar[])
				     as b(member_id, organization_id, category, base, amount, relief_id, state)
				order by b.member_id
				on conflict (member_id, month) do nothing""", Date.valueOf(month.atDay(1)), version.id(), Timestamp.from(now),
				ids.toArray(Long[]::new), orgs.toArray(Long[]::new), categories.toArray(String[]::new),
				bases.toArray(String[]::new), amounts.toArray(String[]::new), reliefIds.toArray(Long[]::new),
				states.toArray(String[]::new));
	}

	/**
	 * A new probationary member admitted by the 上级党委 (发展党员 step 17): dues are owed from the month of their
	 * 入党日期, which the approval follows by up to a few months, so the months since are billed now (a member
	 * paying on a base is billed once the base is approved, as anyone).
	 */
	@ApplicationModuleListener
	void on(ApplicantAdmitted admitted) {
		MemberSummary member = access.member(admitted.memberId());
		YearMonth now = YearMonth.now(clock);
		for (YearMonth month = YearMonth.from(admitted.joinDate()); !month.isAfter(now); month = month.plusMonths(1)) {
			write(month, List.of(member));
		}
	}

	/**
	 * A base approved for months already billed: unpaid bills from then on follow it, and months not yet
	 * billed for this member (since billing began) are billed now — the branch enters nothing twice.
	 */
	@EventListener
	void on(DuesBaseApproved approved) {
		YearMonth now = YearMonth.now(clock);
		Date first = jdbc.queryForObject("select min(month) from dues_bill", Date.class);
		YearMonth start = first == null ? now : YearMonth.from(first.toLocalDate());
		if (approved.effectiveFrom().isAfter(start)) {
			start = approved.effectiveFrom();
		}
		jdbc.update("""
				delete from dues_bill where member_id = ? and month >= ? and state = 'UNPAID' and order_id is null""",
				approved.memberId(), Date.valueOf(start.atDay(1)));
		MemberSummary member = access.member(approved.memberId());
		for (YearMonth m = start; !m.isAfter(now); m = m.plusMonths(1)) {
			write(m, List.of(member));
		}
	}

	/**
	 * Billing starts again for a member from {@code from} (a withdrawn letter): the months since, up to this
	 * one, are billed now — not before billing began on the platform.
	 */
	void resume(long memberId, YearMonth from) {
		YearMonth now = YearMonth.now(clock);
		Date first = jdbc.queryForObject("select min(month) from dues_bill", Date.class);
		YearMonth start = first == null || from.isAfter(YearMonth.from(first.toLocalDate())) ? from
				: YearMonth.from(first.toLocalDate());
		MemberSummary member = access.member(memberId);
		for (YearMonth m = start; !m.isAfter(now); m = m.plusMonths(1)) {
			write(m, List.of(member));
		}
	}

	/** The last month billed for a member who left with a letter (its 党费交至), if they did. */
	Optional<YearMonth> lastBilled(long memberId) {
		return jdbc.queryForList("select last_month from dues_letter_out where member_id = ?", Date.class, memberId).stream()
			.findFirst().map(d -> YearMonth.from(d.toLocalDate()));
	}

	/** The bill for a month not billed yet (paying ahead, or a month before the job ran), made on demand. */
	void ensure(MemberSummary member, YearMonth month) {
		write(month, List.of(member));
	}

	@Transactional(readOnly = true)
	public List<BillView> bills(Caller caller, long memberId) {
		access.ownOrManaged(caller, memberId);
		return jdbc.query("""
				select b.id, b.month, b.category, b.base, b.amount, b.state, b.relief_id is not null, o.id is not null, p.receipt_no
				from dues_bill b left join dues_payment p on p.id = b.payment_id
				left join dues_order o on o.id = b.order_id and o.state = 'OPEN' and o.expires_at > now()
				where b.member_id = ? order by b.month desc""", (rs, n) -> new BillView(rs.getLong(1),
				YearMonth.from(rs.getDate(2).toLocalDate()), DuesCategory.valueOf(rs.getString(3)), rs.getBigDecimal(4),
				rs.getBigDecimal(5), State.valueOf(rs.getString(6)), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9)), memberId);
	}

	// ---- hardship relief ----

	record Relief(long id, BigDecimal amount) {
	}

	private Map<Long, Relief> reliefs(YearMonth month, Long[] memberIds) {
		Map<Long, Relief> found = new HashMap<>();
		jdbc.query("""
				select distinct on (member_id) member_id, id, amount from dues_relief
				where state = 'APPROVED' and ? between from_month and to_month and member_id = any(?)
				order by member_id, id desc""", rs -> {
			found.put(rs.getLong(1), new Relief(rs.getLong(2), rs.getBigDecimal(3)));
		}, Date.valueOf(month.atDay(1)), memberIds);
		return found;
	}
}
