package cn.partybuilding.organization;

import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Role;

/**
 * The next level of a bounded organisation drop-down ({@link OrgChooser#drill}): a page's script asks it when an
 * organisation is chosen and lists what it answers. A chosen organisation out of the caller's reach is the audited 404.
 */
@RestController
class OrganizationChooserEndpoint {

	private final OrganizationTree tree;

	private final OrganizationScope scope;

	OrganizationChooserEndpoint(OrganizationTree tree, OrganizationScope scope) {
		this.tree = tree;
		this.scope = scope;
	}

	record ChooserOptions(List<TreeNode.Option> options, boolean bounded) {
	}

	@GetMapping("/organizations/chooser")
	ChooserOptions chooser(@RequestParam(required = false) Long chosen,
			@RequestParam(defaultValue = "") @Size(max = 300) String through,
			@RequestParam(defaultValue = "") @Size(max = 100) String types) {
		Caller caller = Caller.require();
		Role[] roles = parse(through, Role.class, "through").toArray(Role[]::new);
		if (chosen != null) {
			scope.requireReach(caller, chosen, roles.length == 0 ? Arrays.stream(Role.values()).filter(Role::seesOrganizations).toArray(Role[]::new) : roles);
		}
		OrgChooser chooser = tree.chooser(caller, chosen, parse(types, OrgType.class, "types"), roles);
		return new ChooserOptions(chooser.options(), chooser.bounded());
	}

	private static <E extends Enum<E>> Set<E> parse(String names, Class<E> type, String field) {
		Set<E> values = EnumSet.noneOf(type);
		for (String name : Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()) {
			try {
				values.add(Enum.valueOf(type, name));
			}
			catch (IllegalArgumentException unknown) {
				throw new FieldProblem(field, "org.chooser.unknown");
			}
		}
		return values;
	}
}
