package cn.partybuilding.organization;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
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

	private final Organizations organizations;

	private final CommitteePositions positions;

	private final ObjectProvider<Headcount> headcount;

	private final OrganizationSettings settings;

	OrganizationWarnings(Organizations organizations, CommitteePositions positions, ObjectProvider<Headcount> headcount,
			OrganizationSettings settings) {
		this.organizations = organizations;
		this.positions = positions;
		this.headcount = headcount;
		this.settings = settings;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		BranchRules rules = new BranchRules(settings);
		Map<Long, List<CommitteePosition>> seats = positions.findByOrganizations(orgIds).stream()
			.collect(Collectors.groupingBy(CommitteePosition::organizationId));
		List<Organization> orgs = organizations.findByIds(orgIds).stream().filter(o -> !o.dissolved()).toList();
		List<Long> branches = orgs.stream().filter(o -> o.type() == OrgType.BRANCH).map(Organization::id).toList();
		Headcount counter = headcount.getIfAvailable();
		Map<Long, Headcount.Count> counts = counter == null ? Map.of() : counter.of(branches);
		List<Raised> raised = new ArrayList<>();
		for (Organization o : orgs) {
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
}
