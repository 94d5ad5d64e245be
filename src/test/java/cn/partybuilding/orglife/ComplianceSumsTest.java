package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * The summed table and the compliance figures against every branch's intervals drawn one by one
 * ({@link Compliance#details}) and added up here: the same numbers for a month, a quarter and a year, at the province's
 * root and at a school — the check any faster way of summing (in the database, from kept sums) must pass.
 */
class ComplianceSumsTest extends PlatformTest {

	@Autowired
	Compliance compliance;

	@Autowired
	ComplianceFigures figures;

	@Autowired
	OrganizationScope scope;

	@Autowired
	Clock clock;

	static final List<String> PERIODS = List.of("2026-11", "2026-Q4", "2026", "2026-Q1", "2025");

	@Test
	@DisplayName("the summed table per organisation below equals its branches' rows added up, rate and behind included")
	void theSummedRowsAreTheirBranchesAddedUp() {
		int compared = 0;
		for (long org : List.of(orgId("JYGW"), orgId("SFDX"))) {
			Caller caller = new Caller(0, "test", "test", List.of(new Caller.Grant(Role.COMMITTEE_ADMIN, org)));
			for (String p : PERIODS) {
				Compliance.Summary summary = compliance.summary(caller, org, p);
				Map<Long, Compliance.ChildCompliance> expected = byChild(org, Period.parse(p));
				assertThat(summary.children()).as(p).extracting(Compliance.ChildCompliance::orgId)
					.containsExactlyElementsOf(expected.keySet());
				for (Compliance.ChildCompliance got : summary.children()) {
					Compliance.ChildCompliance want = expected.get(got.orgId());
					assertThat(got).as(p + " " + got.name()).usingRecursiveComparison().isEqualTo(want);
					compared += got.branches();
				}
			}
		}
		assertThat(compared).isGreaterThan(0);
	}

	@Test
	@DisplayName("the figures (due by today) equal the intervals counted one by one, for the province, a school and its colleges")
	void theFiguresAreTheIntervalsCountedOneByOne() {
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		List<Long> orgs = new ArrayList<>(List.of(orgId("JYGW"), orgId("SFDX")));
		scope.childrenOf(orgId("SFDX")).forEach(c -> orgs.add(c.id()));
		List<String> codes = figures.kinds().stream().map(Figures.Kind::code).toList();
		int compared = 0;
		for (String p : PERIODS) {
			Period period = Period.parse(p);
			Map<String, Map<Long, Figures.Measured>> got = figures.measureAll(codes, orgs, period);
			for (long org : orgs) {
				List<Compliance.Detail> details = compliance.details(period, scope.subtree(org));
				for (String code : codes) {
					if (code.equals(ComplianceFigures.ALL)) {
						continue;
					}
					MeetingType type = MeetingType.valueOf(code.substring(ComplianceFigures.PREFIX.length()));
					int[] sum = new int[2];
					for (Compliance.Detail d : details) {
						for (Compliance.Line line : d.lines()) {
							for (Compliance.Cell c : line.cells()) {
								int[] counted = line.type() == type ? ComplianceFigures.counted(c, today) : null;
								if (counted != null) {
									sum[0] += counted[0];
									sum[1] += counted[1];
								}
							}
						}
					}
					Figures.Measured m = got.get(code).get(org);
					if (sum[1] == 0) {
						assertThat(m).as(p + " " + code + " " + org).isNull();
					}
					else {
						assertThat(m.sourceArgs()).as(p + " " + code + " " + org).containsExactly(sum[0], sum[1]);
						compared++;
					}
				}
			}
		}
		assertThat(compared).isGreaterThan(10);
	}

	/** The old way: every branch's detail, each summed into the organisation right below {@code org} that holds it. */
	Map<Long, Compliance.ChildCompliance> byChild(long org, Period period) {
		Set<Long> subtree = scope.subtree(org);
		Map<Long, OrgRef> byId = new HashMap<>();
		scope.findAll(subtree).forEach(o -> byId.put(o.id(), o));
		Map<Long, List<Compliance.Detail>> details = new java.util.LinkedHashMap<>();
		scope.childrenOf(org).forEach(c -> details.put(c.id(), new ArrayList<>()));
		for (Compliance.Detail d : compliance.details(period, subtree)) {
			OrgRef child = byId.get(d.branch().orgId());
			while (child.parentId() != null && child.parentId() != org && byId.containsKey(child.parentId())) {
				child = byId.get(child.parentId());
			}
			details.computeIfAbsent(child.id(), id -> new ArrayList<>()).add(d);
		}
		Map<Long, Compliance.ChildCompliance> rows = new java.util.LinkedHashMap<>();
		details.forEach((id, ds) -> {
			if (ds.isEmpty()) {
				return;
			}
			Map<MeetingType, Integer> required = new EnumMap<>(MeetingType.class);
			Map<MeetingType, Integer> held = new EnumMap<>(MeetingType.class);
			Map<MeetingType, Integer> gaps = new EnumMap<>(MeetingType.class);
			Map<MeetingType, Integer> meetings = new EnumMap<>(MeetingType.class);
			int behind = 0;
			double met = 0;
			int due = 0;
			for (Compliance.Detail d : ds) {
				Compliance.BranchCompliance b = d.branch();
				behind += b.rate() < 100 ? 1 : 0;
				b.required().forEach((t, n) -> required.merge(t, n, Integer::sum));
				b.held().forEach((t, n) -> held.merge(t, n, Integer::sum));
				b.gaps().forEach((t, n) -> gaps.merge(t, n, Integer::sum));
				b.meetings().forEach((t, n) -> meetings.merge(t, n, Integer::sum));
				for (Compliance.Line line : d.lines()) {
					for (Compliance.Cell c : line.cells()) {
						due++;
						met += c.required() == 0 ? 1 : (double) Math.min(c.held(), c.required()) / c.required();
					}
				}
			}
			int rate = due == 0 ? 100 : (int) Math.floor(met * 100 / due + 1e-9);
			rows.put(id, new Compliance.ChildCompliance(id, byId.get(id).name(), ds.size(), behind, required, held, gaps,
					meetings, rate));
		});
		return rows;
	}
}
