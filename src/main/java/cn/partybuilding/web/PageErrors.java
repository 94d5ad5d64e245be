package cn.partybuilding.web;

import java.time.DateTimeException;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import cn.partybuilding.shared.AccessAttemptDenied;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;

/** Errors of the pages: the same rules as the API (out of scope → 404, audited), shown as a page. */
@ControllerAdvice
class PageErrors {

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	PageErrors(ApplicationEventPublisher events, MessageSource messages) {
		this.events = events;
		this.messages = messages;
	}

	@ExceptionHandler(OutOfScopeException.class)
	ModelAndView outOfScope(OutOfScopeException ex, Locale locale) {
		events.publishEvent(new AccessAttemptDenied(ex.entityType(), ex.entityId(), "超出数据范围或不存在"));
		return page(HttpStatus.NOT_FOUND, "error.notFound", locale);
	}

	@ExceptionHandler(NotPermittedException.class)
	ModelAndView notPermitted(NotPermittedException ex, Locale locale) {
		events.publishEvent(new AccessAttemptDenied(ex.entityType(), ex.entityId(), "无权操作：" + ex.getMessage()));
		return page(HttpStatus.FORBIDDEN, "error.forbidden", locale);
	}

	@ExceptionHandler({ FieldProblem.class, MethodArgumentTypeMismatchException.class, DateTimeException.class,
			MissingServletRequestParameterException.class })
	ModelAndView badRequest(Exception ex, Locale locale) {
		if (ex instanceof FieldProblem problem) {
			ModelAndView mav = page(HttpStatus.BAD_REQUEST, "error.badRequest", locale);
			mav.addObject("message", problem.messages(messages, locale).values().iterator().next());
			return mav;
		}
		return page(HttpStatus.BAD_REQUEST, "error.badRequest", locale);
	}

	/** Two people changed the same thing at once (a version or a unique code): the later one is told. */
	@ExceptionHandler({ ObjectOptimisticLockingFailureException.class, DataIntegrityViolationException.class })
	ModelAndView conflict(Exception ex, Locale locale) {
		if (ApiErrors.valueTooLong(ex)) {
			return page(HttpStatus.BAD_REQUEST, "error.tooLong", locale);
		}
		return page(HttpStatus.CONFLICT, "error.conflict", locale);
	}

	private ModelAndView page(HttpStatus status, String key, Locale locale) {
		ModelAndView mav = new ModelAndView("error");
		mav.setStatus(status);
		mav.addObject("status", status.value());
		mav.addObject("message", messages.getMessage(key, null, key, locale));
		return mav;
	}
}
