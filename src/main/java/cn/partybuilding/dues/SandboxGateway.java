package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox provider's side of the port: orders are sent to its pay page ({@link SandboxProvider}), and
 * its notifications are JSON signed with HMAC-SHA256 over the exact body, hex in {@code X-Sandbox-Signature},
 * with the secret {@code party.dues.sandbox.secret} (drawn at start when empty — one node only). Present
 * only where {@code party.dues.sandbox.enabled} (the demo on the embedded database): a real platform must
 * never take a pretend payment.
 */
@Component
@ConditionalOnBooleanProperty("party.dues.sandbox.enabled")
class SandboxGateway implements PaymentGateway {

	static final String SIGNATURE = "X-Sandbox-Signature";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final byte[] secret;

	SandboxGateway(JdbcTemplate jdbc, JsonMapper json, @Value("${party.dues.sandbox.secret:}") String secret) {
		this.jdbc = jdbc;
		this.json = json;
		if (secret.isBlank()) {
			this.secret = new byte[32];
			new SecureRandom().nextBytes(this.secret);
		}
		else {
			this.secret = secret.getBytes(StandardCharsets.UTF_8);
		}
	}

	@Override
	public String name() {
		return "sandbox";
	}

	@Override
	public URI checkout(Order order, URI returnTo) {
		jdbc.update("""
				insert into sandbox_charge (order_no, amount, description, return_url, expires_at) values (?, ?, ?, ?, ?)
				on conflict (order_no) do update set return_url = excluded.return_url""", order.orderNo(), order.amount(),
				order.description(), returnTo.toString(), Timestamp.from(order.expiresAt()));
		return returnTo.resolve("/sandbox/pay/" + order.orderNo());
	}

	@Override
	public Notification verify(byte[] body, Map<String, String> headers) throws Refused {
		String given = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(SIGNATURE))
			.map(Map.Entry::getValue).findFirst().orElse("");
		if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
				given.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
			throw new Refused("签名无效");
		}
		try {
			JsonNode node = json.readTree(body);
			return new Notification(node.get("orderNo").asString(), new BigDecimal(node.get("amount").asString()),
					node.get("transactionId").asString(), Instant.parse(node.get("paidAt").asString()));
		}
		catch (RuntimeException e) {
			throw new Refused("通知格式不正确");
		}
	}

	@Override
	public String acknowledgement() {
		return "SUCCESS";
	}

	/**
	 * The charge's payment as its notification said it, if paid: the notification is posted from the memory of
	 * the node that served the pay page, so a node stopped in between loses it, and the order sweep asks here.
	 */
	@Override
	public Optional<Notification> paid(String orderNo) {
		return jdbc.query("select amount, transaction_id, paid_at from sandbox_charge where order_no = ? and transaction_id is not null",
				(rs, n) -> new Notification(orderNo, rs.getBigDecimal(1), rs.getString(2), rs.getTimestamp(3).toInstant()), orderNo)
			.stream().findFirst();
	}

	/** The provider's signature over a body: what it sends, and what {@link #verify} expects. */
	String sign(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The body the provider posts once a charge is paid. */
	byte[] notification(String orderNo, BigDecimal amount, String transactionId, Instant paidAt) {
		return json.writeValueAsBytes(Map.of("orderNo", orderNo, "amount", amount.toPlainString(), "transactionId",
				transactionId, "paidAt", paidAt.toString()));
	}
}
