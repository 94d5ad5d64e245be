package cn.partybuilding.web;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import tools.jackson.databind.DatabindException;

import cn.partybuilding.shared.AccessAttemptDenied;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;

/** Errors of the JSON API: {@code {"status", "message", "errors":[{"field","message"}]}}, messages in Chinese. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final DataSize maxUpload;

	ApiErrors(ApplicationEventPublisher events, MessageSource messages,
			@Value("${party.upload.max-file-size:20MB}") DataSize maxUpload) {
		this.events = events;
		this.messages = messages;
		this.maxUpload = maxUpload;
	}

	record FieldError(String field, String message, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> words) {

		FieldError(String field, String message) {
			this(field, message, List.of());
		}
	}

	@ExceptionHandler(OutOfScopeException.class)
	ResponseEntity<Map<String, Object>> outOfScope(OutOfScopeException ex, Locale locale) {
		events.publishEvent(new AccessAttemptDenied(ex.entityType(), ex.entityId(), "超出数据范围或不存在"));
		return body(HttpStatus.NOT_FOUND, msg("error.notFound", locale), List.of());
	}

	@ExceptionHandler(NotPermittedException.class)
	ResponseEntity<Map<String, Object>> notPermitted(NotPermittedException ex, Locale locale) {
		events.publishEvent(new AccessAttemptDenied(ex.entityType(), ex.entityId(), "无权操作：" + ex.getMessage()));
		return body(HttpStatus.FORBIDDEN, msg("error.forbidden", locale), List.of());
	}

	@ExceptionHandler(FieldProblem.class)
	ResponseEntity<Map<String, Object>> invalid(FieldProblem ex, Locale locale) {
		List<FieldError> errors = ex.messages(messages, locale).entrySet().stream()
			.map(e -> new FieldError(e.getKey(), e.getValue(), ex.words(e.getKey())))
			.toList();
		return body(ex instanceof ConflictProblem ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
				errors.get(0).message(), errors);
	}

	/**
	 * A body or form that breaks its record's constraints ({@code @Size(max = …)} on every text: the column's
	 * length): each field with its message ({@code Size} in messages.properties), the first one as the message.
	 */
	@ExceptionHandler(BindException.class)
	ResponseEntity<Map<String, Object>> invalidBody(BindException ex, Locale locale) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors()
			.forEach(e -> errors.add(new FieldError(e.getField(), messages.getMessage(e, locale))));
		ex.getBindingResult().getGlobalErrors()
			.forEach(e -> errors.add(new FieldError(null, messages.getMessage(e, locale))));
		return fieldErrors(errors, locale);
	}

	/** Constraints on a handler's parameters themselves (or on a body when parameters are constrained too). */
	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<Map<String, Object>> invalidArguments(HandlerMethodValidationException ex, Locale locale) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors bean) {
				bean.getFieldErrors()
					.forEach(e -> errors.add(new FieldError(e.getField(), messages.getMessage(e, locale))));
				continue;
			}
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add(new FieldError(name, messages.getMessage(error, locale)));
			}
		}
		return fieldErrors(errors, locale);
	}

	private ResponseEntity<Map<String, Object>> fieldErrors(List<FieldError> errors, Locale locale) {
		errors.sort(Comparator.comparing(FieldError::field, Comparator.nullsFirst(Comparator.naturalOrder())));
		return body(HttpStatus.BAD_REQUEST, errors.isEmpty() ? msg("error.badRequest", locale) : errors.get(0).message(),
				errors);
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			MissingServletRequestParameterException.class, DateTimeException.class })
	ResponseEntity<Map<String, Object>> unreadable(Exception ex, Locale locale) {
		String field = null;
		if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			field = mismatch.getName();
		}
		else if (ex instanceof MissingServletRequestParameterException missing) {
			field = missing.getParameterName();
		}
		else if (ex.getCause() instanceof DatabindException bad && !bad.getPath().isEmpty()) {
			field = bad.getPath().get(bad.getPath().size() - 1).getPropertyName();
		}
		List<FieldError> errors = field == null ? List.of() : List.of(new FieldError(field, msg("error.fieldFormat", locale)));
		return body(HttpStatus.BAD_REQUEST, msg("error.badRequest", locale), errors);
	}

	/** An upload over the limit (multipart is resolved lazily, so this reaches the API's own handler). */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<Map<String, Object>> tooLarge(Exception ex, Locale locale) {
		long limit = ex instanceof MaxUploadSizeExceededException m && m.getMaxUploadSize() > 0 ? m.getMaxUploadSize()
				: maxUpload.toBytes();
		String message = messages.getMessage("upload.tooLarge", new Object[] { limit / (1024 * 1024) }, locale);
		return body(HttpStatus.BAD_REQUEST, message, List.of(new FieldError("file", message)));
	}

	@ExceptionHandler({ MissingServletRequestPartException.class,
			MultipartException.class })
	ResponseEntity<Map<String, Object>> noFile(Exception ex, Locale locale) {
		String message = msg("upload.missing", locale);
		return body(HttpStatus.BAD_REQUEST, message, List.of(new FieldError("file", message)));
	}

	/** Two people changed the same thing at once (a version or a unique code): the later one is told. */
	@ExceptionHandler({ ObjectOptimisticLockingFailureException.class, DataIntegrityViolationException.class })
	ResponseEntity<Map<String, Object>> conflict(Exception ex, Locale locale) {
		if (valueTooLong(ex)) {
			return body(HttpStatus.BAD_REQUEST, msg("error.tooLong", locale), List.of());
		}
		return body(HttpStatus.CONFLICT, msg("error.conflict", locale), List.of());
	}

	/**
	 * The database refused a text longer than its column (SQLSTATE 22001): a safety net behind the records'
	 * {@code @Size} limits, answered as the request's fault (400), not as someone else's change (409).
	 */
	static boolean valueTooLong(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "22001".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	/** The API's error shape, for every error the API answers (also where the container, not a controller, answers). */
	static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, List<FieldError> errors) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status.value());
		body.put("message", message);
		body.put("errors", errors);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}
}
