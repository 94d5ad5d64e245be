package cn.partybuilding.organization;

import java.util.Locale;

import org.springframework.context.MessageSource;

/** A warning shown on an organisation's page: a message key and its arguments. Warn, never block. */
public record Warning(String messageKey, Object... args) {

	public String text(MessageSource messages, Locale locale) {
		return messages.getMessage(messageKey, args, messageKey, locale);
	}
}
