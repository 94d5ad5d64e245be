package cn.partybuilding.organization;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Warnings;

/**
 * The warnings of {@link BranchRules}, as an organisation's page shows them: a committee's term ending within
 * {@code party.organization.term-warning-days} (90) or over with no new committee recorded (换届), and a branch
 * outside the size rules of 支部工作条例 (too few 正式党员, too many members, no 支部委员会 from 7 正式党员).
 */
@Component
@Transactional(readOnly = true)
class OrganizationWarnings implements Warnings {

	static final String TERM = "organization.term";

	static final String SIZE = "organization.size";

	private final EntityManager entities;

	private final JdbcTemplate jdbc;

	private final ObjectProvider<Headcount> headcount;

	private final OrganizationSettings settings;

	OrganizationWarnings(EntityManager entities, JdbcTemplate jdbc, ObjectProvider<Headcount> headcount,
			OrganizationSettings settings) {
		this.entities = entities;
		this.jdbc = jdbc;
		this.headcount = headcount;
		this.settings = settings;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		BranchRules rules = new BranchRules(settings);
		// the ids as one array, not one bind each: a province's root asks for 25 000 organisations
		Long[] ids = orgIds.toArray(Long[]::new);
		@SuppressWarnings("unchecked")
		List<CommitteePosition> held = entities.createNativeQuery(
				"select * from committee_position where organization_id = any(cast(?1 as bigint[]))", CommitteePosition.class)
			.setParameter(1, ids).getResultList();
		Map<Long, List<CommitteePosition>> seats = held.stream().collect(Collectors.groupingBy(CommitteePosition::organizationId));
		List<Org> orgs = jdbc.query("""
				select id, type from organization where id = any(?) and dissolved_at is null order by id""",
				(rs, n) -> new Org(rs.getLong(1), OrgType.valueOf(rs.getString(2))), (Object) ids);
		List<Long> branches = orgs.stream().filter(o -> o.type() == OrgType.BRANCH).map(Org::id).toList();
		Headcount counter = headcount.getIfAvailable();
		Map<Long, Headcount.Count> counts = counter == null ? Map.of() : counter.of(branches);
		List<Raised> raised = new ArrayList<>();
		for (Org o : orgs) {
			String href = "/organizations/" + o.id();
			List<CommitteePosition> mine = seats.getOrDefault(o.id(), List.of());
			for (Warning w : rules.termWarnings(mine, today)) {
				LocalDate end = (LocalDate) w.args()[0];
				boolean overdue = "warning.term.overdue".equals(w.messageKey());
				raised.add(new Raised(TERM, o.id(), null, overdue ? end.plusDays(1) : end.minusDays(settings.termWarningDays()),
						end, href, w.messageKey(), List.of(w.args())));
			}
			Headcount.Count count = counts.get(o.id());
			if (count != null) {
				for (Warning w : rules.sizeWarnings(count, mine, today)) {
					raised.add(new Raised(SIZE, o.id(), null, null, null, href, w.messageKey(), List.of(w.args())));
				}
			}
		}
		return raised;
	}

	/** What a warning needs of an organisation. */
	private record Org(long id, OrgType type) {
	}
}
