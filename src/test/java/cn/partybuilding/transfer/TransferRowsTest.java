package cn.partybuilding.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

import cn.partybuilding.PlatformMessages;

/** The transfers page's items and rows as it writes them: the step (else the state), the Beijing day, texts escaped. */
class TransferRowsTest {

	private final MessageSource messages = PlatformMessages.load();

	private final TransferRows rows = new TransferRows(messages, Locale.SIMPLIFIED_CHINESE, "/ctx");

	private static TransferView transfer(long id, TransferState state, Stage stage, String name) {
		return new TransferView(id, 4L, name, TransferKind.OUTGOING, state, stage, 1, "计算机学院 › 一支部", null,
				"<某单位>", null, null, true, "毕业 & 就业", "branch1", Instant.parse("2026-11-30T17:00:00Z"), null, null,
				List.of());
	}

	@Test
	void aWaitingItemSaysWhoAtWhichStepAndWhy() {
		assertThat(rows.waiting(List.of(transfer(3, TransferState.PENDING, Stage.COMMITTEE_ISSUE, "<b>李</b>"))))
			.contains("href=\"/ctx/transfers/3\"")
			.contains("<strong>&lt;b&gt;李&lt;/b&gt;</strong>")
			.contains("<span class=\"badge text-bg-warning\">党委开具介绍信</span>")
			.contains("<small>计算机学院 › 一支部 → &lt;某单位&gt; · 毕业 &amp; 就业</small>")
			.doesNotContain("<b>");
	}

	@Test
	void aRowShowsItsStepWhilePendingElseItsStateAndTheBeijingDay() {
		String table = rows.table(List.of(transfer(3, TransferState.PENDING, Stage.SENDING_BRANCH, "李"),
				transfer(4, TransferState.RECEIPTED, null, "王")));
		assertThat(table).contains("<td><a href=\"/ctx/transfers/3\">李</a></td>")
			.contains("<td>转出党支部审核</td>")
			.contains("<td>已转出（回执已收回）</td>")
			.contains("<td>计算机学院 › 一支部 → &lt;某单位&gt;</td>")
			.contains(">2026-12-01</td>");
	}
}
