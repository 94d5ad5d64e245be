package cn.partybuilding.content;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The figure of 宣传 ({@code content.published}): the items the organisations of a subtree first published in the
 * period and have not withdrawn, counted by {@link ContentActivity}'s rule; behind it the items.
 */
@Component
@Transactional(readOnly = true)
class ContentFigures implements Figures {

	static final String PUBLISHED = "content.published";

	private final ContentActivity activity;

	private final OrganizationScope scope;

	private final JdbcTemplate jdbc;

	ContentFigures(ContentActivity activity, OrganizationScope scope, JdbcTemplate jdbc) {
		this.activity = activity;
		this.scope = scope;
		this.jdbc = jdbc;
	}

	@Override
	public List<Kind> kinds() {
		return List.of(new Kind(PUBLISHED, "figure." + PUBLISHED, Unit.COUNT, Direction.HIGHER_IS_BETTER));
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		if (!PUBLISHED.equals(code)) {
			return Map.of();
		}
		Map<Long, Set<Long>> trees = new LinkedHashMap<>();
		trees.putAll(scope.subtreesOf(orgIds));
		Set<Long> all = new HashSet<>();
		trees.values().forEach(all::addAll);
		Map<Long, Long> perOrg = all.isEmpty() ? Map.of()
				: activity.publishedPerOrganization(all, start(period.from()), start(period.until()));
		Map<Long, Measured> result = new LinkedHashMap<>();
		trees.forEach((root, tree) -> {
			if (!tree.isEmpty()) {
				long count = tree.stream().mapToLong(org -> perOrg.getOrDefault(org, 0L)).sum();
				result.put(root, Measured.of(BigDecimal.valueOf(count), "figure." + PUBLISHED + ".source", count));
			}
		});
		return result;
	}

	/** One item published: where, what, when. */
	record Item(long id, long orgId, String title, Instant publishedAt) {
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		if (!PUBLISHED.equals(code)) {
			return List.of();
		}
		Set<Long> tree = scope.subtree(orgId);
		if (tree.isEmpty()) {
			return List.of();
		}
		List<Item> items = jdbc.query("select i.id, i.org_id, i.title, i.published_at from content_item i where "
				+ ContentActivity.PUBLISHED_IN + " order by i.published_at, i.id limit 500",
				(rs, n) -> new Item(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
				tree.toArray(Long[]::new), Timestamp.from(start(period.from())), Timestamp.from(start(period.until())));
		Map<Long, String> names = scope.qualifiedNames(items.stream().map(Item::orgId).distinct().toList());
		return items.stream()
			.map(i -> Behind.of(true, "/content/items/" + i.id(), "figure." + PUBLISHED + ".line",
					names.getOrDefault(i.orgId(), ""), i.title(),
					LocalDate.ofInstant(i.publishedAt(), PlatformZone.ZONE).toString()))
			.toList();
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(PlatformZone.ZONE).toInstant();
	}
}
