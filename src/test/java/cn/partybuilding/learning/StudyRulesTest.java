package cn.partybuilding.learning;

import cn.partybuilding.shared.RichText;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The study rules of DOMAIN.md (Study and points) that need no database, named after the rule. */
class StudyRulesTest {

	private final LearningRules rules = LearningRules.defaults();

	@Test
	void anArticleReadEarnsOnePointAndAtMostSixADay() {
		assertThat(rules.of(PointRule.ARTICLE_READ)).isEqualTo(new LearningRules.Points(1, 6, 0));
	}

	@Test
	void aVideoWatchedEarnsOnePointAndAtMostSixADay() {
		assertThat(rules.of(PointRule.VIDEO_WATCHED)).isEqualTo(new LearningRules.Points(1, 6, 0));
	}

	@Test
	void readingTimeEarnsOnePointPerFourMinutesAndAtMostEightADay() {
		assertThat(rules.of(PointRule.READING_TIME)).isEqualTo(new LearningRules.Points(1, 8, 240));
	}

	@Test
	void watchingTimeEarnsOnePointPerFiveMinutesAndAtMostTenADay() {
		assertThat(rules.of(PointRule.WATCHING_TIME)).isEqualTo(new LearningRules.Points(1, 10, 300));
	}

	@Test
	void confirmedVolunteerServiceEarnsOnePointAnHourAndAtMostFourADay() {
		assertThat(rules.of(PointRule.VOLUNTEER_SERVICE)).isEqualTo(new LearningRules.Points(1, 4, 3600));
	}

	@Test
	void thereIsNoPersonalRankingByDefault() {
		assertThat(rules.personalRanking()).isFalse();
	}

	@Test
	void anArticleIsFinishedOnlyAfterAnEffectiveReadingTimeThatGrowsWithItsLengthWithinBounds() {
		assertThat(rules.secondsToFinish(MaterialKind.ARTICLE, 100)).isEqualTo(60);
		assertThat(rules.secondsToFinish(MaterialKind.ARTICLE, 1500)).isEqualTo(180);
		assertThat(rules.secondsToFinish(MaterialKind.ARTICLE, 100_000)).isEqualTo(300);
		assertThat(rules.secondsToFinish(MaterialKind.PDF, 0)).isEqualTo(120);
	}

	@Test
	void aVideoIsFinishedWhenNineTenthsOfItWereReallyPlayed() {
		assertThat(rules.playedToFinish(30)).isEqualTo(27);
		assertThat(rules.playedToFinish(600)).isEqualTo(540);
	}

	@Test
	void seekingToTheEndIsNotWatching() {
		PlayedRanges played = PlayedRanges.parse("");
		assertThat(played.add(590, 600, 600, 100)).isEqualTo(10);
		assertThat(played.seconds()).isEqualTo(10);
	}

	@Test
	void aPartPlayedTwiceCountsOnce() {
		PlayedRanges played = PlayedRanges.parse("0-30");
		assertThat(played.add(10, 40, 600, 100)).isEqualTo(10);
		assertThat(played.add(0, 40, 600, 100)).isZero();
		assertThat(played.toString()).isEqualTo("0-40");
		played.add(100, 120, 600, 100);
		played.add(40, 100, 600, 100);
		assertThat(played.toString()).isEqualTo("0-120");
	}

	@Test
	void rangesAreClippedToTheMediaAndToTheTimeThatPassed() {
		PlayedRanges played = PlayedRanges.parse("");
		assertThat(played.add(-50, 5000, 600, 30)).isEqualTo(30);
		assertThat(played.toString()).isEqualTo("0-30");
		assertThat(played.add(550, 5000, 600, 1000)).isEqualTo(50);
	}

	@Test
	void theDurationOfAnMp4ComesFromItsMovieHeader() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/demo/learning/demo-clip.mp4")) {
			assertThat(MediaProbe.mp4(in, "video/mp4")).get()
				.isEqualTo(new MediaProbe.Media("video/mp4", 30));
		}
	}

	@Test
	void theDurationOfAnMp3ComesFromItsBitRate() throws IOException {
		byte[] mp3;
		try (InputStream in = getClass().getResourceAsStream("/demo/learning/demo-audio.mp3")) {
			mp3 = in.readAllBytes();
		}
		assertThat(MediaProbe.mp3(new ByteArrayInputStream(mp3), mp3.length).orElseThrow().durationSeconds())
			.isBetween(19, 21);
	}

	@Test
	void aFileThatOnlyCallsItselfAVideoIsNone() throws IOException {
		byte[] script = "<script>alert(1)</script>".repeat(100).getBytes();
		assertThat(MediaProbe.mp4(new ByteArrayInputStream(script), "video/mp4")).isEmpty();
		assertThat(MediaProbe.mp3(new ByteArrayInputStream(script), script.length)).isEmpty();
		assertThat(MediaProbe.mp4(new ByteArrayInputStream(new byte[3]), "video/mp4")).isEmpty();
	}

	@Test
	void noScriptOrEventHandlerSurvivesTheArticleSanitiser() {
		String html = RichText.sanitise("""
				<p onclick="alert(1)" style="color:red">党章<script>alert(1)</script></p>
				<img src=x onerror=alert(1)><img src="javascript:alert(1)"><img src="data:image/png;base64,AAAA">
				<a href="javascript:alert(1)">坏链接</a><a href="https://www.12371.cn/">共产党员网</a>
				<iframe src="https://evil.example"></iframe><svg onload=alert(1)></svg><style>body{}</style>
				<table><tr><td colspan="2">表格</td></tr></table><img src="https://img.example/a.png" alt="图">""");
		assertThat(html).doesNotContainIgnoringCase("script").doesNotContainIgnoringCase("onerror")
			.doesNotContainIgnoringCase("onclick").doesNotContainIgnoringCase("javascript:")
			.doesNotContainIgnoringCase("data:").doesNotContainIgnoringCase("iframe")
			.doesNotContainIgnoringCase("onload").doesNotContainIgnoringCase("<style");
		assertThat(html).contains("党章", "https://www.12371.cn/", "<table>", "colspan=\"2\"", "https://img.example/a.png");
		assertThat(RichText.text(html)).contains("党章").doesNotContain("<");
	}

	@Test
	void anIsoWeekIsReadAndWritten() {
		assertThat(StudyOutlines.monday("2026-W49")).isEqualTo(LocalDate.of(2026, 11, 30));
		assertThat(StudyPoints.isoWeek(LocalDate.of(2026, 12, 1))).isEqualTo("2026-W49");
		assertThat(StudyPoints.isoWeek(LocalDate.of(2027, 1, 1))).isEqualTo("2026-W53");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> StudyOutlines.monday("2026-W54"))
			.isInstanceOf(IllegalArgumentException.class);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> StudyOutlines.monday("2026-49"))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
