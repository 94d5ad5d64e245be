package cn.partybuilding.development;

import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;

/** 入党申请人: who has applied, at which stage, in the caller's branches. */
@Controller
class ApplicantPages {

	private final ApplicantRegistry registry;

	private final OrganizationTree tree;

	ApplicantPages(ApplicantRegistry registry, OrganizationTree tree) {
		this.registry = registry;
		this.tree = tree;
	}

	@GetMapping("/applicants")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Stage stage, @RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("result", registry.list(caller, q, orgId, stage, page, 20));
		var byStage = registry.countByStage(caller, orgId);
		model.addAttribute("byStage", byStage);
		model.addAttribute("allStages", byStage.values().stream().mapToLong(Long::longValue).sum());
		model.addAttribute("q", q);
		model.addAttribute("orgId", orgId);
		model.addAttribute("stage", stage);
		model.addAttribute("stages", Stage.values());
		var organizations = TreeNode.flattenWithPaths(tree.visibleTree(caller));
		model.addAttribute("organizations", organizations);
		// the same short name (本科生第一党支部) is in every college: show where it is
		model.addAttribute("paths", organizations.stream()
			.collect(Collectors.toMap(TreeNode.Option::id, TreeNode.Option::label, (a, b) -> a)));
		return "development/list";
	}
}
