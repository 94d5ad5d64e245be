package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

import cn.partybuilding.PlatformMessages;

/** The board's lines as it writes them: the next step, then late, possible later, possible now or waiting above. */
class BoardRowsTest {

	private final MessageSource messages = PlatformMessages.load();

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

	private final BoardRows rows = new BoardRows(messages, Locale.SIMPLIFIED_CHINESE, TODAY);

	private static DevelopmentPeople.PersonLine person(long id, String name, Integer next, String level, LocalDate possibleFrom,
			boolean overdue) {
		return new DevelopmentPeople.PersonLine(id, name, "2023<01>", Stage.APPLICANT, 3, "学院 & 支部", TODAY.minusMonths(2),
				TODAY.minusMonths(2), next, level, possibleFrom, overdue);
	}

	@Test
	void aLineEscapesWhatWasTypedAndSaysItsNextStep() {
		String html = rows.html(List.of(person(7, "<i>陈</i>", 2, "BRANCH", null, false)), "/ctx");
		assertThat(html).doesNotContain("<i>")
			.contains("href=\"/ctx/development/people/7\" data-person=\"7\"")
			.contains("<strong>&lt;i&gt;陈&lt;/i&gt;</strong>")
			.contains(">2023&lt;01&gt;</span>")
			.contains(">学院 &amp; 支部</span>")
			.contains("<span>下一步：第 2 步 党组织派人谈话</span>")
			.contains("<span class=\"text-success\">现可办理</span>");
	}

	@Test
	void lateBeforeLaterBeforeNowOrAbove() {
		assertThat(rows.html(List.of(person(1, "甲", 2, "BRANCH", TODAY.plusDays(3), true)), ""))
			.contains("<span class=\"badge text-bg-danger\">已逾期</span>").doesNotContain("可办理");
		assertThat(rows.html(List.of(person(2, "乙", 5, "BRANCH", TODAY.plusDays(3), false)), ""))
			.contains("<span class=\"text-secondary\">可办理自 2026-12-08</span>").doesNotContain("现可办理");
		assertThat(rows.html(List.of(person(3, "丙", 5, "HIGHER", TODAY, false)), ""))
			.contains("<span class=\"text-secondary\">待上级党委（党总支/二级党委）办理</span>");
		assertThat(rows.html(List.of(person(4, "丁", 25, "BRANCH", null, false)), ""))
			.contains("第 25 步 材料归档").doesNotContain("现可办理");
		assertThat(rows.html(List.of(person(5, "戊", null, null, null, false)), ""))
			.doesNotContain("下一步").doesNotContain("可办理").doesNotContain("待");
	}
}
