package cn.partybuilding.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.partybuilding.PlatformTest;

/** The demo's 宣传: items in every state through the rules, their history, readings of notices, the portal filled. */
class ContentDemoTest extends PlatformTest {

	String state(String title) {
		return jdbc.sql("select state from content_item where coalesce(title, '') = ? or id in "
				+ "(select item_id from content_version where title = ?) order by id limit 1").params(title, title)
			.query(String.class).single();
	}

	@Test
	void theDemoHasItemsInEveryStateWithTheirHistory() {
		assertThat(state("校党委理论学习中心组开展专题学习")).isEqualTo("PUBLISHED");
		assertThat(state("学校举行秋季学期党员发展工作培训会")).isEqualTo("WITHDRAWN");
		assertThat(state("教工第一党支部开展师德师风专题学习")).isEqualTo("IN_REVIEW");
		assertThat(state("教工第一党支部召开发展对象推荐会")).isEqualTo("IN_REVIEW");
		assertThat(state("机械工程学院教工党支部开展廉政教育")).isEqualTo("RETURNED");
		assertThat(state("计算机学院召开学生党员座谈会")).isEqualTo("REJECTED");
		assertThat(state("关于开展新年主题党日活动的通知")).isEqualTo("SCHEDULED");
		assertThat(state("学生公寓宣传栏清理情况通报")).isEqualTo("DRAFT");
		// the committee's word list, whose BLOCK words the blocked draft carries
		assertThat(jdbc.sql("select count(*) from content_word where word in ('网络赌博', '代写论文', '刷单返利', '内部资料', '小道消息')")
			.query(Long.class).single()).isEqualTo(5);
		// the columns, a year of dates, the history of a branch's item through both steps
		assertThat(jdbc.sql("select count(*) from content_column where name in ('两学一做', '党史学习教育', '先锋模范')")
			.query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select min(published_at) < now() - interval '300 days' from content_item")
			.query(Boolean.class).single()).isTrue();
		List<String> history = jdbc.sql("""
				select r.action from content_review r join content_item i on i.id = r.item_id
				where i.title = '教工第一党支部召开专题组织生活会' order by r.id""").query(String.class).list();
		assertThat(history).containsExactly("SUBMIT", "APPROVE", "APPROVE", "PUBLISH");
		assertThat(jdbc.sql("""
				select count(*) from content_review r join content_item i on i.id = r.item_id
				where i.state = 'RETURNED' and r.action = 'RETURN' and r.comment is not null""").query(Long.class).single())
			.isGreaterThanOrEqualTo(2);
		// features name their members; notices asking for it have been read by part of their audience
		assertThat(jdbc.sql("select count(*) from content_version where cardinality(featured) > 0").query(Long.class)
			.single()).isGreaterThanOrEqualTo(3);
		assertThat(jdbc.sql("""
				select count(distinct r.item_id) from content_read r join content_item i on i.id = r.item_id
				where i.read_receipt""").query(Long.class).single()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void thePortalShowsTheDemosPublicNewsAndNotTheRest() throws Exception {
		String portal = mvc.perform(get("/portal?kind=NEWS")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(portal).contains("校党委理论学习中心组开展专题学习").doesNotContain("学校举行秋季学期党员发展工作培训会")
			.doesNotContain("计算机学院开展“党建+专业”融合育人研讨");
	}
}
