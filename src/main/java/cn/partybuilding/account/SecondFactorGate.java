package cn.partybuilding.account;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After the password, an administrator who needs the second factor reaches no page and no API until it is given:
 * pages lead to the second-factor page (enrolment when not enrolled), the API answers 401. A remembered device
 * (its signed cookie) gives it without a code. Sits before the URL rules, so nothing else is asked first.
 */
final class SecondFactorGate extends OncePerRequestFilter {

	/** Session attribute: the account whose second factor this session has given. */
	static final String PASSED = "party.secondFactor.account";

	/** Session attribute: the page first asked for, to return to once the factor is given. */
	static final String TARGET = "party.secondFactor.target";

	static final String DEVICE_COOKIE = "PARTY_DEVICE";

	private static final List<String> OPEN_PREFIXES = List.of("/account/second-factor", "/webjars/", "/css/", "/js/");

	private static final List<String> OPEN_PATHS = List.of("/login", "/logout", "/error", "/favicon.ico",
			"/actuator/health");

	private final SecondFactors factors;

	private final RequestMatcher publicEndpoints;

	private final ApplicationEventPublisher events;

	SecondFactorGate(SecondFactors factors, RequestMatcher publicEndpoints, ApplicationEventPublisher events) {
		this.factors = factors;
		this.publicEndpoints = publicEndpoints;
		this.events = events;
	}

	/** Has this session given the account's second factor (or does the account not need one)? */
	static boolean passed(HttpSession session, long accountId) {
		return session != null && Long.valueOf(accountId).equals(session.getAttribute(PASSED));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth != null && auth.getPrincipal() instanceof AccountPrincipal p) || !factors.requiredFor(p.caller())
				|| passed(request.getSession(false), p.caller().accountId()) || open(request)) {
			chain.doFilter(request, response);
			return;
		}
		HttpSession session = request.getSession();
		if (factors.remembered(p.caller(), deviceCookie(request))) {
			session.setAttribute(PASSED, p.caller().accountId());
			events.publishEvent(SignInAttempted.secondFactorPassed(p.caller().username(), "已记住的设备"));
			chain.doFilter(request, response);
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/")) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType("application/json;charset=UTF-8");
			response.getWriter().write("{\"status\":401,\"message\":\"请先完成第二因素验证\",\"errors\":[]}");
			return;
		}
		if ("GET".equals(request.getMethod()) && request.getQueryString() == null) {
			session.setAttribute(TARGET, path);
		}
		response.sendRedirect(request.getContextPath() + "/account/second-factor");
	}

	private boolean open(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return OPEN_PATHS.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith)
				|| publicEndpoints.matches(request);
	}

	private static String deviceCookie(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return null;
		}
		for (Cookie c : request.getCookies()) {
			if (DEVICE_COOKIE.equals(c.getName())) {
				return c.getValue();
			}
		}
		return null;
	}
}
