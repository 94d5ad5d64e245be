package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The roll page's rows written in Java: the template's markup, every database text escaped, a tick box only when unpaid. */
class DuesRollRowsTest {

	static final Map<String, String> STATES = Map.of("NONE", "无账单", "PAID", "已交", "EXEMPT", "免交", "UNPAID", "未交");

	static final Map<String, String> BADGES = Map.of("NONE", "badge none", "PAID", "badge paid", "EXEMPT", "badge exempt", "UNPAID",
			"badge unpaid");

	@Test
	void anUnpaidLineHasItsTickBoxAndEveryTextIsEscaped() {
		var line = new DuesRoll.RollLine(42, "<script>\"张'三\"&", 7, "一支部 <b>", DuesCategory.STUDENT, null, new BigDecimal("0.20"),
				DuesBilling.State.UNPAID, YearMonth.of(2026, 10), 3);
		String html = DuesRollRows.html(List.of(line), STATES, BADGES, "/ctx");
		assertThat(html).contains("<input class=\"form-check-input\" type=\"checkbox\" name=\"memberIds\" value=\"42\""
				+ " aria-label=\"&lt;script&gt;&quot;张&#39;三&quot;&amp;\">")
			.contains("<a href=\"/ctx/dues/members/42\">&lt;script&gt;&quot;张&#39;三&quot;&amp;</a>")
			.contains("<td class=\"d-none d-md-table-cell\">一支部 &lt;b&gt;</td>")
			.contains("<td>0.20</td>")
			.contains("<span class=\"badge unpaid\">未交</span>")
			.contains("<td>2026-10</td>")
			.contains("<td class=\"text-danger fw-semibold\">3</td>")
			.doesNotContain("<script>").doesNotContain("<b>");
	}

	@Test
	void aLineWithoutABillOrArrearsShowsDashesAndNoTickBox() {
		var paid = new DuesRoll.RollLine(1, "李四", 7, "一支部", DuesCategory.STUDENT, null, new BigDecimal("10.00"), DuesBilling.State.PAID,
				YearMonth.of(2026, 12), 0);
		var none = new DuesRoll.RollLine(2, "王五", 7, "一支部", null, null, null, null, null, 1);
		String html = DuesRollRows.html(List.of(paid, none), STATES, BADGES, "");
		assertThat(html).doesNotContain("checkbox")
			.contains("<span class=\"badge paid\">已交</span>")
			.contains("<span class=\"badge none\">无账单</span>")
			.contains("<td>—</td><td><span class=\"badge none\">")
			.contains("<td>—</td><td>1</td>")
			.contains("<td></td></tr>")
			.contains("<a href=\"/dues/members/2\">王五</a>");
		assertThat(html.split("<tr>", -1)).hasSize(3);
	}
}
