package cn.partybuilding.orglife;

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
 * The compliance page a page of branches at a time (issue 23, fourth round): above
 * {@code party.orglife.compliance.page-size} branches the page lists them in the order of their codes with 下一页,
 * and following it lists every branch of the report once, in the API's order; at or below it, every branch sorted as
 * asked, as before. (The same properties as the review's paging test: one test context for both.)
 */
@TestPropertySource(properties = { "party.orglife.compliance.page-size=5", "party.assessment.review.page-size=5",
		"party.assessment.ranking.page-size=5" })
class CompliancePageAtATimeTest extends PlatformTest {

	private static final Pattern BRANCH = Pattern.compile("href=\"/orglife/year\\?orgId=(\\d+)\"");

	private static final Pattern NEXT = Pattern.compile("id=\"compliance-next\" href=\"([^\"]+)\"");

	@Test
	void aboveThePageSizeTheBranchesComeAPageAtATimeAndFollowingNextListsEachOnceInTheApisOrder() throws Exception {
		RequestPostProcessor admin = login("admin");
		String sfdx = Long.toString(orgId("SFDX"));
		List<Long> api = new ArrayList<>();
		new ObjectMapper().readTree(mvc.perform(get("/api/v1/orglife/compliance").param("orgId", sfdx).param("period", "2024-Q4")
			.with(admin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("branches")
			.forEach(b -> api.add(b.get("orgId").asLong()));
		assertThat(api).hasSizeGreaterThan(10);

		List<Long> paged = new ArrayList<>();
		String url = "/orglife/compliance?orgId=" + sfdx + "&period=2024-Q4&groupBy=branch";
		int pages = 0;
		while (url != null) {
			String html = mvc.perform(get(url).with(admin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			List<Long> rows = ids(html);
			assertThat(rows).hasSizeLessThanOrEqualTo(5).isNotEmpty();
			assertThat(html).contains("id=\"compliance-paged\"");
			assertThat(html.contains("id=\"compliance-first\"")).isEqualTo(pages > 0);
			paged.addAll(rows);
			Matcher next = NEXT.matcher(html);
			url = next.find() ? next.group(1).replace("&amp;", "&") : null;
			pages++;
			assertThat(pages).isLessThan(100);
		}
		assertThat(paged).containsExactlyElementsOf(api);
		assertThat(pages).isEqualTo((api.size() + 4) / 5);
	}

	@Test
	void atOrBelowThePageSizeEveryBranchAsBeforeWithoutPages() throws Exception {
		long branch = orgId("SFDX-JSJ-01");
		String page = mvc.perform(get("/orglife/compliance").param("orgId", Long.toString(branch)).param("period", "2024-Q4")
			.param("sort", "name").with(login("admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).doesNotContain("compliance-paged").doesNotContain("compliance-next").contains("sort=rate");
		assertThat(ids(page)).containsExactly(branch);
	}

	private static List<Long> ids(String html) {
		List<Long> ids = new ArrayList<>();
		Matcher m = BRANCH.matcher(html);
		while (m.find()) {
			ids.add(Long.valueOf(m.group(1)));
		}
		return ids;
	}
}
