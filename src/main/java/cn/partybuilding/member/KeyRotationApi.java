package cn.partybuilding.member;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.CryptoSuite;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Role;

/**
 * The data keys for the security administrator (nobody else: 403): where they stand and the rotation's progress
 * ({@code GET /api/v1/security/key-rotation}, the page {@code /security/keys}), and starting a rotation
 * ({@code POST}, audited), to the suite of the setting or the one named.
 */
@Controller
class KeyRotationApi {

	private final KeyRotation rotation;

	KeyRotationApi(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@GetMapping("/api/v1/security/key-rotation")
	@ResponseBody
	KeyRotation.Status status() {
		securityAdmin();
		return rotation.status();
	}

	@PostMapping("/api/v1/security/key-rotation")
	@ResponseBody
	@ResponseStatus(HttpStatus.ACCEPTED)
	KeyRotation.Status start(@RequestParam(required = false) CryptoSuite suite) {
		return rotation.start(securityAdmin().username(), suite);
	}

	@GetMapping("/security/keys")
	String page(Model model, @RequestHeader(name = "HX-Request", required = false) String htmx) {
		securityAdmin();
		model.addAttribute("status", rotation.status());
		model.addAttribute("suites", CryptoSuite.values());
		return htmx != null ? "member/keys :: progress" : "member/keys";
	}

	@PostMapping("/security/keys/rotation")
	String startFromPage(@RequestParam(required = false) CryptoSuite suite) {
		rotation.start(securityAdmin().username(), suite);
		return "redirect:/security/keys";
	}

	private static Caller securityAdmin() {
		Caller caller = Caller.require();
		if (!caller.has(Role.SECURITY_ADMIN)) {
			throw new NotPermittedException("data-key", "*", "rotate");
		}
		return caller;
	}
}
