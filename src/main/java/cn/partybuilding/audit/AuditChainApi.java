package cn.partybuilding.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Role;

/**
 * The audit chain's check for the 审计员: {@code GET /api/v1/audit/verification} checks it now and answers as JSON;
 * the page shows the latest check and checks again on request. Anybody else: 403.
 */
@Controller
class AuditChainApi {

	private final AuditChain chain;

	AuditChainApi(AuditChain chain) {
		this.chain = chain;
	}

	@GetMapping("/api/v1/audit/verification")
	@ResponseBody
	AuditChain.Verification verify() {
		return chain.verify(auditor().username());
	}

	@GetMapping("/audit/verification")
	String page(Model model) {
		auditor();
		model.addAttribute("result", chain.latest());
		return "audit/verification";
	}

	@PostMapping("/audit/verification")
	String check(Model model) {
		model.addAttribute("result", chain.verify(auditor().username()));
		model.addAttribute("fresh", true);
		return "audit/verification";
	}

	private static Caller auditor() {
		Caller caller = Caller.require();
		if (!caller.has(Role.AUDITOR)) {
			throw new NotPermittedException("audit-chain", "*", "verify");
		}
		return caller;
	}
}
