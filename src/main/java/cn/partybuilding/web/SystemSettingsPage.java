package cn.partybuilding.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.MessageSource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The 系统管理员's view of the settings in force: every {@code party.*} setting (application.properties
 * names each with its default; files, environment variables and start-up arguments override them), grouped
 * by module. Keys and secrets are never shown, only whether they are set. The settings are changed in the
 * configuration so that every node of a cluster runs the same rules.
 */
@Controller
class SystemSettingsPage {

	/** Secrets: shown only as set or not (when not, the platform draws or derives its own). */
	static final List<String> SECRETS = List.of("party.security.data-key", "party.orglife.checkin-key",
			"party.dues.sandbox.secret", "party.interaction.surveys.ballot-key", "party.security.audit-key",
			"party.backup.passphrase", "party.datasource.replica.password");

	/** Not party.* but a rule offices ask about. */
	private static final List<String> ALSO = List.of("spring.session.timeout");

	private final ConfigurableEnvironment env;

	private final MessageSource messages;

	SystemSettingsPage(ConfigurableEnvironment env, MessageSource messages) {
		this.env = env;
		this.messages = messages;
	}

	/** One setting as the page shows it: its key, what it means, and its value in force. */
	record Setting(String key, String label, String value) {
	}

	@GetMapping("/system/settings")
	String settings(Model model, Locale locale) {
		Map<String, List<Setting>> groups = new LinkedHashMap<>();
		byGroup().forEach((group, keys) -> groups.put(
				messages.getMessage("settings.group." + group, null, group, locale),
				keys.stream().map(key -> new Setting(key, label(key, locale), value(key, locale))).toList()));
		model.addAttribute("groups", groups);
		model.addAttribute("embedded", env.getProperty("party.embedded.active", Boolean.class, false));
		return "system/settings";
	}

	/** Every party.* key the configuration names (not the platform's own internal flags), by module. */
	private Map<String, TreeSet<String>> byGroup() {
		TreeSet<String> keys = new TreeSet<>(SECRETS);
		keys.addAll(ALSO);
		env.getPropertySources().stream()
			.filter(source -> source instanceof EnumerablePropertySource<?>)
			.filter(source -> !source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
			.flatMap(source -> List.of(((EnumerablePropertySource<?>) source).getPropertyNames()).stream())
			.filter(key -> key.startsWith("party.") && !key.startsWith("party.embedded."))
			.forEach(keys::add);
		Map<String, TreeSet<String>> groups = new TreeMap<>();
		keys.forEach(key -> groups.computeIfAbsent(group(key), g -> new TreeSet<>()).add(key));
		return groups;
	}

	/** The module a setting belongs to, by its name: party.dues.* → dues, party.security.* → account … */
	static String group(String key) {
		String[] parts = key.split("\\.");
		if (!parts[0].equals("party") || parts.length < 3) {
			return key.startsWith("spring.session") ? "account" : "platform";
		}
		return switch (parts[1]) {
			case "security" -> key.equals("party.security.data-key") || key.startsWith("party.security.crypto.")
					|| key.startsWith("party.security.key-rotation.") ? "member"
							: key.equals("party.security.audit-key") ? "audit" : "account";
			case "school" -> "organization";
			case "generate" -> "demo";
			default -> parts[1];
		};
	}

	private String label(String key, Locale locale) {
		if (key.startsWith("party.orglife.frequency.")) {
			String type = key.substring("party.orglife.frequency.".length());
			return messages.getMessage("settings.party.orglife.frequency",
					new Object[] { messages.getMessage("orglife.type." + type, null, type, locale) }, locale);
		}
		return messages.getMessage("settings." + key, null, "", locale);
	}

	/** "15m" → 15 分钟, "true" → 是, nothing → 未设置, a secret → 已设置: as a party office reads it. */
	private String value(String key, Locale locale) {
		String value = env.getProperty(key);
		// further data keys (party.security.data-keys.N) are secrets as much as the first
		if (SECRETS.contains(key) || key.startsWith("party.security.data-keys.")) {
			return messages.getMessage(value == null || value.isBlank() ? "settings.secret.unset" : "settings.secret.set",
					null, locale);
		}
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
					: d.toMinutes() > 0 ? messages.getMessage("settings.minutes", new Object[] { d.toMinutes() }, locale)
							: messages.getMessage("settings.seconds", new Object[] { d.toSeconds() }, locale);
		}
		return value;
	}
}
