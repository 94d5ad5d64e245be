package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.SubtreeFixtures;
import cn.partybuilding.shared.Figures;

/** The figure of items published: first publication in the period, withdrawn ones not counted. */
class ContentFiguresTest extends SubtreeFixtures {

	@Autowired
	ContentFigures figures;

	/** An item of the organisation first published {@code daysAgo} days ago. */
	long published(long orgId, String title, int daysAgo) {
		return jdbc.sql("""
				insert into content_item (kind, org_id, author_account, author_name, created_at, updated_at, state, version,
				    published_version, published_at, title, audience)
				values ('NEWS', ?, 1, 'test', now(), now(), 'PUBLISHED', 1, 1, now() - make_interval(days => ?), ?, 'SCHOOL')
				returning id""").params(orgId, daysAgo, title).query(Long.class).single();
	}

	@Test
	@DisplayName("宣传: items first published in the period by the subtree, a withdrawn one not counted")
	void itemsPublishedInThePeriod() {
		College c = college();
		long news = published(c.a(), "支部开展主题党日", 3);
		published(c.a(), "支部学习二十大精神", 40);
		published(c.b(), "乙支部志愿服务", 10);
		// before the period
		published(c.b(), "两年前的新闻", 800);
		// withdrawn
		long withdrawn = published(c.b(), "已撤回", 5);
		jdbc.sql("update content_item set state = 'WITHDRAWN', withdrawn_at = now(), withdrawn_by = 'test', withdrawn_reason = '错误' where id = ?")
			.param(withdrawn).update();
		// a draft never published
		jdbc.sql("""
				insert into content_item (kind, org_id, author_account, author_name, created_at, updated_at, state)
				values ('NEWS', ?, 1, 'test', now(), now(), 'DRAFT')""").param(c.b()).update();

		Map<Long, Figures.Measured> m = figures.measure(ContentFigures.PUBLISHED, List.of(c.a(), c.b(), c.id()), lastYear());
		assertThat(m.get(c.a()).value()).isEqualByComparingTo("2");
		assertThat(m.get(c.b()).value()).isEqualByComparingTo("1");
		assertThat(m.get(c.id()).value()).isEqualByComparingTo("3");
		assertThat(m.get(c.id()).sourceArgs()).containsExactly(3L);

		List<Figures.Behind> behind = figures.behind(ContentFigures.PUBLISHED, c.id(), lastYear());
		assertThat(behind).extracting(b -> b.args().get(1)).containsExactly("支部学习二十大精神", "乙支部志愿服务", "支部开展主题党日");
		assertThat(behind.get(2).href()).isEqualTo("/content/items/" + news);
		assertThat(behind.get(2).messageKey()).isEqualTo("figure.content.published.line");
		assertThat(behind.get(2).args().get(2)).isEqualTo(today().minusDays(3).toString());

		// withdrawn today: off the figure at once
		jdbc.sql("update content_item set state = 'WITHDRAWN', withdrawn_at = now(), withdrawn_by = 'test', withdrawn_reason = '过时' where id = ?")
			.param(news).update();
		assertThat(figures.measure(ContentFigures.PUBLISHED, List.of(c.a()), lastYear()).get(c.a()).value())
			.isEqualByComparingTo("1");
		assertThat(figures.measure("content.unknown", List.of(c.a()), lastYear())).isEmpty();
	}
}
