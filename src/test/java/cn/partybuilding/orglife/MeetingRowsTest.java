package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

import cn.partybuilding.PlatformMessages;

/** The meetings page's rows as it writes them: Beijing time, the type's label, every text escaped. */
class MeetingRowsTest {

	private final MessageSource messages = PlatformMessages.load();

	private static MeetingPlanner.MeetingView meeting(long id, String topic, boolean recordedAfter) {
		return new MeetingPlanner.MeetingView(id, 3, "学院 › <一支部>", MeetingType.THEME_DAY, topic,
				Instant.parse("2026-06-30T16:30:00Z"), null, null, null, null, recordedAfter, 27);
	}

	@Test
	void aRowShowsBeijingTimeAndEscapesWhatWasTyped() {
		String html = new MeetingRows(messages, Locale.SIMPLIFIED_CHINESE)
			.html(List.of(meeting(5, "\"><script>alert(1)</script>", false)), "/ctx");
		assertThat(html).doesNotContain("<script>")
			.contains("<td class=\"text-nowrap\">2026-07-01 00:30</td>")
			.contains("<span>主题党日</span></td>")
			.contains("<a href=\"/ctx/meetings/5\">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>")
			.contains(">学院 › &lt;一支部&gt;</td>")
			.contains(">27</td>")
			.doesNotContain("补录");
	}

	@Test
	void aMeetingRecordedAfterwardsCarriesItsBadge() {
		assertThat(new MeetingRows(messages, Locale.SIMPLIFIED_CHINESE).html(List.of(meeting(6, "党课", true)), ""))
			.contains("<span class=\"badge text-bg-secondary\">补录</span></td>")
			.contains("<a href=\"/meetings/6\">党课</a>");
	}
}
