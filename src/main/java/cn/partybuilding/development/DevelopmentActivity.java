package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.Collection;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Facade;

/** What other modules ask of development: the funnel of a period over some organisations (the analytics). */
@Facade("what other modules ask of development: the steps approved in a period, counted")
@Service
@Transactional(readOnly = true)
public class DevelopmentActivity {

	private final DevelopmentFunnel funnel;

	DevelopmentActivity(DevelopmentFunnel funnel) {
		this.funnel = funnel;
	}

	/** The steps these organisations had approved from {@code from} until {@code until} (exclusive). */
	public FunnelCounts funnel(Collection<Long> organizationIds, LocalDate from, LocalDate until) {
		long[] c = funnel.totals(organizationIds, from, until);
		return new FunnelCounts(c[0], c[1], c[2], c[3], c[4]);
	}
}
