package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/**
 * Issue 18's contract: drafts, review level by level up the tree (DOMAIN.md: branch submits, committee approves),
 * return with comments, versions, an edit after approval back to review, scheduled publication, withdrawal, scope.
 */
class ContentReviewTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	ContentItems items;

	private RequestPostProcessor branch;

	private RequestPostProcessor college;

	private RequestPostProcessor admin;

	@BeforeEach
	void signIn() throws Exception {
		branch = login("branch1");
		college = login("college1");
		admin = login("admin");
	}

	private ResultActions send(MockHttpServletRequestBuilder request, Object body, RequestPostProcessor who) throws Exception {
		return mvc.perform(request.with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body)));
	}

	private static JsonNode json(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private Map<String, Object> news(String title, String audience) {
		Map<String, Object> body = new HashMap<>();
		body.put("kind", "NEWS");
		body.put("title", title);
		body.put("body", "<p>计算机学院第一党支部开展<strong>主题党日</strong>活动。</p>");
		body.put("orgId", orgId("SFDX-JSJ-01"));
		body.put("audience", audience);
		return body;
	}

	private long draft(Map<String, Object> body) throws Exception {
		JsonNode created = json(send(post("/api/v1/content/items"), body, branch).andExpect(status().isCreated()));
		assertThat(created.get("state").asText()).isEqualTo("DRAFT");
		return created.get("id").asLong();
	}

	private String state(long id, String action, Object body, RequestPostProcessor who) throws Exception {
		return json(send(post("/api/v1/content/items/" + id + "/" + action), body, who).andExpect(status().isOk()))
			.get("state").asText();
	}

	private long published(String title, String audience) throws Exception {
		long id = draft(news(title, audience));
		assertThat(state(id, "submit", Map.of(), branch)).isEqualTo("IN_REVIEW");
		assertThat(state(id, "review", Map.of("decision", "APPROVE"), college)).isEqualTo("IN_REVIEW");
		assertThat(state(id, "review", Map.of("decision", "APPROVE"), admin)).isEqualTo("PUBLISHED");
		return id;
	}

	@Test
	void aBranchItemIsReviewedByItsGeneralBranchThenTheCommitteeBeforeReadersSeeIt() throws Exception {
		long id = draft(news(unique("支部动态"), "SCHOOL"));
		mvc.perform(get("/news/" + id).with(login("member1"))).andExpect(status().isNotFound());
		assertThat(state(id, "submit", Map.of(), branch)).isEqualTo("IN_REVIEW");
		JsonNode view = json(mvc.perform(get("/api/v1/content/items/" + id).with(branch)));
		assertThat(view.get("reviewChain")).hasSize(2);
		assertThat(view.get("reviewChainNames").get(0).asText()).contains("计算机");
		assertThat(json(mvc.perform(get("/api/v1/content/review").with(college))).toString()).contains("\"id\":" + id + ",");
		// the author does not review, the committee does not jump the general branch's step
		send(post("/api/v1/content/items/" + id + "/review"), Map.of("decision", "APPROVE"), branch).andExpect(status().isForbidden());
		send(post("/api/v1/content/items/" + id + "/review"), Map.of("decision", "APPROVE"), admin).andExpect(status().isForbidden());
		assertThat(state(id, "review", Map.of("decision", "APPROVE"), college)).isEqualTo("IN_REVIEW");
		mvc.perform(get("/news/" + id).with(login("member1"))).andExpect(status().isNotFound());
		assertThat(state(id, "review", Map.of("decision", "APPROVE", "comment", "同意发布"), admin)).isEqualTo("PUBLISHED");
		mvc.perform(get("/news/" + id).with(login("member2"))).andExpect(status().isOk());
		assertThat(json(mvc.perform(get("/api/v1/content/items/" + id).with(branch))).get("history")).extracting(h -> h.get("action").asText())
			.containsExactly("SUBMIT", "APPROVE", "APPROVE", "PUBLISH");
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				select count(*) from notification n join account a on a.id = n.account_id
				where a.username = 'branch1' and n.link = ?""").param("/content/items/" + id).query(Long.class).single() > 0);
	}

	@Test
	void aReturnedItemComesBackWithTheCommentsAndEveryVersionIsKept() throws Exception {
		long id = draft(news(unique("待修改"), "SUBTREE"));
		state(id, "submit", Map.of(), branch);
		JsonNode noComment = json(send(post("/api/v1/content/items/" + id + "/review"), Map.of("decision", "RETURN"), college)
			.andExpect(status().isBadRequest()));
		assertThat(noComment.get("errors").get(0).get("field").asText()).isEqualTo("comment");
		assertThat(state(id, "review", Map.of("decision", "RETURN", "comment", "请补充活动照片"), college)).isEqualTo("RETURNED");
		send(post("/api/v1/content/items/" + id + "/submit"), Map.of(), branch).andExpect(status().isConflict());
		Map<String, Object> changed = news("已按意见修改", "SUBTREE");
		assertThat(json(send(put("/api/v1/content/items/" + id), changed, branch).andExpect(status().isOk())).get("state").asText())
			.isEqualTo("DRAFT");
		assertThat(state(id, "submit", Map.of(), branch)).isEqualTo("IN_REVIEW");
		send(put("/api/v1/content/items/" + id), changed, branch).andExpect(status().isConflict());
		JsonNode versions = json(mvc.perform(get("/api/v1/content/items/" + id + "/versions").with(branch)));
		assertThat(versions).hasSize(2);
		assertThat(versions.get(1).get("body").asText()).contains("主题党日");
		String page = mvc.perform(get("/content/items/" + id).with(branch)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("请补充活动照片", "review-comments");
	}

	@Test
	void anEditAfterApprovalGoesBackToReviewWhileReadersKeepTheApprovedText() throws Exception {
		String title = unique("原标题");
		long id = published(title, "SCHOOL");
		Map<String, Object> edit = news(unique("新标题"), "SCHOOL");
		assertThat(json(send(put("/api/v1/content/items/" + id), edit, branch)).get("state").asText()).isEqualTo("DRAFT");
		RequestPostProcessor reader = login("member1");
		assertThat(mvc.perform(get("/news/" + id).with(reader)).andReturn().getResponse().getContentAsString()).contains(title);
		state(id, "submit", Map.of(), branch);
		state(id, "review", Map.of("decision", "APPROVE"), college);
		assertThat(mvc.perform(get("/news/" + id).with(reader)).andReturn().getResponse().getContentAsString()).contains(title);
		state(id, "review", Map.of("decision", "APPROVE"), admin);
		assertThat(mvc.perform(get("/news/" + id).with(reader)).andReturn().getResponse().getContentAsString())
			.contains((String) edit.get("title")).doesNotContain(title);
	}

	@Test
	void withdrawalTakesAnItemAwayFromReadersAtOnceWithItsReasonAndTellsTheAuthor() throws Exception {
		long id = published(unique("将撤回"), "SCHOOL");
		send(post("/api/v1/content/items/" + id + "/withdraw"), Map.of("reason", "内容有误"), branch).andExpect(status().isForbidden());
		assertThat(json(send(post("/api/v1/content/items/" + id + "/withdraw"), Map.of(), college).andExpect(status().isBadRequest()))
			.get("errors").get(0).get("field").asText()).isEqualTo("reason");
		assertThat(state(id, "withdraw", Map.of("reason", "数据有误，待核实"), college)).isEqualTo("WITHDRAWN");
		mvc.perform(get("/news/" + id).with(login("member1"))).andExpect(status().isNotFound());
		assertThat(json(mvc.perform(get("/api/v1/content/items/" + id).with(admin))).get("withdrawnReason").asText()).isEqualTo("数据有误，待核实");
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				select count(*) from notification n join account a on a.id = n.account_id
				where a.username = 'branch1' and n.link = ? and n.body like '%数据有误%'""").param("/content/items/" + id)
			.query(Long.class).single() > 0);
		send(post("/api/v1/content/items/" + id + "/withdraw"), Map.of("reason", "再撤一次"), college).andExpect(status().isConflict());
	}

	@Test
	void aScheduledItemWaitsForItsTime() throws Exception {
		Map<String, Object> body = news(unique("定时"), "SCHOOL");
		body.put("publishAt", "2099-01-01T08:00");
		long id = draft(body);
		state(id, "submit", Map.of(), branch);
		state(id, "review", Map.of("decision", "APPROVE"), college);
		// the committee's step taken by its 宣传 reviewer
		assertThat(state(id, "review", Map.of("decision", "APPROVE"), login("reviewer"))).isEqualTo("SCHEDULED");
		mvc.perform(get("/news/" + id).with(login("member1"))).andExpect(status().isNotFound());
		jdbc.sql("update content_version set publish_at = now() - interval '1 minute' where item_id = ?").param(id).update();
		items.publishDue();
		mvc.perform(get("/news/" + id).with(login("member1"))).andExpect(status().isOk());
	}

	@Test
	void outOfScopeIsNotFoundAndAudited() throws Exception {
		long id = draft(news(unique("范围"), "SUBTREE"));
		RequestPostProcessor other = login("branch2");
		long before = auditCount("access.denied", "branch2");
		mvc.perform(get("/api/v1/content/items/" + id).with(other)).andExpect(status().isNotFound());
		send(put("/api/v1/content/items/" + id), news("改", "SUBTREE"), other).andExpect(status().isNotFound());
		send(post("/api/v1/content/items/" + id + "/submit"), Map.of(), other).andExpect(status().isNotFound());
		mvc.perform(get("/content/items/" + id).with(other)).andExpect(status().isNotFound());
		assertThat(auditCount("access.denied", "branch2")).isGreaterThan(before);
		Map<String, Object> foreign = news("别人的支部", "SUBTREE");
		foreign.put("orgId", orgId("SFDX-JSJ-01"));
		send(post("/api/v1/content/items"), foreign, other).andExpect(status().isNotFound());
		assertThat(json(mvc.perform(get("/api/v1/content/items?q=范围").with(other))).get("content").toString()).doesNotContain("\"id\":" + id + ",");
		// a subtree item is for its subtree's readers only
		state(id, "submit", Map.of(), branch);
		state(id, "review", Map.of("decision", "APPROVE"), college);
		state(id, "review", Map.of("decision", "APPROVE"), admin);
		mvc.perform(get("/news/" + id).with(login("member1"))).andExpect(status().isOk());
		mvc.perform(get("/news/" + id).with(login("member2"))).andExpect(status().isNotFound());
	}

	@Test
	void badInputIsReportedByFieldAndNothingIsSaved() throws Exception {
		Map<String, Object> body = news("", "EVERYONE");
		body.put("body", "<script>alert(1)</script>");
		body.put("kind", "POEM");
		JsonNode errors = json(send(post("/api/v1/content/items"), body, branch).andExpect(status().isBadRequest())).get("errors");
		assertThat(errors).extracting(e -> e.get("field").asText()).contains("kind", "title", "body", "audience");
		send(post("/api/v1/content/items"), news("x", "SCHOOL"), login("member1")).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/content/items").with(branch).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(news("无令牌", "SCHOOL")))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/content/items")).andExpect(status().isUnauthorized());
		assertThat(jdbc.sql("select count(*) from content_version where title = '无令牌'").query(Long.class).single()).isZero();
	}

	@Test
	void aNoticeCountsItsReadersPerBranchWhenTheyOpenIt() throws Exception {
		Map<String, Object> body = news(unique("通知"), "SUBTREE");
		body.put("kind", "NOTICE");
		body.put("readReceipt", true);
		long id = draft(body);
		state(id, "submit", Map.of(), branch);
		state(id, "review", Map.of("decision", "APPROVE"), college);
		state(id, "review", Map.of("decision", "APPROVE"), admin);
		mvc.perform(get("/news/" + id).with(login("member1"))).andExpect(status().isOk());
		mvc.perform(get("/news/" + id).with(login("member1"))).andExpect(status().isOk());
		String page = mvc.perform(get("/content/items/" + id).with(branch)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("read-rates");
		assertThat(jdbc.sql("select count(*) from content_read where item_id = ?").param(id).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aFeaturedMemberGetsARecordEntryWhenTheStoryIsPublished() throws Exception {
		long member = jdbc.sql("""
				select m.id from member m join account a on a.id = m.account_id where a.username = 'member1'""")
			.query(Long.class).single();
		Map<String, Object> body = news(unique("优秀党员"), "PUBLIC");
		body.put("kind", "FEATURE");
		body.put("featuredMemberIds", List.of(member));
		long id = draft(body);
		state(id, "submit", Map.of(), branch);
		state(id, "review", Map.of("decision", "APPROVE"), college);
		state(id, "review", Map.of("decision", "APPROVE"), admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				select count(*) from record_entry where member_id = ? and kind = 'FEATURED' and source_id = ?""")
			.param(member).param(Long.toString(id)).query(Long.class).single() == 1);
	}

	@Test
	void readersCommentWithTheirNameAndDeleteOnlyTheirOwn() throws Exception {
		long id = published(unique("评论"), "SCHOOL");
		RequestPostProcessor reader = login("member1");
		mvc.perform(post("/news/" + id + "/comments").with(csrf()).with(reader).param("body", "学习了，很受教育"))
			.andExpect(status().is3xxRedirection());
		long comment = jdbc.sql("select id from content_comment where item_id = ?").param(id).query(Long.class).single();
		assertThat(mvc.perform(get("/news/" + id).with(login("member2"))).andReturn().getResponse().getContentAsString())
			.contains("学习了，很受教育", "赵红梅");
		mvc.perform(post("/news/" + id + "/comments/" + comment + "/delete").with(csrf()).with(login("member2")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/news/" + id + "/comments/" + comment + "/delete").with(csrf()).with(reader))
			.andExpect(status().is3xxRedirection());
		assertThat(mvc.perform(get("/news/" + id).with(reader)).andReturn().getResponse().getContentAsString())
			.doesNotContain("学习了，很受教育");
	}

	@Test
	void aTwoCharacterWordFindsTheArticlesTheReaderMayReadAndNothingWithdrawn() throws Exception {
		String word = "晨读";
		Map<String, Object> body = news(unique("搜索"), "SUBTREE");
		body.put("body", "<p>支部组织" + word + "活动，学习党章。</p>");
		long id = draft(body);
		state(id, "submit", Map.of(), branch);
		state(id, "review", Map.of("decision", "APPROVE"), college);
		state(id, "review", Map.of("decision", "APPROVE"), admin);
		assertThat(mvc.perform(get("/news").param("q", word).with(login("member1"))).andReturn().getResponse()
			.getContentAsString()).contains("data-item=\"" + id + "\"");
		assertThat(mvc.perform(get("/news").param("q", word).with(login("member2"))).andReturn().getResponse()
			.getContentAsString()).doesNotContain("data-item=\"" + id + "\"");
		assertThat(json(mvc.perform(get("/api/v1/content/items").param("q", word).with(college))).get("content").toString())
			.contains("\"id\":" + id + ",");
		state(id, "withdraw", Map.of("reason", "重复发布"), admin);
		assertThat(mvc.perform(get("/news").param("q", word).with(login("member1"))).andReturn().getResponse()
			.getContentAsString()).doesNotContain("data-item=\"" + id + "\"");
	}

	@Test
	void aPastedBodyKeepsItsFormattingLosesWhatRunsAndSaysWhichImagesItDropped() throws Exception {
		Map<String, Object> body = news(unique("粘贴"), "SCHOOL");
		body.put("body", "<p style=\"text-align:center\"><b>加粗</b><img src=\"https://tracker.example/x.gif\" onerror=\"alert(1)\">"
				+ "<a href=\"javascript:alert(2)\">链接</a></p><script>alert(3)</script>");
		JsonNode saved = json(send(post("/api/v1/content/items"), body, branch).andExpect(status().isCreated()));
		assertThat(saved.get("warnings")).hasSize(1);
		String stored = jdbc.sql("select body from content_version where item_id = ?").param(saved.get("id").asLong())
			.query(String.class).single();
		assertThat(stored).contains("<b>加粗</b>", "text-align").doesNotContain("script", "onerror", "javascript:", "tracker");
	}

	private String word(String action) throws Exception {
		// a word of its own for this run, in letters
		StringBuilder letters = new StringBuilder();
		unique("").chars().limit(6).forEach(c -> letters.append((char) ('a' + Character.digit(c, 16))));
		String word = "筛查" + letters + "词";
		send(post("/api/v1/content/words"), Map.of("word", word, "action", action), admin).andExpect(status().isCreated());
		return word;
	}

	@Test
	void aBlockWordStopsSubmissionWithTheWordsShownAndAReviewWordGoesToTheReviewer() throws Exception {
		String blocked = word("BLOCK");
		String flagged = word("REVIEW");
		// written with the tricks that dodge lists: spaces, punctuation, full-width letters
		String dodged = String.join(" ", blocked.split("")).replace("查", "查．");
		Map<String, Object> body = news(unique("标题") + dodged, "SCHOOL");
		body.put("body", "<p>正文提到" + flagged + "。</p>");
		long id = draft(body);
		JsonNode refused = json(send(post("/api/v1/content/items/" + id + "/submit"), Map.of(), branch).andExpect(status().isBadRequest()));
		assertThat(refused.get("message").asText()).contains(blocked);
		assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("title");
		assertThat(refused.get("errors").get(0).get("words").get(0).asText()).isEqualTo(blocked);
		assertThat(json(mvc.perform(get("/api/v1/content/items/" + id).with(branch))).get("state").asText()).isEqualTo("DRAFT");
		assertThat(mvc.perform(get("/content/items/" + id).with(branch)).andReturn().getResponse().getContentAsString())
			.contains("screen-block", "screen-review");
		body.put("title", unique("已改"));
		send(put("/api/v1/content/items/" + id), body, branch).andExpect(status().isOk());
		assertThat(state(id, "submit", Map.of(), branch)).isEqualTo("IN_REVIEW");
		JsonNode view = json(mvc.perform(get("/api/v1/content/items/" + id).with(college)));
		assertThat(view.get("working").get("flagged").toString()).contains(flagged);
		// comments pass the same screen
		long live = published(unique("评论筛查"), "SCHOOL");
		RequestPostProcessor reader = login("member1");
		mvc.perform(post("/news/" + live + "/comments").with(csrf()).with(reader).param("body", "这是" + blocked))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/news/" + live + "/comments").with(csrf()).with(reader).param("body", "说说" + flagged))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select state from content_comment where item_id = ? order by id").param(live).query(String.class).list())
			.containsExactly("PENDING");
	}
}
