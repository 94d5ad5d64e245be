package cn.partybuilding.account;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.HtmlUtils;

import cn.partybuilding.shared.AuditableEvent;

/**
 * Requests from callers who are not signed in — sign-in, payment notifications, letter verification, every
 * other open endpoint and every probe of a closed one — are limited per address to
 * {@code party.security.anonymous-rate-limit} a minute (a fixed window per node); beyond it the answer is 429
 * (JSON under {@code /api/}) with {@code Retry-After}. Signed-in people, static files and the health probe
 * are not counted; addresses in {@code party.security.anonymous-rate-limit-exempt} never are. The refusals
 * themselves reach the audit log, which counts repeats within a minute on one row.
 */
final class AnonymousRateLimit extends OncePerRequestFilter {

	private static final int MAX_TRACKED = 100_000;

	private final int perMinute;

	private final Set<String> exempt;

	private final Clock clock;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Map<String, long[]> windows = new ConcurrentHashMap<>();

	AnonymousRateLimit(SecuritySettings settings, Clock clock, MessageSource messages, ApplicationEventPublisher events) {
		this.perMinute = settings.anonymousRateLimit();
		this.exempt = Set.copyOf(settings.anonymousRateLimitExempt());
		this.clock = clock;
		this.messages = messages;
		this.events = events;
	}

	/** A request beyond the limit, for the audit log (one row a minute per address, with the count). */
	record Limited(String address, String path) implements AuditableEvent {

		@Override
		public String action() {
			return "access.rate-limited";
		}

		@Override
		public String entityType() {
			return "url";
		}

		@Override
		public String entityId() {
			return path;
		}

		@Override
		public String summary() {
			return "未登录请求过于频繁（每分钟超过限额），已拒绝";
		}

		@Override
		public Outcome outcome() {
			return Outcome.DENIED;
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (perMinute <= 0) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// published images (/content/images) are files written once and cached a year, as cheap as the static ones; a
		// portal page with a dozen of them must not use up a campus NAT address's allowance
		return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/")
				|| path.startsWith("/content/images/") || path.equals("/favicon.ico") || path.startsWith("/actuator/health");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		String address = request.getRemoteAddr();
		if ((auth != null && auth.getPrincipal() instanceof AccountPrincipal) || exempt.contains(address)
				|| allowed(address)) {
			chain.doFilter(request, response);
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		events.publishEvent(new Limited(address, request.getMethod() + " " + path));
		long secondsLeft = 60 - (clock.millis() / 1000) % 60;
		Locale locale = RequestContextUtils.getLocale(request);
		String message = messages.getMessage("error.tooManyRequests", null, "Too many requests", locale);
		response.setStatus(429);
		response.setHeader("Retry-After", Long.toString(secondsLeft));
		if (path.startsWith("/api/")) {
			response.setContentType("application/json;charset=UTF-8");
			response.getWriter().write("{\"status\":429,\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
					+ "\",\"errors\":[]}");
		}
		else {
			response.setContentType("text/html;charset=UTF-8");
			response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>429</title></head><body><p>"
					+ HtmlUtils.htmlEscape(message) + "</p></body></html>");
		}
	}

	/** A fixed window per address: the minute's count, started afresh when a new minute begins. */
	private boolean allowed(String address) {
		long minute = clock.millis() / 60_000;
		if (windows.size() > MAX_TRACKED) {
			windows.entrySet().removeIf(e -> e.getValue()[0] != minute);
		}
		long[] window = windows.compute(address, (k, w) -> w == null || w[0] != minute ? new long[] { minute, 1 }
				: new long[] { minute, w[1] + 1 });
		return window[1] <= perMinute;
	}
}
