package cn.partybuilding.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Role;

/** The audit chain's check for the 审计员, now, as JSON (anybody else: 403); {@link AuditChainPages} is the page. */
@RestController
class AuditChainApi {

	private final AuditChain chain;

	AuditChainApi(AuditChain chain) {
		this.chain = chain;
	}

	@GetMapping("/api/v1/audit/verification")
	AuditChain.Verification verify() {
		return chain.verify(auditor().username());
	}

	static Caller auditor() {
		Caller caller = Caller.require();
		if (!caller.has(Role.AUDITOR)) {
			throw new NotPermittedException("audit-chain", "*", "verify");
		}
		return caller;
	}
}
