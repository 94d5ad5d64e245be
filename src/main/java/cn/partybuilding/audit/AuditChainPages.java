package cn.partybuilding.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The audit chain's page for the 审计员 at the top of the tree: the latest check, and another on request. */
@Controller
class AuditChainPages {

	private final AuditChain chain;

	private final AuditReaders readers;

	AuditChainPages(AuditChain chain, AuditReaders readers) {
		this.chain = chain;
		this.readers = readers;
	}

	@GetMapping("/audit/verification")
	String page(Model model) {
		readers.require("verify");
		model.addAttribute("result", chain.latest());
		return "audit/verification";
	}

	@PostMapping("/audit/verification")
	String check(Model model) {
		model.addAttribute("result", chain.verify(readers.require("verify").username()));
		return "audit/verification";
	}
}
