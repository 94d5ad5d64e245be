package cn.partybuilding.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;

/**
 * Writes each {@link AuditableEvent} as it is published, inside the publisher's transaction when
 * there is one: a change and its audit entry commit or roll back together. There is deliberately
 * no delete here, and the database refuses it; the one update is a repeated refusal of an anonymous caller
 * counting up on its minute's row, which the database allows and nothing else.
 */
@Component
class AuditTrail {

	private final JdbcClient jdbc;

	private final TransactionTemplate independent;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.independent = new TransactionTemplate(transactions);
		this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * A success joins the publisher's transaction (committed together, or not at all); a refusal or a
	 * failure is written in a transaction of its own, because the publisher's is about to roll back.
	 */
	@EventListener
	void on(AuditableEvent event) {
		if (event.outcome() == AuditableEvent.Outcome.SUCCESS) {
			write(event);
		}
		else if (Caller.current().isEmpty() && clientAddress() != null) {
			independent.executeWithoutResult(status -> count(event));
		}
		else {
			independent.executeWithoutResult(status -> write(event));
		}
	}

	/**
	 * A refusal of a caller who is not signed in: the first of its minute is written as usual; the same refusal
	 * repeated within that minute — same address, action, named actor and summary — counts up on that row. A flood
	 * of forged notifications or probes is one row with its count; refusals that say something different (another
	 * account tried, the attempt that locked it, another reason) keep rows of their own.
	 */
	private void count(AuditableEvent event) {
		String actor = truncate(event.actor() != null ? event.actor() : actorFromContext(), 64);
		String ip = clientAddress();
		String action = truncate(event.action(), 64);
		long minute = clock.millis() / 60_000;
		String summary = truncate(event.summary(), 2000);
		String key = truncate(minute + "|" + ip + "|" + action + "|" + actor + "|" + fingerprint(summary), 255);
		jdbc.sql("""
				insert into audit_event (actor, ip, action, entity_type, entity_id, summary, outcome, tally_key, last_occurred_at)
				values (:actor, :ip, :action, :entityType, :entityId, :summary, :outcome, :key, now())
				on conflict (tally_key) where tally_key is not null
				do update set occurrences = audit_event.occurrences + 1, last_occurred_at = greatest(now(), audit_event.occurred_at)""")
			.param("actor", actor)
			.param("ip", ip)
			.param("action", action)
			.param("entityType", truncate(event.entityType(), 64))
			.param("entityId", truncate(event.entityId(), 64))
			.param("summary", summary)
			.param("outcome", event.outcome().name())
			.param("key", key)
			.update();
	}

	private void write(AuditableEvent event) {
		String actor = event.actor() != null ? event.actor() : actorFromContext();
		jdbc.sql("""
				insert into audit_event (actor, ip, action, entity_type, entity_id, summary, outcome)
				values (:actor, :ip, :action, :entityType, :entityId, :summary, :outcome)""")
			.param("actor", truncate(actor, 64))
			.param("ip", clientAddress())
			.param("action", truncate(event.action(), 64))
			.param("entityType", truncate(event.entityType(), 64))
			.param("entityId", truncate(event.entityId(), 64))
			.param("summary", truncate(event.summary(), 2000))
			.param("outcome", event.outcome().name())
			.update();
	}

	private static String actorFromContext() {
		String username = Caller.currentUsername();
		if (username != null) {
			return username;
		}
		return RequestContextHolder.getRequestAttributes() == null ? "system" : "anonymous";
	}

	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	private static String fingerprint(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String truncate(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}
}
