package cn.partybuilding.member;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.CryptoSuite;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Role;

/**
 * The data keys for the security administrator (nobody else: 403), as JSON: where they stand and the rotation's
 * progress, and starting a rotation (audited), to the suite of the setting or the one named ({@link KeyRotationPages}
 * has the same as a page).
 */
@RestController
class KeyRotationApi {

	private final KeyRotation rotation;

	KeyRotationApi(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@GetMapping("/api/v1/security/key-rotation")
	KeyRotation.Status status() {
		securityAdmin();
		return rotation.status();
	}

	@PostMapping("/api/v1/security/key-rotation")
	@ResponseStatus(HttpStatus.ACCEPTED)
	KeyRotation.Status start(@RequestParam(required = false) CryptoSuite suite) {
		return rotation.start(securityAdmin().username(), suite);
	}

	static Caller securityAdmin() {
		Caller caller = Caller.require();
		if (!caller.has(Role.SECURITY_ADMIN)) {
			throw new NotPermittedException("data-key", "*", "rotate");
		}
		return caller;
	}
}
