package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.Period;

/**
 * Collection per organisation and period: bills due and paid (count and amount), waived and reduced
 * bills, and special payments apart. One row per organisation directly below the one asked for (its
 * colleges, or its branches), each summing its subtree, and the total; the rate is paid ÷ due bills.
 */
@Service
@Transactional(readOnly = true)
class DuesReports {

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final DuesAccess access;

	DuesReports(JdbcTemplate jdbc, OrganizationScope scope, DuesAccess access) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.access = access;
	}

	public record Line(long orgId, String name, OrgType type, boolean drillable, int dueBills, int paidBills,
			int waivedBills, int reducedBills, BigDecimal dueAmount, BigDecimal paidAmount, int specialPayments,
			BigDecimal specialAmount) {

		/** Paid ÷ due bills, in percent with one decimal; none when nothing was billed (not a perfect score). */
		public BigDecimal rate() {
			return dueBills == 0 ? null
					: BigDecimal.valueOf(paidBills * 100L).divide(BigDecimal.valueOf(dueBills), 1, RoundingMode.HALF_UP);
		}

		Line plus(Line other) {
			return new Line(orgId, name, type, drillable, dueBills + other.dueBills, paidBills + other.paidBills,
					waivedBills + other.waivedBills, reducedBills + other.reducedBills, dueAmount.add(other.dueAmount),
					paidAmount.add(other.paidAmount), specialPayments + other.specialPayments,
					specialAmount.add(other.specialAmount));
		}
	}

	public record Report(String period, Long orgId, String title, List<Line> lines, Line total) {
	}

	public Report collection(Caller caller, Long orgId, String periodText) {
		Period period = Period.parse(periodText);
		Set<Long> visible = access.organizations(caller, orgId);
		List<OrgRef> roots = orgId != null ? scope.findAll(List.of(orgId))
				: scope.findAll(caller.organizationsWith(DuesAccess.MANAGE)).stream()
					.filter(o -> o.parentId() == null || !visible.contains(o.parentId())).toList();
		if (roots.isEmpty()) {
			throw new NotPermittedException("dues", "*", "report");
		}
		// the rows: a single root's children (colleges or branches), else the roots themselves
		List<OrgRef> rows = roots.size() == 1 && roots.get(0).type() != OrgType.BRANCH
				? scope.findAll(visible).stream().filter(o -> roots.get(0).id() == (o.parentId() == null ? -1 : o.parentId())
						&& o.type() != OrgType.GROUP).sorted(Comparator.comparing(OrgRef::code)).toList()
				: roots;
		Map<Long, Line> byOrg = totals(visible, period.from(), period.until());
		List<Line> lines = new ArrayList<>();
		for (OrgRef row : rows) {
			Line line = empty(row);
			for (Long member : scope.subtree(row.id())) {
				Line own = byOrg.get(member);
				if (own != null) {
					line = line.plus(own);
				}
			}
			lines.add(line);
		}
		OrgRef top = roots.size() == 1 ? roots.get(0) : null;
		Line total = top == null ? new Line(0, "合计", null, false, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO)
				: empty(top);
		for (Line own : byOrg.values()) {
			total = total.plus(own);
		}
		return new Report(period.name(), orgId, top == null ? "全部" : top.name(), lines, total);
	}

	private static Line empty(OrgRef org) {
		return new Line(org.id(), org.name(), org.type(), org.type() != OrgType.BRANCH && org.type() != OrgType.GROUP, 0, 0, 0, 0,
				BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO);
	}

	/**
	 * Each organisation's own bills (from the running totals the database keeps per organisation, month
	 * and state) and special payments in the months from {@code from} until {@code until} (the report and the
	 * collection figure alike).
	 */
	Map<Long, Line> totals(Set<Long> orgs, java.time.LocalDate from, java.time.LocalDate until) {
		Map<Long, Line> byOrg = new HashMap<>();
		Long[] ids = orgs.toArray(Long[]::new);
		jdbc.query("""
				select organization_id,
				       coalesce(sum(bills) filter (where state <> 'EXEMPT'), 0), coalesce(sum(bills) filter (where state = 'PAID'), 0),
				       coalesce(sum(bills) filter (where state = 'EXEMPT'), 0),
				       coalesce(sum(bills) filter (where relieved and state <> 'EXEMPT'), 0),
				       coalesce(sum(amount) filter (where state <> 'EXEMPT'), 0), coalesce(sum(amount) filter (where state = 'PAID'), 0)
				from dues_bill_tally where month >= ? and month < ? and organization_id = any(?)
				group by organization_id""", rs -> {
			byOrg.put(rs.getLong(1), new Line(rs.getLong(1), "", null, false, rs.getInt(2), rs.getInt(3), rs.getInt(4),
					rs.getInt(5), rs.getBigDecimal(6), rs.getBigDecimal(7), 0, BigDecimal.ZERO));
		}, Date.valueOf(from), Date.valueOf(until), ids);
		jdbc.query("""
				select organization_id, count(*), sum(amount) from dues_payment
				where special and paid_on >= ? and paid_on < ? and organization_id = any(?) group by organization_id""", rs -> {
			Line special = new Line(rs.getLong(1), "", null, false, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, rs.getInt(2),
					rs.getBigDecimal(3));
			byOrg.merge(rs.getLong(1), special, Line::plus);
		}, Date.valueOf(from), Date.valueOf(until), ids);
		return byOrg;
	}
}
