package cn.partybuilding.member;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.shared.CryptoSuite;

/** The page of the data keys for the security administrator: where they stand, the rotation's progress, its start. */
@Controller
class KeyRotationPages {

	private final KeyRotation rotation;

	KeyRotationPages(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@GetMapping("/security/keys")
	String page(Model model, @RequestHeader(name = "HX-Request", required = false) String htmx) {
		KeyRotationApi.securityAdmin();
		model.addAttribute("status", rotation.status());
		model.addAttribute("suites", CryptoSuite.values());
		return htmx != null ? "member/keys :: progress" : "member/keys";
	}

	@PostMapping("/security/keys/rotation")
	String startFromPage(@RequestParam(required = false) CryptoSuite suite) {
		rotation.start(KeyRotationApi.securityAdmin().username(), suite);
		return "redirect:/security/keys";
	}
}
