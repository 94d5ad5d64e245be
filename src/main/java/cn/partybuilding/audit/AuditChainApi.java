package cn.partybuilding.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit chain's check for the 审计员 at the top of the tree, now, as JSON (anybody else: 403); {@link AuditChainPages}
 * is the page.
 */
@RestController
class AuditChainApi {

	private final AuditChain chain;

	private final AuditReaders readers;

	AuditChainApi(AuditChain chain, AuditReaders readers) {
		this.chain = chain;
		this.readers = readers;
	}

	@GetMapping("/api/v1/audit/verification")
	AuditChain.Verification verify() {
		return chain.verify(readers.require("verify").username());
	}
}
