package cn.partybuilding.dues;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * The sandbox payment provider itself, standing in for WeChat Pay or Alipay: a pay page showing the
 * charge, and — once "paid" — an asynchronous, signed notification posted to the platform (retried a few
 * times, as providers do). It knows nothing of members or bills, only its charges.
 */
@Controller
@ConditionalOnBooleanProperty("party.dues.sandbox.enabled")
class SandboxProvider {

	private static final Logger log = LoggerFactory.getLogger(SandboxProvider.class);

	private final JdbcTemplate jdbc;

	private final SandboxGateway gateway;

	/** One daemon thread posts notifications and their retries; a pending retry never holds up shutdown. */
	private final ScheduledExecutorService sender = Executors
		.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "sandbox-notify");
			thread.setDaemon(true);
			return thread;
		});

	private final Clock clock;

	private final String notifyUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final MemberDirectory members;

	SandboxProvider(JdbcTemplate jdbc, SandboxGateway gateway, Clock clock, MemberDirectory members,
			@Value("${party.dues.sandbox.notify-url:}") String notifyUrl) {
		this.members = members;
		this.jdbc = jdbc;
		this.gateway = gateway;
		this.clock = clock;
		this.notifyUrl = notifyUrl;
	}

	record Charge(String orderNo, BigDecimal amount, String description, String returnUrl, Instant expiresAt,
			String transactionId, Instant paidAt) {

		boolean expired(Instant now) {
			return transactionId == null && !now.isBefore(expiresAt);
		}
	}

	@GetMapping("/sandbox/pay/{orderNo}")
	String page(@PathVariable String orderNo, Model model) {
		Charge charge = charge(orderNo);
		model.addAttribute("charge", charge);
		model.addAttribute("expired", charge.expired(clock.instant()));
		return "dues/sandbox-pay";
	}

	@PostMapping("/sandbox/pay/{orderNo}")
	String pay(@PathVariable String orderNo, @RequestParam(defaultValue = "pay") String action, Model model,
			HttpServletRequest request) {
		Charge charge = charge(orderNo);
		if ("cancel".equals(action)) {
			return "redirect:" + charge.returnUrl();
		}
		if (charge.expired(clock.instant())) {
			return page(orderNo, model);
		}
		Instant now = clock.instant();
		jdbc.update("update sandbox_charge set transaction_id = ?, paid_at = ? where order_no = ? and transaction_id is null",
				"SBX" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(), Timestamp.from(now), orderNo);
		Charge paid = charge(orderNo);
		// this node itself: the Host header is the caller's to choose (SSRF), and this node holds the secret
		String target = notifyUrl.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().scheme("http").host("127.0.0.1")
			.port(request.getLocalPort()).path("/api/v1/dues/gateway/sandbox/notify").toUriString() : notifyUrl;
		byte[] body = gateway.notification(paid.orderNo(), paid.amount(), paid.transactionId(), paid.paidAt());
		sender.schedule(() -> post(target, body, 0), 300, TimeUnit.MILLISECONDS);
		return "redirect:" + paid.returnUrl();
	}

	/** Posts the notification; until the platform acknowledges it, again after 2, 4, 8 and 16 seconds. */
	private void post(String target, byte[] body, int attempt) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json").header(SandboxGateway.SIGNATURE, gateway.sign(body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
		try {
			HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 200) {
				return;
			}
			log.warn("sandbox notification answered {}: {}", answer.statusCode(), answer.body());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (IOException e) {
			log.warn("sandbox notification to {} failed: {}", target, e.getMessage());
		}
		if (attempt < 4) {
			sender.schedule(() -> post(target, body, attempt + 1), 2L << attempt, TimeUnit.SECONDS);
		}
	}

	/**
	 * The charge, for the member whose order it is and nobody else (another signed-in person gets 404, audited,
	 * as for anything out of scope): the page shows the amount and what it is for.
	 */
	private Charge charge(String orderNo) {
		long memberId = members.memberOfAccount(Caller.require().accountId())
			.orElseThrow(() -> new OutOfScopeException("sandbox-charge", orderNo));
		List<Charge> found = jdbc.query("""
				select c.order_no, c.amount, c.description, c.return_url, c.expires_at, c.transaction_id, c.paid_at
				from sandbox_charge c join dues_order o on o.order_no = c.order_no
				where c.order_no = ? and o.member_id = ?""",
				(rs, n) -> new Charge(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4),
						rs.getTimestamp(5).toInstant(), rs.getString(6),
						rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()), orderNo, memberId);
		if (found.isEmpty()) {
			throw new OutOfScopeException("sandbox-charge", orderNo);
		}
		return found.get(0);
	}
}
