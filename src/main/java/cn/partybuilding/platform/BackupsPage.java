package cn.partybuilding.platform;

import java.io.IOException;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.Role;

/**
 * 数据备份, for the system administrator (under /system, which only SYSTEM_ADMIN reaches): the schedule, the folder and
 * the backups in it (time, size, schema version, rows, whether it opens with the passphrase) — no personal data — and a
 * button that writes one now.
 */
@Controller
class BackupsPage implements MenuEntries {

	private final ScheduledBackups backups;

	BackupsPage(ScheduledBackups backups) {
		this.backups = backups;
	}

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return caller.has(Role.SYSTEM_ADMIN) ? List.of(new MenuEntry(118, "nav.backups", "/system/backups", "bi-archive"))
				: List.of();
	}

	@GetMapping("/system/backups")
	String list(Model model) throws IOException {
		model.addAttribute("settings", backups.settings());
		model.addAttribute("hasPassphrase", backups.settings().hasPassphrase());
		model.addAttribute("folder", backups.folder());
		model.addAttribute("last", backups.last());
		model.addAttribute("backups", backups.list());
		return "platform/backups";
	}

	@PostMapping("/system/backups")
	String now(RedirectAttributes redirect) {
		redirect.addFlashAttribute("done", backups.runNow());
		return "redirect:/system/backups";
	}
}
