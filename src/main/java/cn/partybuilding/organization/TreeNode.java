package cn.partybuilding.organization;

import java.util.ArrayList;
import java.util.List;

/** A node of the tree as the caller sees it, with its visible children. */
public record TreeNode(long id, String code, String name, OrgType type, Long parentId, int sortOrder,
		List<TreeNode> children) {

	/** One line of a drop-down: the tree flattened, indented by depth. */
	public record Option(long id, String label, OrgType type) {
	}

	/** The forest as drop-down options in tree order, names indented to show the hierarchy. */
	public static List<Option> flatten(List<TreeNode> forest) {
		List<Option> options = new ArrayList<>();
		flatten(forest, 0, options);
		return options;
	}

	/**
	 * The forest as drop-down options labelled with their path below the top ("计算机学院党委 › 教工第一党支部"),
	 * so that the many branches with the same name stay apart once one is chosen.
	 */
	public static List<Option> flattenWithPaths(List<TreeNode> forest) {
		List<Option> options = new ArrayList<>();
		for (TreeNode root : forest) {
			options.add(new Option(root.id(), root.name(), root.type()));
			withPaths(root.children(), "", options);
		}
		return options;
	}

	private static void withPaths(List<TreeNode> nodes, String prefix, List<Option> into) {
		for (TreeNode n : nodes) {
			String label = prefix + n.name();
			into.add(new Option(n.id(), label, n.type()));
			withPaths(n.children(), label + " › ", into);
		}
	}

	private static void flatten(List<TreeNode> nodes, int depth, List<Option> into) {
		for (TreeNode n : nodes) {
			into.add(new Option(n.id(), "\u3000".repeat(depth) + n.name(), n.type()));
			flatten(n.children(), depth + 1, into);
		}
	}

	static TreeNode of(Organization o) {
		return new TreeNode(o.id(), o.code(), o.name(), o.type(), o.parentId(), o.sortOrder(), new ArrayList<>());
	}
}
