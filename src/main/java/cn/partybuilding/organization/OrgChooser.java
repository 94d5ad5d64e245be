package cn.partybuilding.organization;

import java.util.Iterator;
import java.util.List;

/**
 * The organisation drop-down of a page, as {@link OrganizationTree#chooser} answers it. Iterated (and sized) like the
 * list of options it holds, so a template loops over it as before. {@code bounded}: the caller sees more organisations
 * than {@code party.organization.chooser-limit}, so only their top, the path to the chosen one and the organisations
 * right below each step are listed; {@code drill} is then where the page asks for the next level when another is
 * chosen (null when the whole tree is listed).
 */
public record OrgChooser(List<TreeNode.Option> options, boolean bounded, String drill) implements Iterable<TreeNode.Option> {

	@Override
	public Iterator<TreeNode.Option> iterator() {
		return options.iterator();
	}

	public int size() {
		return options.size();
	}

	public boolean isEmpty() {
		return options.isEmpty();
	}
}
