package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;

/**
 * Paying online: the member opens an order for some months (their bills are held for it), is sent to the
 * payment provider, and the provider's signed notification marks the bills paid. A notification counts
 * once however often it comes; one that does not match the order is refused and audited; an order never
 * paid expires after {@code party.dues.order-lifetime} (15 minutes) and lets its bills go.
 */
@Service
@Transactional
class DuesOrders {


	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcTemplate jdbc;

	private final DuesAccess access;

	private final DuesPayments payments;

	/** The provider online payments go to; none until one is configured (then members pay the branch). */
	private final PaymentGateway gateway;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration lifetime;

	DuesOrders(JdbcTemplate jdbc, DuesAccess access, DuesPayments payments, List<PaymentGateway> gateways,
			ApplicationEventPublisher events, Clock clock, @Value("${party.dues.gateway:sandbox}") String gatewayName,
			@Value("${party.dues.order-lifetime:15m}") Duration lifetime) {
		this.jdbc = jdbc;
		this.access = access;
		this.payments = payments;
		this.gateway = gateways.stream().filter(g -> g.name().equals(gatewayName)).findFirst().orElse(null);
		this.events = events;
		this.clock = clock;
		this.lifetime = lifetime;
	}

	public enum State { OPEN, PAID, EXPIRED, REFUND }

	public record OrderView(String orderNo, long memberId, List<YearMonth> months, BigDecimal amount, State state,
			Instant expiresAt, URI payUrl, String receiptNo) {
	}

	/** Whether members can pay online here (a payment provider is configured). */
	public boolean online() {
		return gateway != null;
	}

	/** The signed-in member's order for these months, with where to pay it; the same months again give the same order. */
	public OrderView open(Caller caller, List<String> months, URI returnTo) {
		MemberSummary member = access.self(caller);
		if (gateway == null) {
			throw new FieldProblem("months", "dues.online.off");
		}
		String[] wanted = DuesPayments.days(DuesPayments.months(months));
		List<String> same = jdbc.queryForList("""
				select order_no from dues_order where member_id = ? and state = 'OPEN' and expires_at > ? and months = ?::date[]""",
				String.class, member.id(), Timestamp.from(clock.instant()), wanted);
		if (!same.isEmpty()) {
			OrderView open = view(same.get(0));
			return withPayUrl(open, returnTo);
		}
		List<Long> bills = payments.payable(member, months, DuesPayments.Mode.MEMBER, "");
		BigDecimal amount = jdbc.queryForObject("select sum(amount) from dues_bill where id = any(?)", BigDecimal.class,
				(Object) bills.toArray(Long[]::new));
		if (amount == null || amount.signum() <= 0) {
			throw new FieldProblem("months", "dues.months.nothingToPay");
		}
		String orderNo = "DO" + LocalDate.now(clock).toString().replace("-", "") + String.format("%012d",
				Math.floorMod(RANDOM.nextLong(), 1_000_000_000_000L));
		Instant expires = clock.instant().plus(lifetime);
		Long id = jdbc.queryForObject("""
				insert into dues_order (order_no, member_id, months, amount, gateway, state, created_by, created_at, expires_at)
				values (?, ?, ?::date[], ?, ?, 'OPEN', ?, ?, ?) returning id""", Long.class, orderNo, member.id(), wanted, amount,
				gateway.name(), caller.username(), Timestamp.from(clock.instant()), Timestamp.from(expires));
		int held = jdbc.update("""
				update dues_bill set order_id = ? where id = any(?) and state = 'UNPAID'
				  and (order_id is null or order_id in (select id from dues_order where state <> 'OPEN' or expires_at <= ?))""",
				id, bills.toArray(Long[]::new), Timestamp.from(clock.instant()));
		if (held != bills.size()) {
			throw new ConflictProblem("months", "dues.months.justPaid");
		}
		// the bills are ours (row-locked) now: the order asks for what they add up to, not what they did a moment ago
		jdbc.update("update dues_order set amount = (select sum(amount) from dues_bill where order_id = ?) where id = ?", id, id);
		return withPayUrl(view(orderNo), returnTo);
	}

	private OrderView withPayUrl(OrderView order, URI returnTo) {
		URI pay = gateway.checkout(new PaymentGateway.Order(order.orderNo(), order.amount(),
				"党费 " + order.months().get(0) + (order.months().size() > 1 ? " 等 " + order.months().size() + " 个月" : ""),
				order.expiresAt()), URI.create(returnTo + "?order=" + order.orderNo()));
		return new OrderView(order.orderNo(), order.memberId(), order.months(), order.amount(), order.state(),
				order.expiresAt(), pay, order.receiptNo());
	}

	@Transactional(readOnly = true)
	public OrderView find(Caller caller, String orderNo) {
		OrderView order = view(orderNo);
		access.ownOrManaged(caller, order.memberId());
		return order;
	}

	/** The member gives up an open order: its months are free at once (paying it later still counts, if they are). */
	public void cancel(Caller caller, String orderNo) {
		OrderView order = view(orderNo);
		if (!access.isSelf(caller, access.member(order.memberId()))) {
			throw new OutOfScopeException("dues-order", orderNo);
		}
		List<Long> cancelled = jdbc.queryForList("update dues_order set state = 'EXPIRED' where order_no = ? and state = 'OPEN' returning id",
				Long.class, orderNo);
		if (!cancelled.isEmpty()) {
			jdbc.update("update dues_bill set order_id = null where order_id = ? and state = 'UNPAID'", cancelled.get(0));
		}
	}

	/** The member's order still open, if any (我的党费 offers to go on with it or give it up). */
	@Transactional(readOnly = true)
	public Optional<OrderView> openOf(Caller caller, long memberId) {
		access.ownOrManaged(caller, memberId);
		return jdbc.queryForList("select order_no from dues_order where member_id = ? and state = 'OPEN' and expires_at > ? order by id desc limit 1",
				String.class, memberId, Timestamp.from(clock.instant())).stream().findFirst().map(this::view);
	}

	/** Where an open order can still be paid (the member comes back to it); the provider is told again. */
	public URI payUrl(Caller caller, String orderNo, URI returnTo) {
		OrderView order = find(caller, orderNo);
		if (gateway == null) {
			throw new FieldProblem("months", "dues.online.off");
		}
		if (order.state() != State.OPEN || !order.expiresAt().isAfter(clock.instant())) {
			throw new FieldProblem("months", "dues.order.notOpen");
		}
		return withPayUrl(order, returnTo).payUrl();
	}

	public enum Outcome { ACCEPTED, REPLAYED, REFUSED }

	/** What the provider's notification means for its order: paid once, a replay, or refused (audited). */
	public Outcome confirm(String gatewayName, PaymentGateway.Notification notice) {
		record Row(long id, long memberId, BigDecimal amount, State state, String gateway, String transactionId, Date[] months) {
		}
		List<Row> rows = jdbc.query("""
				select id, member_id, amount, state, gateway, transaction_id, months from dues_order where order_no = ? for update""",
				(rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), State.valueOf(rs.getString(4)),
						rs.getString(5), rs.getString(6), dates(rs.getArray(7))), notice.orderNo());
		if (gateway == null || !gateway.name().equals(gatewayName) || rows.isEmpty() || !rows.get(0).gateway().equals(gatewayName)) {
			return refuse(gatewayName, notice.orderNo(), "未知的订单");
		}
		Row order = rows.get(0);
		if (notice.amount() == null || order.amount().compareTo(notice.amount()) != 0) {
			return refuse(gatewayName, notice.orderNo(), "金额不符：订单 " + order.amount().toPlainString() + " 元，通知 "
					+ (notice.amount() == null ? "无" : notice.amount().toPlainString()) + " 元");
		}
		if (order.state() == State.PAID || order.state() == State.REFUND) {
			if (!Objects.equals(order.transactionId(), notice.transactionId())) {
				refuse(gatewayName, notice.orderNo(), "同一订单的另一笔支付（交易号 " + notice.transactionId() + "），需退款");
			}
			return Outcome.REPLAYED;
		}
		MemberSummary member = access.member(order.memberId());
		List<Long> bills = new ArrayList<>();
		List<String> states = new ArrayList<>();
		BigDecimal[] billed = { BigDecimal.ZERO };
		jdbc.query("""
				select b.id, b.amount, case when b.state <> 'UNPAID' then b.state
				                  when b.order_id is null or b.order_id = ? then 'FREE'
				                  when o.state = 'OPEN' and o.expires_at > ? then 'HELD' else 'FREE' end
				from dues_bill b left join dues_order o on o.id = b.order_id
				where b.member_id = ? and b.month = any(?::date[]) for update of b""", rs -> {
			bills.add(rs.getLong(1));
			billed[0] = billed[0].add(rs.getBigDecimal(2));
			states.add(rs.getString(3));
		}, order.id(), Timestamp.from(clock.instant()), order.memberId(),
				Arrays.stream(order.months()).map(Date::toString).toArray(String[]::new));
		Instant paidAt = notice.paidAt() == null ? clock.instant() : notice.paidAt();
		boolean settledElsewhere = bills.size() != order.months().length || states.stream().anyMatch(s -> !"FREE".equals(s));
		if (settledElsewhere || billed[0].compareTo(order.amount()) != 0) {
			// the money came, but the months were settled meanwhile by other means, or their bills changed
			// (relief, a new base) after the order let them go: a person refunds it
			jdbc.update("update dues_order set state = 'REFUND', paid_at = ?, transaction_id = ? where id = ?",
					Timestamp.from(paidAt), notice.transactionId(), order.id());
			refuse(gatewayName, notice.orderNo(), (settledElsewhere ? "所缴月份已通过其他方式缴纳" : "账单金额已变为 "
					+ billed[0].toPlainString() + " 元") + "，需退款 " + order.amount().toPlainString() + " 元");
			return Outcome.ACCEPTED;
		}
		payments.settle(member, bills, PaymentMethod.ONLINE, LocalDate.ofInstant(paidAt, PlatformZone.ZONE), member.name(), null,
				notice.transactionId(), null, order.id(), "gateway:" + gatewayName);
		jdbc.update("update dues_order set state = 'PAID', paid_at = ?, transaction_id = ? where id = ?", Timestamp.from(paidAt),
				notice.transactionId(), order.id());
		return Outcome.ACCEPTED;
	}

	Outcome refuse(String gatewayName, String orderNo, String reason) {
		events.publishEvent(new DuesNotificationRefused(gatewayName, orderNo, reason));
		return Outcome.REFUSED;
	}

	/**
	 * Orders past their time let their bills go, unless the provider says it was paid (its notification lost,
	 * say with the node that was to post it): then it is settled as the notification would have.
	 */
	@Scheduled(fixedDelayString = "${party.dues.order-sweep:60s}", initialDelayString = "${party.dues.order-sweep:60s}")
	@SchedulerLock(name = "dues-order-expiry")
	public void sweep() {
		expire();
	}

	int expire() {
		if (gateway != null) {
			for (String orderNo : jdbc.queryForList("select order_no from dues_order where state = 'OPEN' and expires_at <= ? and gateway = ?",
					String.class, Timestamp.from(clock.instant()), gateway.name())) {
				gateway.paid(orderNo).ifPresent(notice -> confirm(gateway.name(), notice));
			}
		}
		List<Long> expired = jdbc.queryForList("""
				update dues_order set state = 'EXPIRED' where state = 'OPEN' and expires_at <= ? returning id""", Long.class,
				Timestamp.from(clock.instant()));
		if (!expired.isEmpty()) {
			jdbc.update("update dues_bill set order_id = null where order_id = any(?) and state = 'UNPAID'",
					(Object) expired.toArray(Long[]::new));
		}
		return expired.size();
	}

	private OrderView view(String orderNo) {
		return jdbc.query("""
				select o.member_id, o.months, o.amount, o.state, o.expires_at, p.receipt_no
				from dues_order o left join dues_payment p on p.order_id = o.id where o.order_no = ?""",
				(rs, n) -> new OrderView(orderNo, rs.getLong(1), Arrays.stream(dates(rs.getArray(2)))
					.map(d -> YearMonth.from(d.toLocalDate())).toList(), rs.getBigDecimal(3), State.valueOf(rs.getString(4)),
						rs.getTimestamp(5).toInstant(), null, rs.getString(6)), orderNo)
			.stream().findFirst().orElseThrow(() -> new OutOfScopeException("dues-order", orderNo));
	}

	private static Date[] dates(Array array) throws SQLException {
		return (Date[]) array.getArray();
	}
}
