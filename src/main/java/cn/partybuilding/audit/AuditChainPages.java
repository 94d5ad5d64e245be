package cn.partybuilding.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The audit chain's page for the 审计员: the latest check, and another on request. */
@Controller
class AuditChainPages {

	private final AuditChain chain;

	AuditChainPages(AuditChain chain) {
		this.chain = chain;
	}

	@GetMapping("/audit/verification")
	String page(Model model) {
		AuditChainApi.auditor();
		model.addAttribute("result", chain.latest());
		return "audit/verification";
	}

	@PostMapping("/audit/verification")
	String check(Model model) {
		model.addAttribute("result", chain.verify(AuditChainApi.auditor().username()));
		return "audit/verification";
	}
}
