package cn.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/**
 * {@code /assessment/review} a page at a time (issue 23, fourth round): the ranking's order and its rank numbers run
 * on across pages exactly as the whole ranking ({@code GET /api/v1/assessment/scores}) has them; a page past the last
 * shows the last; what the caller may do on each row is decided as before (the level above reviews, the committee
 * approves). (The same properties as the compliance paging test: one test context for both.)
 */
@TestPropertySource(properties = { "party.orglife.compliance.page-size=5", "party.assessment.review.page-size=5",
		"party.assessment.ranking.page-size=5" })
class ReviewPageAtATimeTest extends PlatformTest {

	/** A row: its organisation, then (after the committee's tick box, if any) its rank. */
	private static final Pattern ROW = Pattern.compile("data-org=\"(\\d+)\">.*?<td>(\\d+)</td>", Pattern.DOTALL);

	@Test
	void thePagesTogetherAreTheWholeRankingWithItsRanks() throws Exception {
		pagesAreTheWholeRanking("/assessment/review", ROW, "review-next");
	}

	private static final Pattern RANKING_ROW = Pattern.compile("data-org=\"(\\d+)\">\\s*<td class=\"text-end\">(\\d+)</td>");

	private static final Pattern STAR_SUMMARY = Pattern.compile("<p class=\"small text-secondary\" id=\"star-summary\">.*?</p>", Pattern.DOTALL);

	@Test
	void theRankingPageTooIsTheWholeRankingAPageAtATimeWithTheStarsCountedOverAll() throws Exception {
		List<String> summaries = pagesAreTheWholeRanking("/assessment", RANKING_ROW, "ranking-next").stream()
			.map(html -> STAR_SUMMARY.matcher(html).results().findFirst().orElseThrow().group())
			.toList();
		assertThat(summaries).as("the stars are counted over the whole ranking on every page").containsOnly(summaries.get(0));
	}

	/**
	 * Reads {@code page} a page of 5 at a time as the administrator and checks that its rows (organisation#rank) are the
	 * whole ranking in order, that only the last page lacks the next link, and that a page past the last shows the
	 * last; returns the pages' HTML.
	 */
	private List<String> pagesAreTheWholeRanking(String page, Pattern row, String nextLinkId) throws Exception {
		RequestPostProcessor admin = login("admin");
		List<String> whole = new ArrayList<>();
		new ObjectMapper().readTree(mvc.perform(get("/api/v1/assessment/scores").with(admin)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).forEach(s -> whole.add(s.get("orgId").asLong() + "#" + s.get("rank").asInt()));
		assertThat(whole).hasSizeGreaterThan(10);

		List<String> paged = new ArrayList<>();
		List<String> htmls = new ArrayList<>();
		int pages = (whole.size() + 4) / 5;
		for (int n = 0; n < pages; n++) {
			String html = mvc.perform(get(page).param("page", Integer.toString(n)).with(admin))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			List<String> rows = matches(row, html);
			assertThat(rows).hasSizeBetween(1, 5);
			assertThat(html.contains("id=\"" + nextLinkId + "\"")).isEqualTo(n + 1 < pages);
			paged.addAll(rows);
			htmls.add(html);
		}
		assertThat(paged).containsExactlyElementsOf(whole);
		String past = mvc.perform(get(page).param("page", "9999").with(admin)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(matches(row, past)).as("past the last page: the last page").containsExactlyElementsOf(whole.subList((pages - 1) * 5, whole.size()));
		return htmls;
	}

	@Test
	void eachRowOffersWhatTheCallersLevelMayDo() throws Exception {
		long college = orgId("SFDX-JSJ");
		for (String who : List.of("admin", "college1")) {
			RequestPostProcessor caller = login(who);
			java.util.Map<Long, String> stages = new java.util.HashMap<>();
			new ObjectMapper().readTree(mvc.perform(get("/api/v1/assessment/scores").with(caller)).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString()).forEach(s -> stages.put(s.get("orgId").asLong(), s.get("stage").asText()));
			int checked = 0;
			for (int page = 0; page * 5 < stages.size(); page++) {
				String html = mvc.perform(get("/assessment/review").param("page", Integer.toString(page)).with(caller))
					.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
				for (String row : rows(html)) {
					long org = Long.parseLong(row.substring(0, row.indexOf('#')));
					String stage = stages.get(org);
					// the level above reviews a live organisation (the committee everything below it, a general branch its
					// branches but not itself); only the committee approves a reviewed one
					boolean reviews = "LIVE".equals(stage) && !(who.equals("college1") && org == college);
					boolean approves = "REVIEWED".equals(stage) && who.equals("admin");
					assertThat(html.contains("action=\"/assessment/review/" + org + "\"")).as(who + " reviews " + org).isEqualTo(reviews);
					assertThat(html.contains("action=\"/assessment/review/" + org + "/approve\"")).as(who + " approves " + org)
						.isEqualTo(approves);
					checked++;
				}
			}
			assertThat(checked).as(who).isEqualTo(stages.size());
		}
	}

	private static List<String> rows(String html) {
		return matches(ROW, html);
	}

	private static List<String> matches(Pattern row, String html) {
		List<String> rows = new ArrayList<>();
		Matcher m = row.matcher(html);
		while (m.find()) {
			rows.add(m.group(1) + "#" + m.group(2));
		}
		return rows;
	}
}
