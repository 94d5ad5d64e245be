package cn.partybuilding.account;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import cn.partybuilding.shared.Caller;

/**
 * JSON for the confirming administrator (三员分立): what waits, confirm or refuse a grant, hand a password over.
 * A one-time password is in the answer once, for the confirming administrator to hand to the person.
 */
@RestController
@RequestMapping("/api/v1/grant-confirmations")
class GrantConfirmationApi {

	private final GrantConfirmations confirmations;

	GrantConfirmationApi(GrantConfirmations confirmations) {
		this.confirmations = confirmations;
	}

	record Refusal(@Size(max = 200) String reason) {
	}

	@GetMapping
	GrantConfirmations.Pending pending() {
		return confirmations.pending(Caller.require());
	}

	@PostMapping("/grants/{grantId}/confirm")
	GrantConfirmations.Issued confirm(@PathVariable long grantId) {
		return confirmations.confirm(Caller.require(), grantId);
	}

	@PostMapping("/grants/{grantId}/refuse")
	ResponseEntity<Void> refuse(@PathVariable long grantId, @Valid @RequestBody Refusal refusal) {
		confirmations.refuse(Caller.require(), grantId, refusal.reason());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/handovers/{accountId}")
	GrantConfirmations.Issued handOver(@PathVariable long accountId) {
		return confirmations.handOver(Caller.require(), accountId);
	}
}
