package cn.partybuilding.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

import cn.partybuilding.PlatformMessages;

/** The member list's rows as its page writes them: every text escaped, the labels in the reader's language. */
class MemberRowsTest {

	private final MessageSource messages = PlatformMessages.load();

	private static MemberView member(long id, String name, MemberStatus status, Integer partyYears, boolean overdue,
			boolean late, String phone) {
		return new MemberView(id, name, Gender.FEMALE, "汉族", "1990-01", null, null, Education.MASTER, Category.STUDENT,
				"S<001>", phone, 9, "学院 › \"一支部\"", status, LocalDate.of(2020, 7, 1), null, 2027, 0, partyYears, overdue,
				false, late);
	}

	@Test
	void textsFromTheDatabaseCannotLeaveTheirCells() {
		String html = new MemberRows(messages, Locale.SIMPLIFIED_CHINESE)
			.html(List.of(member(7, "<script>alert(1)</script>&", MemberStatus.FULL, 6, false, false, "138****0000")), "/ctx");
		assertThat(html).doesNotContain("<script>")
			.contains("<a href=\"/ctx/members/7\">&lt;script&gt;alert(1)&lt;/script&gt;&amp;</a>")
			.contains("<td>S&lt;001&gt;</td>")
			.contains(">学院 › &quot;一支部&quot;</td>")
			.contains("<span class=\"badge text-bg-danger\">正式党员</span></td>")
			.contains("party-years\">6 年</td>")
			.contains("2020-07-01")
			.contains("138****0000")
			.doesNotContain("probation-overdue").doesNotContain("late-conversion");
	}

	@Test
	void aProbationaryMemberOverdueShowsBothBadgesAndNoPartyYears() {
		String html = new MemberRows(messages, Locale.SIMPLIFIED_CHINESE)
			.html(List.of(member(8, "钱某", MemberStatus.PROBATIONARY, null, true, true, null)), "");
		assertThat(html).contains("<a href=\"/members/8\">钱某</a>")
			.contains("<span class=\"badge text-bg-warning\">预备党员</span>")
			.contains("class=\"badge text-bg-dark probation-overdue\" title=\"入党已超过两年仍为预备党员")
			.contains(">预备期超期</span>")
			.contains("class=\"badge text-bg-light border late-conversion\"")
			.contains("party-years\">—</td>")
			.contains("d-none d-xl-table-cell\"></td>");
	}

	@Test
	void labelsFollowTheReadersLanguage() {
		String html = new MemberRows(messages, Locale.ENGLISH).html(List.of(member(9, "Li", MemberStatus.FULL, 1, false, false, null)), "");
		assertThat(html).doesNotContain("正式党员");
	}
}
