package cn.partybuilding.account;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.partybuilding.shared.AccessAttemptDenied;
import cn.partybuilding.shared.PublicEndpoints;
import cn.partybuilding.shared.SecurityHeaders;

/** Form sign-in, the administrators' second factor, URL rules per role, CSRF for every write, the anonymous rate limit, and the security headers on every response. */
@Configuration
class SecurityConfiguration {

	/** bcrypt for every password a person chooses; {otp} only for one-time passwords of bulk-opened accounts. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(),
				OneTimePasswordEncoder.ID, new OneTimePasswordEncoder()));
	}

	@Bean
	SecurityFilterChain web(HttpSecurity http, ApplicationEventPublisher events,
			List<PublicEndpoints> publicEndpoints, SecuritySettings settings, Clock clock, MessageSource messages,
			SecondFactors secondFactors, SignInHistory signIns) throws Exception {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		String[] open = publicEndpoints.stream().flatMap(p -> p.paths().stream()).toArray(String[]::new);
		AccessDeniedHandler denied = auditedDenial(events);
		List<RequestMatcher> openMatchers = java.util.Arrays.stream(open)
			.map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p))
			.toList();
		RequestMatcher anyOpen = request -> openMatchers.stream().anyMatch(m -> m.matches(request));
		http.authorizeHttpRequests(a -> a
				.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
				.requestMatchers(open).permitAll()
				.requestMatchers("/audit/**", "/api/v1/audit-events/**").hasRole("AUDITOR")
				.requestMatchers("/accounts/**", "/api/v1/accounts/**").hasAnyRole("SECURITY_ADMIN", "SYSTEM_ADMIN")
				.requestMatchers("/system/**").hasRole("SYSTEM_ADMIN")
				.anyRequest().authenticated())
			.formLogin(f -> f.loginPage("/login")
				.successHandler(signIns.successHandler())
				// one answer for a wrong password, an unknown name and a locked account: no account enumeration
				.failureUrl("/login?error"))
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
				.addLogoutHandler((request, response, auth) -> {
					if (auth != null) {
						events.publishEvent(SignInAttempted.loggedOut(auth.getName()));
					}
				}))
			.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(signInFirst(), api)
				.accessDeniedHandler(denied))
			// the token lives in an HttpOnly cookie, so anonymous visitors of the login page need no session row
			.csrf(c -> c.csrfTokenRepository(csrfTokens()).ignoringRequestMatchers(open))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
				// DENY everywhere, unless the answer itself says otherwise (a PDF shown in the study reader's frame:
				// SAMEORIGIN on that file alone); the stock writer would overwrite it
				.frameOptions(f -> f.disable())
				.addHeaderWriter((request, response) -> {
					if (!response.containsHeader("X-Frame-Options")) {
						response.setHeader("X-Frame-Options", "DENY");
					}
				})
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
			// before the CSRF check, so forged anonymous posts are limited too
			.addFilterBefore(new AnonymousRateLimit(settings, clock, messages, events), CsrfFilter.class)
			// the second factor before anything else a signed-in administrator asks for, the URL rules included
			.addFilterBefore(new SecondFactorGate(secondFactors, anyOpen, events), AuthorizationFilter.class)
			.addFilterAfter(new ForcedPasswordChange(), AuthorizationFilter.class);
		return http.build();
	}

	private static CookieCsrfTokenRepository csrfTokens() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setHeaderName("X-CSRF-TOKEN");
		return tokens;
	}

	/** The API's answer to a request without a session: 401 in the API's error shape. */
	private static AuthenticationEntryPoint signInFirst() {
		return (request, response, ex) -> {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType("application/json;charset=UTF-8");
			response.getWriter().write("{\"status\":401,\"message\":\"请先登录\",\"errors\":[]}");
		};
	}

	/** A 403 (role missing or CSRF token missing) is written to the audit log before it is answered. */
	private static AccessDeniedHandler auditedDenial(ApplicationEventPublisher events) {
		AccessDeniedHandlerImpl delegate = new AccessDeniedHandlerImpl();
		return (request, response, ex) -> {
			events.publishEvent(new AccessAttemptDenied("url", request.getMethod() + " " + request.getRequestURI(),
					ex.getClass().getSimpleName()));
			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				response.setStatus(HttpServletResponse.SC_FORBIDDEN);
				response.setContentType("application/json;charset=UTF-8");
				response.getWriter().write("{\"status\":403,\"message\":\"您没有执行此操作的权限\",\"errors\":[]}");
				return;
			}
			delegate.handle(request, response, ex);
		};
	}

	/**
	 * Accounts created by an administrator carry a one-time password: until it is changed, every page
	 * leads to the change-password form and the API answers 403.
	 */
	static final class ForcedPasswordChange extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Authentication auth = SecurityContextHolder.getContext().getAuthentication();
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p && p.mustChangePassword()
					&& !path.startsWith("/account/password") && !path.equals("/logout") && !path.startsWith("/webjars/")
					&& !path.startsWith("/css/") && !path.startsWith("/js/") && !path.equals("/error")) {
				if (path.startsWith("/api/")) {
					response.setStatus(HttpServletResponse.SC_FORBIDDEN);
					response.setContentType("application/json;charset=UTF-8");
					response.getWriter().write("{\"status\":403,\"message\":\"请先修改初始密码\",\"errors\":[]}");
				}
				else {
					response.sendRedirect(request.getContextPath() + "/account/password");
				}
				return;
			}
			chain.doFilter(request, response);
		}
	}
}
