package cn.partybuilding.member;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;

/** 党员信息库 pages: the scoped list with filters, a member's page, and the member's own 我的信息. */
@Controller
class MemberPages {

	private final MemberRegistry registry;

	private final OrganizationTree tree;

	MemberPages(MemberRegistry registry, OrganizationTree tree) {
		this.registry = registry;
		this.tree = tree;
	}

	@GetMapping("/members")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Category category, @RequestParam(required = false) MemberStatus status,
			@RequestParam(required = false) Gender gender, @RequestParam(required = false) Education education,
			@RequestParam(required = false) Integer joinYear, @RequestParam(required = false) Integer graduationYear,
			@RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = Caller.require();
		Page<MemberRegistry.MemberView> result = registry.list(caller,
				new MemberRegistry.Filter(q, orgId, category, status, gender, education, joinYear, graduationYear, sort), page, 20);
		model.addAttribute("result", result);
		model.addAttribute("q", q);
		model.addAttribute("orgId", orgId);
		model.addAttribute("category", category);
		model.addAttribute("status", status);
		model.addAttribute("gender", gender);
		model.addAttribute("education", education);
		model.addAttribute("joinYear", joinYear);
		model.addAttribute("graduationYear", graduationYear);
		model.addAttribute("sort", sort);
		model.addAttribute("genders", Gender.values());
		model.addAttribute("educations", Education.values());
		model.addAttribute("organizations", TreeNode.flattenWithPaths(tree.visibleTree(caller)));
		model.addAttribute("categories", Category.values());
		model.addAttribute("statuses", MemberStatus.values());
		return "member/list";
	}

	@GetMapping("/members/{id}")
	String show(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		MemberRegistry.MemberView member = registry.find(caller, id);
		model.addAttribute("member", member);
		model.addAttribute("mayReveal", registry.mayReveal(caller, member.organizationId()));
		return "member/detail";
	}

	/** Shows the full values on this one answer only; the reveal is in the audit log. */
	@PostMapping("/members/{id}/reveal")
	String reveal(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("revealed", registry.reveal(caller, id));
		return show(id, model);
	}

	@GetMapping("/me")
	String mine(Model model) {
		model.addAttribute("member", registry.mine(Caller.require()));
		model.addAttribute("mayReveal", false);
		model.addAttribute("own", true);
		return "member/detail";
	}

}
