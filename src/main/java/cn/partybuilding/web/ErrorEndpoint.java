package cn.partybuilding.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the servlet container sends what no controller answered (an unknown address, an error outside
 * Spring MVC): the API's errors in the API's JSON shape, everything else as the platform's error page.
 * Replaces Boot's BasicErrorController, whose shape differs from the API's and which answers 500 when
 * {@code /error} is opened directly; opened directly it is simply not found.
 */
@Controller
class ErrorEndpoint implements ErrorController {

	private final MessageSource messages;

	ErrorEndpoint(MessageSource messages) {
		this.messages = messages;
	}

	/** JSON for the API's addresses and for clients that do not ask for HTML; the error page for browsers. */
	@RequestMapping("/error")
	Object error(HttpServletRequest request, Locale locale) {
		HttpStatus status = statusOf(request);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		boolean api = uri != null && uri.toString().startsWith(request.getContextPath() + "/api/");
		String accept = request.getHeader("Accept");
		if (!api && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
			ModelAndView mav = new ModelAndView("error");
			mav.setStatus(status);
			mav.addObject("status", status.value());
			return mav;
		}
		return ApiErrors.body(status, messages.getMessage(messageKey(status), null, locale), List.of());
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) == null) {
			return HttpStatus.NOT_FOUND;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
		return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
	}

	private static String messageKey(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "error.notFound";
			case FORBIDDEN -> "error.forbidden";
			case UNAUTHORIZED -> "error.unauthorized";
			case CONTENT_TOO_LARGE -> "error.tooLarge";
			default -> status.is4xxClientError() ? "error.badRequest" : "error.server";
		};
	}
}
