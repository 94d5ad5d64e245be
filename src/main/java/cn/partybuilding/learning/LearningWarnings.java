package cn.partybuilding.learning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Warnings;

/**
 * 学习纲要 not finished: an outline due within {@code party.learning.remind-days-before} (the day its reminder goes
 * out, {@link StudyOutlines#remindBeforeDue}) or overdue by up to {@link #LOOKBACK_DAYS} days, that members of an
 * organisation with an account have not finished (counted where they finished it, as the completion page counts);
 * acted on at the outline's completion page.
 */
@Component
@Transactional(readOnly = true)
class LearningWarnings implements Warnings {

	static final String OUTLINE = "learning.outline";

	/** How long after its due date an unfinished outline still stands as a warning. */
	static final int LOOKBACK_DAYS = 30;

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final LearningRules rules;

	LearningWarnings(JdbcTemplate jdbc, OrganizationScope scope, MemberDirectory members, LearningRules rules) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.members = members;
		this.rules = rules;
	}

	record Outline(long id, long orgId, String title, LocalDate published, LocalDate due) {
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		List<Outline> outlines = jdbc.query("""
				select id, organization_id, title, published_at, due_on from learning_outline
				where withdrawn_at is null and due_on <= ? and due_on >= ? order by due_on, id""",
				(rs, n) -> new Outline(rs.getLong(1), rs.getLong(2), rs.getString(3),
						LocalDate.ofInstant(rs.getTimestamp(4).toInstant(), PlatformZone.ZONE), rs.getDate(5).toLocalDate()),
				today.plusDays(rules.remindDaysBefore()), today.minusDays(LOOKBACK_DAYS));
		if (outlines.isEmpty()) {
			return List.of();
		}
		// counted in the database per organisation, not every member's account fetched (a province's root: 1 000 000)
		Map<Long, Long> audience = new HashMap<>();
		members.accountCountsIn(orgIds).forEach((o, n) -> audience.put(o, n.longValue()));
		Map<Long, Map<Long, Long>> finished = new HashMap<>();
		jdbc.query("""
				select outline_id, organization_id, count(*) from learning_outline_done
				where outline_id = any(?) group by outline_id, organization_id""", rs -> {
			finished.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getLong(2), rs.getLong(3));
		}, (Object) outlines.stream().map(Outline::id).toArray(Long[]::new));
		List<Raised> raised = new ArrayList<>();
		Map<Long, Set<Long>> reach = scope.subtreesOf(outlines.stream().map(Outline::orgId).distinct().toList());
		for (Outline o : outlines) {
			Set<Long> under = reach.getOrDefault(o.orgId(), Set.of());
			audience.forEach((org, total) -> {
				if (!under.contains(org)) {
					return;
				}
				long done = Math.min(total, finished.getOrDefault(o.id(), Map.of()).getOrDefault(org, 0L));
				if (done < total) {
					raised.add(Raised.of(OUTLINE, org, null, o.published(), o.due(), "/learning/outlines/" + o.id(),
							"warning.learning.outline.text", o.title(), total - done, total));
				}
			});
		}
		return raised;
	}
}
