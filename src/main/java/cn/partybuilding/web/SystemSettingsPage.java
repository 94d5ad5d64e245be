package cn.partybuilding.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The 系统管理员's view of the settings in force. They are changed in the configuration (files,
 * environment or start-up arguments) so that every node of a cluster runs the same rules.
 */
@Controller
class SystemSettingsPage {

	static final List<String> KEYS = List.of("party.security.password.min-length", "party.security.password.min-classes",
			"party.security.lockout.max-failures", "party.security.lockout.duration", "spring.session.timeout",
			"party.organization.term-years", "party.organization.term-warning-days",
			"party.organization.min-full-members", "party.organization.max-members",
			"party.organization.committee-threshold", "party.demo", "party.data-dir");

	private final Environment env;

	private final MessageSource messages;

	SystemSettingsPage(Environment env, MessageSource messages) {
		this.env = env;
		this.messages = messages;
	}

	/** "15m" → 15 分钟, "true" → 是, nothing → 未设置: as a party office reads it. */
	private String readable(String value, Locale locale) {
		if (value == null || value.isBlank()) {
			return messages.getMessage("settings.unset", null, locale);
		}
		if (value.equals("true") || value.equals("false")) {
			return messages.getMessage(value.equals("true") ? "common.yes" : "common.no", null, locale);
		}
		if (value.matches("\\d+[smhd]")) {
			Duration d = DurationStyle.SIMPLE.parse(value);
			return d.toHours() > 0 && d.toMinutesPart() == 0
					? messages.getMessage("settings.hours", new Object[] { d.toHours() }, locale)
					: messages.getMessage("settings.minutes", new Object[] { d.toMinutes() }, locale);
		}
		return value;
	}

	@GetMapping("/system/settings")
	String settings(Model model, Locale locale) {
		Map<String, String> values = new LinkedHashMap<>();
		KEYS.forEach(key -> values.put(key, readable(env.getProperty(key), locale)));
		model.addAttribute("settings", values);
		model.addAttribute("embedded", env.getProperty("party.embedded.active", Boolean.class, false));
		return "system/settings";
	}
}
