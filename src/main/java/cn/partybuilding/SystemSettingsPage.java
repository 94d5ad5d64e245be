package cn.partybuilding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	SystemSettingsPage(Environment env) {
		this.env = env;
	}

	@GetMapping("/system/settings")
	String settings(Model model) {
		Map<String, String> values = new LinkedHashMap<>();
		KEYS.forEach(key -> values.put(key, env.getProperty(key, "—")));
		model.addAttribute("settings", values);
		model.addAttribute("embedded", env.getProperty("party.embedded.active", Boolean.class, false));
		return "system/settings";
	}
}
