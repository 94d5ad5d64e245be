package cn.partybuilding.content;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.partybuilding.shared.PerMinute;
import cn.partybuilding.shared.SecurityHeaders;

/**
 * The portal's own filter chain, ahead of the platform's: everyone may read, nobody is signed in there (a signed-in
 * person reads the same public pages), no session is looked up or made and no cookie is set, and the platform's
 * security headers are the same. The platform's anonymous rate limit (meant for sign-in and probes) does not count
 * portal readers — a campus behind one address reads the cached pages freely; {@code party.content.portal-per-minute}
 * (0: none) limits each address on the portal alone, should a node need it.
 */
@Configuration
class PortalSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 100)
	SecurityFilterChain portalChain(HttpSecurity http, @Value("${party.content.portal-per-minute:0}") int perMinute,
			Clock clock) throws Exception {
		http.securityMatcher("/portal", "/portal/**")
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(r -> r.disable())
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
				.frameOptions(f -> f.deny())
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
		if (perMinute > 0) {
			http.addFilterBefore(new Limit(PerMinute.limit(perMinute, clock)), AuthorizationFilter.class);
		}
		return http.build();
	}

	/** Each address's requests a minute on the portal, beyond the setting 429 with Retry-After. */
	static final class Limit extends OncePerRequestFilter {

		private final PerMinute perMinute;

		Limit(PerMinute perMinute) {
			this.perMinute = perMinute;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (perMinute.allows(request.getRemoteAddr())) {
				chain.doFilter(request, response);
				return;
			}
			response.setStatus(429);
			response.setHeader("Retry-After", "60");
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write("429 Too Many Requests");
		}
	}
}
