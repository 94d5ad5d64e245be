package cn.partybuilding.orglife;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers when a scanned check-in code was still good, before sign-in gets in the way: a member who is
 * signed out opens the code's link, spends a minute on the sign-in form, and comes back with a code that
 * has since expired. This filter runs ahead of the security filters and notes the scan in the session
 * (which survives sign-in), so the check-in can be judged as of the scan. It knows any {@link CheckinSubject}'s
 * link by its shape (a path ending in {@code /{id}/checkin}), a meeting's or another module's.
 */
class CheckinScans extends OncePerRequestFilter {

	private final CheckinTokens tokens;

	private final Clock clock;

	CheckinScans(CheckinTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI();
		if ("GET".equals(request.getMethod()) && uri.endsWith("/checkin")) {
			Optional<CheckinSubject> subject = CheckinSubject.ofPath(uri.substring(request.getContextPath().length()));
			String token = request.getParameter("token");
			Instant now = clock.instant();
			if (subject.isPresent() && token != null && tokens.check(token, subject.get(), now) == CheckinTokens.Verdict.VALID) {
				request.getSession(true).setAttribute(attribute(subject.get()), now.toEpochMilli() + " " + token);
			}
		}
		chain.doFilter(request, response);
	}

	/** When this session scanned exactly this token for this meeting, if it did; the note is used once. */
	static Optional<Instant> scannedAt(HttpSession session, long meetingId, String token) {
		return scannedAt(session, CheckinSubject.meeting(meetingId), token);
	}

	/** When this session scanned exactly this token for this subject, if it did; the note is used once. */
	static Optional<Instant> scannedAt(HttpSession session, CheckinSubject subject, String token) {
		if (session == null || token == null) {
			return Optional.empty();
		}
		Object note = session.getAttribute(attribute(subject));
		session.removeAttribute(attribute(subject));
		if (!(note instanceof String text) || !text.endsWith(" " + token)) {
			return Optional.empty();
		}
		return Optional.of(Instant.ofEpochMilli(Long.parseLong(text.substring(0, text.indexOf(' ')))));
	}

	private static String attribute(CheckinSubject subject) {
		return "orglife.checkin.scan." + subject.path();
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<CheckinScans> checkinScans(CheckinTokens tokens, Clock clock) {
			FilterRegistrationBean<CheckinScans> registration = new FilterRegistrationBean<>(new CheckinScans(tokens, clock));
			// every check-in link (a meeting's, a training session's): the filter looks at GETs ending in /checkin only
			registration.addUrlPatterns("/*");
			// ahead of the security filters, which send a signed-out member to the sign-in form
			registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
			return registration;
		}
	}
}
