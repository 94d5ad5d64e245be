package cn.partybuilding.orglife;

import java.util.List;

import org.springframework.context.ApplicationContext;

/** For the benchmarks (another package): the plan of the summed compliance statement below an organisation. */
public final class ComplianceSumsPlan {

	private ComplianceSumsPlan() {
	}

	public static List<String> below(ApplicationContext context, long orgId, String period) {
		return context.getBean(Compliance.class).summaryPlan(orgId, period);
	}
}
