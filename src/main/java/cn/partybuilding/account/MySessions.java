package cn.partybuilding.account;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * 我的会话: the caller's own sessions (Spring Session JDBC) with the device, address and time of their sign-in and
 * their last activity; ending one, or all but the present one. A session is named by a digest of its id, never
 * the id itself (which is the cookie); another person's session is not found (404).
 */
@Component
class MySessions {

	/** One session; {@code current}: the one this request belongs to. */
	record SessionView(String id, String device, String address, Instant signedInAt, Instant lastActive,
			boolean current) {
	}

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final AccountSessions accountSessions;

	private final ApplicationEventPublisher events;

	MySessions(FindByIndexNameSessionRepository<? extends Session> sessions, AccountSessions accountSessions,
			ApplicationEventPublisher events) {
		this.sessions = sessions;
		this.accountSessions = accountSessions;
		this.events = events;
	}

	List<SessionView> of(Caller caller, String currentId) {
		return sessions.findByPrincipalName(caller.username()).values().stream()
			.filter(s -> !s.isExpired())
			.map(s -> view(s, currentId))
			.sorted(Comparator.comparing(SessionView::current).reversed()
				.thenComparing(SessionView::lastActive, Comparator.reverseOrder()))
			.toList();
	}

	/** Ends one of the caller's sessions (their present one too, which signs them out). */
	void end(Caller caller, String id, String currentId) {
		Map<String, ? extends Session> mine = sessions.findByPrincipalName(caller.username());
		String sessionId = mine.keySet().stream().filter(k -> digest(k).equals(id)).findFirst()
			.orElseThrow(() -> new OutOfScopeException("session", id));
		Session session = mine.get(sessionId);
		sessions.deleteById(sessionId);
		events.publishEvent(new AccountChanged("account.session.end", caller.accountId(), "结束本人会话（"
				+ session.getAttribute(SignInHistory.DEVICE) + "，" + session.getAttribute(SignInHistory.ADDRESS) + "）"));
	}

	/** Ends every session of the caller but the present one; how many ended. */
	int endOthers(Caller caller, String currentId) {
		int others = (int) sessions.findByPrincipalName(caller.username()).keySet().stream()
			.filter(k -> !k.equals(currentId))
			.count();
		accountSessions.endAllOf(caller.username(), currentId);
		events.publishEvent(new AccountChanged("account.session.end-others", caller.accountId(),
				"退出其他设备上的登录（" + others + " 个会话）"));
		return others;
	}

	private static SessionView view(Session s, String currentId) {
		Long at = s.getAttribute(SignInHistory.AT);
		return new SessionView(digest(s.getId()), s.getAttribute(SignInHistory.DEVICE),
				s.getAttribute(SignInHistory.ADDRESS), at == null ? s.getCreationTime() : Instant.ofEpochMilli(at),
				s.getLastAccessedTime(), s.getId().equals(currentId));
	}

	static String digest(String sessionId) {
		return SecondFactors.sha256("session:" + sessionId).substring(0, 20);
	}
}
