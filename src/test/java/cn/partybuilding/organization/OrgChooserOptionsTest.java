package cn.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The drop-down's options as the list pages write them: escaped, the chosen one selected, with types when asked. */
class OrgChooserOptionsTest {

	private final OrgChooser chooser = new OrgChooser(List.of(new TreeNode.Option(1, "党委 & <学院>", OrgType.COMMITTEE),
			new TreeNode.Option(2, "党委 › 一支部", OrgType.BRANCH)), false, null);

	@Test
	void theChosenOrganisationIsSelectedAndLabelsAreEscaped() {
		assertThat(chooser.optionsHtml(2L)).isEqualTo("\n    <option value=\"1\">党委 &amp; &lt;学院&gt;</option>"
				+ "\n    <option value=\"2\" selected=\"selected\">党委 › 一支部</option>\n  ");
		assertThat(chooser.optionsHtml(null)).doesNotContain("selected");
		assertThat(chooser.optionsHtml(3L)).doesNotContain("selected");
		// 1 is not 11's start: only the option whose value is the chosen one is marked
		OrgChooser many = new OrgChooser(List.of(new TreeNode.Option(11, "十一支部", OrgType.BRANCH),
				new TreeNode.Option(1, "党委", OrgType.COMMITTEE)), false, null);
		assertThat(many.optionsHtml(1L)).isEqualTo("\n    <option value=\"11\">十一支部</option>"
				+ "\n    <option value=\"1\" selected=\"selected\">党委</option>\n  ");
	}

	@Test
	void theMarkupIsAlwaysTheOptionsOwnWhateverIsPassed() {
		OrgChooser forged = new OrgChooser(chooser.options(), false, null, "<script>alert(1)</script>");
		assertThat(forged.optionsHtml(null)).isEqualTo(chooser.optionsHtml(null)).doesNotContain("<script>");
		assertThat(forged).isEqualTo(chooser);
	}

	@Test
	void typedOptionsCarryTheOrganisationTypeAsTheDrillDoes() {
		assertThat(chooser.typedOptionsHtml(1L))
			.contains("<option value=\"1\" data-org-type=\"COMMITTEE\" selected=\"selected\">党委 &amp; &lt;学院&gt;</option>")
			.contains("<option value=\"2\" data-org-type=\"BRANCH\">党委 › 一支部</option>");
	}

	@Test
	void aLabelWithQuotesCannotLeaveItsOption() {
		OrgChooser sly = new OrgChooser(List.of(new TreeNode.Option(5, "\"><script>alert(1)</script>", OrgType.BRANCH)), false, null);
		assertThat(sly.optionsHtml(null)).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
	}
}
