package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Facade;

/** What other modules ask of development: the funnel of a period over some organisations (the analytics). */
@Facade("what other modules ask of development: the steps approved in a period, counted")
@Service
@Transactional(readOnly = true)
public class DevelopmentActivity {

	private final DevelopmentFunnel funnel;

	private final FunnelPeople people;

	DevelopmentActivity(DevelopmentFunnel funnel, FunnelPeople people) {
		this.funnel = funnel;
		this.people = people;
	}

	/** The steps these organisations had approved from {@code from} until {@code until} (exclusive). */
	public FunnelCounts funnel(Collection<Long> organizationIds, LocalDate from, LocalDate until) {
		long[] c = funnel.totals(organizationIds, from, until);
		return new FunnelCounts(c[0], c[1], c[2], c[3], c[4]);
	}

	/**
	 * The people behind one stage of {@link #funnel} (the analytics' drill-down; the caller has checked the scope):
	 * whose step was approved at these organisations from {@code from} until {@code until} (exclusive), by day, at
	 * most {@code limit}. Stages: {@code application}, {@code activist}, {@code candidate}, {@code admitted},
	 * {@code converted} (not an extension of the 预备期); another is a FieldProblem.
	 */
	public List<FunnelPerson> funnelPeople(Collection<Long> organizationIds, String stage, LocalDate from,
			LocalDate until, int limit) {
		return people.at(organizationIds, stage, from, until, limit);
	}
}
