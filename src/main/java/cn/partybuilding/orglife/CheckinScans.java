package cn.partybuilding.orglife;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * (which survives sign-in), so the check-in can be judged as of the scan.
 */
class CheckinScans extends OncePerRequestFilter {

	private static final Pattern CHECKIN = Pattern.compile("/meetings/(\\d{1,18})/checkin");

	private final CheckinTokens tokens;

	private final Clock clock;

	CheckinScans(CheckinTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher path = CHECKIN.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		String token = request.getParameter("token");
		if ("GET".equals(request.getMethod()) && path.matches() && token != null
				&& tokens.check(token, Long.parseLong(path.group(1))) == CheckinTokens.Verdict.VALID) {
			request.getSession(true).setAttribute(attribute(Long.parseLong(path.group(1))),
					clock.instant().toEpochMilli() + " " + token);
		}
		chain.doFilter(request, response);
	}

	/** When this session scanned exactly this token for this meeting, if it did; the note is used once. */
	static Optional<Instant> scannedAt(HttpSession session, long meetingId, String token) {
		if (session == null || token == null) {
			return Optional.empty();
		}
		Object note = session.getAttribute(attribute(meetingId));
		session.removeAttribute(attribute(meetingId));
		if (!(note instanceof String text) || !text.endsWith(" " + token)) {
			return Optional.empty();
		}
		return Optional.of(Instant.ofEpochMilli(Long.parseLong(text.substring(0, text.indexOf(' ')))));
	}

	private static String attribute(long meetingId) {
		return "orglife.checkin.scan." + meetingId;
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<CheckinScans> checkinScans(CheckinTokens tokens, Clock clock) {
			FilterRegistrationBean<CheckinScans> registration = new FilterRegistrationBean<>(new CheckinScans(tokens, clock));
			registration.addUrlPatterns("/meetings/*");
			// ahead of the security filters, which send a signed-out member to the sign-in form
			registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
			return registration;
		}
	}
}
