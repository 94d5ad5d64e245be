package cn.partybuilding.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Members paying their dues online through the sandbox provider, as a phone would: an order for a month, the
 * provider's pay page, then the order's state until it says paid (again after a failure: the same month gives the
 * same open order, paying a paid charge again only sends its notification again). Then what the database holds.
 */
final class SandboxPayments {

	private static final Pattern ORDER_NO = Pattern.compile("\"orderNo\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");

	/** Every order the members were given. */
	final Set<String> opened = ConcurrentHashMap.newKeySet();

	/** The orders the members saw paid. */
	final Set<String> toldPaid = ConcurrentHashMap.newKeySet();

	/** Steps (order, pay, wait) that failed and were tried again. */
	final AtomicInteger failedCleanly = new AtomicInteger();

	/** Months given up after every try failed. */
	final AtomicInteger gaveUp = new AtomicInteger();

	/** One member pays each of these months (yyyy-MM), one order each. */
	void pay(Browser member, List<String> months) throws InterruptedException {
		for (String month : months) {
			String orderNo = null;
			boolean paid = false;
			for (int attempt = 0; attempt < 6 && !paid; attempt++) {
				try {
					if (orderNo == null) {
						orderNo = open(member, month);
					}
					if (orderNo != null && payOnce(member, orderNo) && awaitPaid(member, orderNo, Duration.ofSeconds(15))) {
						toldPaid.add(orderNo);
						paid = true;
					}
				}
				catch (IOException ex) {
					// the node went while answering: try again, as the member would
				}
				if (!paid) {
					failedCleanly.incrementAndGet();
					Thread.sleep(1000);
				}
			}
			if (!paid) {
				gaveUp.incrementAndGet();
			}
			Thread.sleep(300);
		}
	}

	/** The order for one month (the same open order when asked again), null when refused. */
	String open(Browser member, String month) throws IOException, InterruptedException {
		HttpResponse<String> r = member.postJson("/api/v1/dues/orders", "{\"months\":[\"" + month + "\"]}");
		if (r.statusCode() != 201) {
			return null;
		}
		Matcher m = ORDER_NO.matcher(r.body());
		if (!m.find()) {
			return null;
		}
		opened.add(m.group(1));
		return m.group(1);
	}

	/** The sandbox's pay button: it answers with a redirect back to 我的党费 and posts its notification afterwards. */
	boolean payOnce(Browser member, String orderNo) throws IOException, InterruptedException {
		return member.postForm("/sandbox/pay/" + orderNo, "action=pay").statusCode() == 302;
	}

	private static boolean awaitPaid(Browser member, String orderNo, Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			try {
				HttpResponse<String> r = member.get("/api/v1/dues/orders/" + orderNo);
				Matcher m = STATE.matcher(r.body());
				if (r.statusCode() == 200 && m.find() && m.group(1).equals("PAID")) {
					return true;
				}
			}
			catch (IOException ex) {
				// asked again
			}
			Thread.sleep(300);
		}
		return false;
	}

	/** Orders of the members whose charge the provider took but which are not settled (no notification came). */
	long unsettled(String url) throws SQLException {
		return count(url, """
				select count(*) from dues_order o join sandbox_charge c on c.order_no = o.order_no
				where o.order_no = any(?) and c.transaction_id is not null and o.state not in ('PAID', 'REFUND')""");
	}

	/** Every paid order's notification again, signed as the provider signs: answers 200 (acknowledged). */
	int replay(HttpClient http, int port, String secret, String url) throws Exception {
		int acknowledged = 0;
		try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement("""
				select order_no, amount, transaction_id, paid_at from dues_order where order_no = any(?) and state = 'PAID'""")) {
			s.setArray(1, c.createArrayOf("varchar", opened.toArray()));
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					byte[] body = """
							{"orderNo":"%s","amount":"%s","transactionId":"%s","paidAt":"%s"}""".formatted(rs.getString(1),
							rs.getBigDecimal(2).toPlainString(), rs.getString(3), rs.getTimestamp(4).toInstant())
						.getBytes(StandardCharsets.UTF_8);
					HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
							+ "/api/v1/dues/gateway/sandbox/notify")).header("Content-Type", "application/json")
						.header("X-Sandbox-Signature", sign(secret, body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
							HttpResponse.BodyHandlers.ofString());
					if (r.statusCode() == 200) {
						acknowledged++;
					}
				}
			}
		}
		return acknowledged;
	}

	/** Payment rows of the members' orders. */
	long payments(String url) throws SQLException {
		return count(url, "select count(*) from dues_payment p join dues_order o on o.id = p.order_id where o.order_no = any(?)");
	}

	/** Orders in a state, of those the members were given. */
	long inState(String url, String state) throws SQLException {
		return count(url, "select count(*) from dues_order where order_no = any(?) and state = '" + state + "'");
	}

	/** Orders the members saw paid that are not paid with exactly one payment row settling each of their bills. */
	long toldPaidButNotWhole(String url) throws SQLException {
		return count(url, """
				select count(*) from dues_order o where o.order_no = any(?) and (o.state <> 'PAID'
				  or (select count(*) from dues_payment p where p.order_id = o.id) <> 1
				  or (select count(*) from dues_bill b join dues_payment p on p.id = b.payment_id
				      where p.order_id = o.id and b.state = 'PAID' and b.member_id = o.member_id and b.month = any(o.months))
				     <> cardinality(o.months))""", toldPaid);
	}

	/** Orders not paid (open, expired, refund) that nonetheless have a payment row or a paid bill. */
	long unpaidButHalfWritten(String url) throws SQLException {
		return count(url, """
				select count(*) from dues_order o where o.order_no = any(?) and o.state <> 'PAID'
				  and (exists (select 1 from dues_payment p where p.order_id = o.id)
				       or (o.state = 'OPEN' and exists (select 1 from dues_bill b where b.order_id = o.id and b.state <> 'UNPAID')))""");
	}

	/** In the whole database: payment rows whose order is not paid, and bills settled by two paid orders. */
	static long[] globalMisfits(String url) throws SQLException {
		try (Connection c = DriverManager.getConnection(url); var s = c.createStatement()) {
			long[] out = new long[2];
			try (ResultSet rs = s.executeQuery("""
					select count(*) from dues_payment p join dues_order o on o.id = p.order_id where o.state <> 'PAID'""")) {
				rs.next();
				out[0] = rs.getLong(1);
			}
			try (ResultSet rs = s.executeQuery("""
					select count(*) from (select b.id from dues_order o join dues_bill b on b.member_id = o.member_id
					  and b.month = any(o.months) where o.state = 'PAID' group by b.id having count(*) > 1) twice""")) {
				rs.next();
				out[1] = rs.getLong(1);
			}
			return out;
		}
	}

	private long count(String url, String sql) throws SQLException {
		return count(url, sql, opened);
	}

	private static long count(String url, String sql, Set<String> orders) throws SQLException {
		try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
			s.setArray(1, c.createArrayOf("varchar", orders.toArray()));
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	static String sign(String secret, byte[] body) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}
}
