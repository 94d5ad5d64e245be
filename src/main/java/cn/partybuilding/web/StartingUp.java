package cn.partybuilding.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web server accepts connections before the start-up work is done (the demo university takes seconds to
 * load): until the platform is ready, health answers OUT_OF_SERVICE (503) and every other request a short
 * 503 that asks to retry in a moment, rather than a sign-in page that calls a demo account's password wrong
 * because the account is not written yet. Ready is Spring Boot's readiness state, which turns after the start-up runners.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartingUp extends OncePerRequestFilter implements HealthIndicator {

	private final ApplicationAvailability availability;

	private final MessageSource messages;

	StartingUp(ApplicationAvailability availability, MessageSource messages) {
		this.availability = availability;
		this.messages = messages;
	}

	private boolean ready() {
		return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
	}

	@Override
	public Health health() {
		return ready() ? Health.up().build() : Health.outOfService().build();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return ready() || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String text = messages.getMessage("app.startingUp", null, Locale.SIMPLIFIED_CHINESE);
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", "5");
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			response.setContentType("application/json;charset=UTF-8");
			response.getWriter().write("{\"status\":503,\"message\":\"" + text + "\",\"errors\":[]}");
			return;
		}
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter().write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
				+ "<meta http-equiv=\"refresh\" content=\"5\"><title>" + text + "</title></head><body><p>" + text
				+ "</p></body></html>");
	}
}
