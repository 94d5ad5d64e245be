package cn.partybuilding;

import org.springframework.context.support.ResourceBundleMessageSource;

/** The platform's messages as the application reads them (spring.messages.*), for tests that need no Spring context. */
public final class PlatformMessages {

	private PlatformMessages() {
	}

	public static ResourceBundleMessageSource load() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}
}
