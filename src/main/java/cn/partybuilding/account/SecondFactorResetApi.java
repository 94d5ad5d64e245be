package cn.partybuilding.account;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/**
 * JSON: the security administrator requests a reset of an account's second factor; the confirming administrator
 * sees what waits and confirms or refuses it.
 */
@RestController
class SecondFactorResetApi {

	private final SecondFactorResets resets;

	SecondFactorResetApi(SecondFactorResets resets) {
		this.resets = resets;
	}

	record Reason(@Size(max = 200) String reason) {
	}

	@PostMapping("/api/v1/accounts/{id}/second-factor/reset")
	Map<String, Long> request(@PathVariable long id, @Valid @RequestBody Reason reason) {
		return Map.of("id", resets.request(Caller.require(), id, reason.reason()));
	}

	@GetMapping("/api/v1/second-factor-resets")
	List<SecondFactorResets.PendingReset> pending() {
		return resets.pending(Caller.require());
	}

	@PostMapping("/api/v1/second-factor-resets/{id}/confirm")
	ResponseEntity<Void> confirm(@PathVariable long id) {
		resets.confirm(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/second-factor-resets/{id}/refuse")
	ResponseEntity<Void> refuse(@PathVariable long id, @Valid @RequestBody Reason reason) {
		resets.refuse(Caller.require(), id, reason.reason());
		return ResponseEntity.noContent().build();
	}
}
