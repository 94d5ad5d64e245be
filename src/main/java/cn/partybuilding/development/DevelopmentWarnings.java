package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Warnings;

/**
 * The regulation's deadlines of 发展党员 passed and still open, as {@link DevelopmentFigures} counts them
 * ({@link DevelopmentPath#DEADLINES}): the talk within a month of the application ({@code development.talk}), the
 * 上级党委's approval within 3 months of the 支部大会 ({@code development.approval}); acted on at the person's file.
 */
@Component
@Transactional(readOnly = true)
class DevelopmentWarnings implements Warnings {

	static final String TALK = "development.talk";

	static final String APPROVAL = "development.approval";

	private final DevelopmentFigures figures;

	private final OrganizationScope scope;

	DevelopmentWarnings(DevelopmentFigures figures, OrganizationScope scope) {
		this.figures = figures;
		this.scope = scope;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		List<DevelopmentFigures.Missed> missed = figures.openMissed(orgIds, today);
		if (missed.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = scope.qualifiedNames(missed.stream().map(DevelopmentFigures.Missed::organizationId).distinct().toList());
		return missed.stream()
			.map(m -> Raised.of(m.step() == Step.TALK.number() ? TALK : APPROVAL, m.organizationId(), null,
					m.due().plusDays(1), m.due(), "/development/people/" + m.personId(),
					"figure." + DevelopmentFigures.OVERDUE + ".open." + m.step(), m.name(),
					names.getOrDefault(m.organizationId(), ""), m.due().toString()))
			.toList();
	}
}
