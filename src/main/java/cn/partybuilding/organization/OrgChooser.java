package cn.partybuilding.organization;

import java.util.Iterator;
import java.util.List;

import cn.partybuilding.shared.PlainText;

/**
 * The organisation drop-down of a page, as {@link OrganizationTree#chooser} answers it. Iterated (and sized) like the
 * list of options it holds, so a template loops over it as before. {@code bounded}: the caller sees more organisations
 * than {@code party.organization.chooser-limit}, so only their top, the path to the chosen one and the organisations
 * right below each step are listed; {@code drill} is then where the page asks for the next level when another is
 * chosen (null when the whole tree is listed). {@code optionsMarkup}: the options as HTML, none selected, worked out
 * from the options when the chooser is made, whatever is passed (see {@link #optionsHtml}).
 */
public record OrgChooser(List<TreeNode.Option> options, boolean bounded, String drill, String optionsMarkup)
		implements Iterable<TreeNode.Option> {

	public OrgChooser {
		optionsMarkup = html(options, null, false);
	}

	public OrgChooser(List<TreeNode.Option> options, boolean bounded, String drill) {
		this(options, bounded, drill, null);
	}

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

	/**
	 * The options as HTML (each on its own line, labels escaped, {@code chosen} selected), for a template to write
	 * unescaped after its own empty choice: a school's drop-down lists a hundred or more organisations, and the loop
	 * over them, three expressions an option, was the largest part of a list page's rendering under {@code wrk}. Written
	 * once per chooser (a page's chooser is usually a kept one), only the chosen option marked on each page: building
	 * a school's 15 KB of options on every page was 2.5% of its dues roll, sampled. No label can hold the marked
	 * option's opening tag: every {@code <} in a label is escaped.
	 */
	public String optionsHtml(Long chosen) {
		if (chosen == null) {
			return optionsMarkup;
		}
		String tag = "<option value=\"" + chosen + "\">";
		int at = optionsMarkup.indexOf(tag);
		if (at < 0) {
			return optionsMarkup;
		}
		int beforeClose = at + tag.length() - 1;
		return optionsMarkup.substring(0, beforeClose) + " selected=\"selected\"" + optionsMarkup.substring(beforeClose);
	}

	/** As {@link #optionsHtml}, each option with its organisation's type ({@code data-org-type}, as the drill's). */
	public String typedOptionsHtml(Long chosen) {
		return html(options, chosen, true);
	}

	private static String html(List<TreeNode.Option> options, Long chosen, boolean typed) {
		StringBuilder html = new StringBuilder(options.size() * (typed ? 100 : 80));
		for (TreeNode.Option o : options) {
			html.append("\n    <option value=\"").append(o.id()).append('"');
			if (typed) {
				html.append(" data-org-type=\"").append(o.type()).append('"');
			}
			html.append(chosen != null && chosen == o.id() ? " selected=\"selected\"" : "").append('>')
				.append(PlainText.html(o.label())).append("</option>");
		}
		return html.append("\n  ").toString();
	}
}
