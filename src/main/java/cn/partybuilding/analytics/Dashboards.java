package cn.partybuilding.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Period;

/**
 * TEMPORARY stand-in of the lead's dashboards (replaced by main's on merge): the scope check and a plain
 * computation, enough for the pages to be built and tested.
 */
@Service
class Dashboards {

	private final OrganizationScope scope;

	private final OrganizationTree tree;

	private final MemberDirectory members;

	private final List<Figures> figures;

	Dashboards(OrganizationScope scope, OrganizationTree tree, MemberDirectory members, List<Figures> figures) {
		this.scope = scope;
		this.tree = tree;
		this.members = members;
		this.figures = figures;
	}

	Dashboard of(Caller caller, Long orgId, Period period) {
		if (!caller.has(DashboardPages.READERS)) {
			throw new NotPermittedException("analytics", "*", "read");
		}
		long id;
		if (orgId == null) {
			List<TreeNode> top = tree.visibleTree(caller, DashboardPages.READERS);
			if (top.isEmpty()) {
				throw new NotPermittedException("analytics", "*", "read");
			}
			id = top.get(0).id();
		}
		else {
			scope.requireReach(caller, orgId, DashboardPages.READERS);
			id = orgId;
		}
		return compute(id, period);
	}

	Dashboard compute(long orgId, Period period) {
		OrgRef org = scope.find(orgId).orElseThrow(() -> new OutOfScopeException("organization", orgId));
		Set<Long> subtree = scope.subtree(orgId);
		List<MemberSummary> all = members.summaries(subtree);
		Map<Category, Long> byCategory = new EnumMap<>(Category.class);
		all.forEach(m -> byCategory.merge(m.category(), 1L, Long::sum));
		List<Dashboard.Bar> bars = new ArrayList<>();
		byCategory.forEach((c, n) -> bars.add(new Dashboard.Bar(c.name(), c.name(), n, null)));
		long full = all.stream().filter(m -> m.status() == MemberStatus.FULL).count();
		Dashboard.Members m = new Dashboard.Members(all.size(), full, all.size() - full, null, null,
				List.of(new Dashboard.Breakdown("category", "人员类别", bars)));
		Dashboard.Funnel funnel = new Dashboard.Funnel(List.of(new Dashboard.Bar("application", "入党申请", 0, 0L),
				new Dashboard.Bar("activist", "积极分子", 0, 0L), new Dashboard.Bar("candidate", "发展对象", 0, 0L),
				new Dashboard.Bar("admitted", "接收预备党员", 0, 0L), new Dashboard.Bar("converted", "预备党员转正", 0, 0L)));
		List<Dashboard.Area> areas = new ArrayList<>();
		List<OrgRef> children = scope.findAll(subtree).stream()
			.filter(o -> o.parentId() != null && o.parentId() == orgId)
			.sorted(Comparator.comparing(OrgRef::name))
			.toList();
		Map<Long, Map<String, Double>> childValues = new HashMap<>();
		for (Figures f : figures) {
			List<Dashboard.Figure> list = new ArrayList<>();
			for (Figures.Kind k : f.kinds()) {
				List<Long> ids = new ArrayList<>(children.stream().map(OrgRef::id).toList());
				ids.add(orgId);
				Map<Long, Figures.Measured> measured = f.measure(k.code(), ids, period);
				Figures.Measured own = measured.get(orgId);
				list.add(new Dashboard.Figure(k.code().substring(k.code().lastIndexOf('.') + 1), k.code(), k.nameKey(),
						k.unit(), k.direction(), value(own), null, null, own == null ? null : own.sourceKey()));
				measured.forEach((o, v) -> childValues.computeIfAbsent(o, x -> new LinkedHashMap<>())
					.put(k.code(), value(v)));
			}
			if (!list.isEmpty()) {
				String name = list.get(0).code().substring(0, list.get(0).code().indexOf('.'));
				areas.add(new Dashboard.Area(name, name, list, List.of()));
			}
		}
		Map<Long, Long> counts = members.countsIn(subtree);
		List<Dashboard.Child> kids = children.stream().map(c -> {
			long n = scope.subtree(c.id()).stream().mapToLong(i -> counts.getOrDefault(i, 0L)).sum();
			return new Dashboard.Child(c.id(), c.name(), n, childValues.getOrDefault(c.id(), Map.of()));
		}).toList();
		return new Dashboard(orgId, org.name(), period.name(), period.name(), period.name(), Instant.now(), m, funnel,
				areas, kids);
	}

	private static Double value(Figures.Measured m) {
		return m == null || m.value() == null ? null : m.value().doubleValue();
	}

}
