package cn.partybuilding.audit;

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
 * no update or delete here, and the database refuses both.
 */
@Component
class AuditTrail {

	private final JdbcClient jdbc;

	private final TransactionTemplate independent;

	AuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
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
		else {
			independent.executeWithoutResult(status -> write(event));
		}
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

	private static String truncate(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}
}
