package cn.partybuilding.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

/** The demo's year of 学习: materials of every kind, the committee's weekly outlines, real rates, member1's history. */
class LearningDemoTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private JsonNode read(RequestPostProcessor who, String url, Object... vars) throws Exception {
		return JSON.readTree(mvc.perform(get(url, vars).with(who)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
	}

	@Test
	void theArticlesAreWrittenForTheDemo() {
		var articles = LearningDemo.articles();
		assertThat(articles).hasSizeGreaterThanOrEqualTo(40);
		assertThat(articles).allSatisfy(a -> {
			assertThat(a.title()).isNotBlank().doesNotContain("|");
			assertThat(a.tags()).isNotEmpty();
			assertThat(a.html()).startsWith("<p>").hasSizeGreaterThan(100);
		});
		assertThat(articles.stream().map(a -> a.title()).distinct()).hasSameSizeAs(articles);
		assertThat(new String(LearningDemo.guidePdf(), 0, 5)).isEqualTo("%PDF-");
	}

	@Test
	void membersFindMaterialsOfEveryKindAndTheFilesAreServed() throws Exception {
		RequestPostProcessor member = login("member1");
		Set<String> kinds = new HashSet<>();
		for (JsonNode m : read(member, "/api/v1/learning/materials?size=100").get("content")) {
			kinds.add(m.get("kind").asText());
		}
		assertThat(kinds).contains("ARTICLE", "VIDEO", "AUDIO", "PDF", "LINK");
		long pdf = read(member, "/api/v1/learning/materials?kind=PDF&size=100").get("content").get(0).get("id").asLong();
		byte[] file = mvc.perform(get("/api/v1/learning/materials/{id}/file", pdf).with(member)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(file, 0, 5)).isEqualTo("%PDF-");
	}

	@Test
	void theCommitteesOutlinesOfTheYearShowRealRates() throws Exception {
		RequestPostProcessor admin = login("admin");
		long school = orgId("SFDX");
		List<JsonNode> committee = new java.util.ArrayList<>();
		read(admin, "/api/v1/learning/outlines").forEach(o -> {
			if (o.get("orgId").asLong() == school && o.get("title").asText().startsWith("第")) {
				committee.add(o);
			}
		});
		assertThat(committee).hasSizeBetween(38, 52);
		// an outline of two months ago, due long since
		LocalDate past = LocalDate.now(PlatformZone.ZONE).minusWeeks(9);
		JsonNode older = committee.stream().filter(o -> LocalDate.parse(o.get("dueOn").asText()).isBefore(past)).findFirst()
			.orElseThrow();
		JsonNode completion = read(admin, "/api/v1/learning/outlines/{id}/completion", older.get("id").asLong());
		int members = completion.get("members").asInt();
		int finished = completion.get("finished").asInt();
		int onTime = completion.get("onTime").asInt();
		assertThat(members).isGreaterThan(1500);
		assertThat((double) finished / members).isBetween(0.45, 0.9);
		assertThat(onTime).isLessThan(finished).isGreaterThan(finished * 8 / 10);
		assertThat(completion.get("rows").size()).isGreaterThan(5);
	}

	@Test
	void member1HasAYearOfStudyInTheChronicleAndThisWeeksOutlineOneMaterialShort() throws Exception {
		long account = jdbc.sql("select id from account where username = 'member1'").query(Long.class).single();
		long memberId = jdbc.sql("select id from member where account_id = ?").param(account).query(Long.class).single();
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'OUTLINE_FINISHED'")
				.param(memberId).query(Long.class).single()).isGreaterThan(35);
			assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'OUTLINE_FINISHED' and detail like '%逾期完成%'")
				.param(memberId).query(Long.class).single()).isEqualTo(3);
			assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'STUDY_FINISHED'")
				.param(memberId).query(Long.class).single()).isGreaterThan(40);
		});
		// the demo gave member1 a history (other tests add to it, never take it away)
		assertThat(jdbc.sql("select count(*) from learning_progress where account_id = ?").param(account)
			.query(Long.class).single()).isGreaterThan(40);
		JsonNode current = read(login("member1"), "/api/v1/me/outlines/current");
		JsonNode week = null;
		for (JsonNode o : current) {
			if (o.get("title").asText().startsWith("第")) {
				week = o;
			}
		}
		assertThat(week).isNotNull();
		assertThat(week.get("finished").asBoolean()).isFalse();
		assertThat(week.get("requiredLeft").asInt()).isEqualTo(1);
		JsonNode materials = week.get("materials");
		assertThat(materials.get(0).get("state").asText()).isEqualTo("FINISHED");
		assertThat(materials.get(2).get("kind").asText()).isEqualTo("VIDEO");
		assertThat(materials.get(2).get("state").asText()).isEqualTo("STUDYING");
		assertThat(jdbc.sql("select coalesce(sum(points), 0) from learning_points where account_id = ?").param(account)
			.query(Long.class).single()).isGreaterThan(100);
		// points per day never above the caps
		assertThat(jdbc.sql("""
				select count(*) from learning_points where (rule = 'ARTICLE_READ' and points > 6) or (rule = 'READING_TIME' and points > 8)
				or (rule = 'OUTLINE_ON_TIME' and points > 4)""").query(Long.class).single()).isZero();
	}
}
