package cn.partybuilding.transfer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * The figures of 组织关系转接: the 口袋党员 a subtree answers for today ({@code transfer.pocket}, the rule of
 * {@link PocketMembers}, responsibility included: a lapsed letter is the committee's), and the average days from
 * a letter's issue to its 回执 for the letters out of the subtree whose 回执 came back in the period
 * ({@code transfer.days}; none: absent).
 */
@Component
@Transactional(readOnly = true)
class TransferFigures implements Figures {

	static final String POCKET = "transfer.pocket";

	static final String DAYS = "transfer.days";

	private final PocketMembers pockets;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final JdbcTemplate jdbc;

	TransferFigures(PocketMembers pockets, OrganizationScope scope, MemberDirectory members, JdbcTemplate jdbc) {
		this.pockets = pockets;
		this.scope = scope;
		this.members = members;
		this.jdbc = jdbc;
	}

	/** A letter out whose 回执 came back: the member, the letter, the days between, and whether within its validity. */
	record Receipted(long transferId, long memberId, long organizationId, String letterNo, LocalDate issued,
			LocalDate receipted, int days, boolean inTime) {
	}

	@Override
	public List<Kind> kinds() {
		return List.of(new Kind(POCKET, "figure." + POCKET, Unit.COUNT, Direction.LOWER_IS_BETTER, true),
				new Kind(DAYS, "figure." + DAYS, Unit.DAYS, Direction.LOWER_IS_BETTER));
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		Map<Long, Set<Long>> trees = new LinkedHashMap<>();
		if (POCKET.equals(code) || DAYS.equals(code)) {
			trees.putAll(scope.subtreesOf(orgIds));
		}
		if (POCKET.equals(code)) {
			return pocketCounts(trees);
		}
		if (DAYS.equals(code)) {
			return receiptDays(trees, period);
		}
		return Map.of();
	}

	private Map<Long, Measured> pocketCounts(Map<Long, Set<Long>> trees) {
		Set<Long> all = new LinkedHashSet<>();
		trees.values().forEach(all::addAll);
		Map<Long, Measured> result = new LinkedHashMap<>();
		if (all.isEmpty()) {
			return result;
		}
		Map<Long, OrgRef> known = new HashMap<>();
		scope.findAll(all).forEach(o -> known.put(o.id(), o));
		Map<Long, long[]> counts = new HashMap<>();
		for (PocketMembers.Pocket p : pockets.in(all)) {
			Long responsible = PocketMembers.responsible(p, known::get);
			if (responsible == null) {
				continue;
			}
			trees.forEach((root, tree) -> {
				if (tree.contains(responsible)) {
					counts.computeIfAbsent(root, r -> new long[2])[p.why() == PocketMembers.Why.LETTER_LAPSED ? 1 : 0]++;
				}
			});
		}
		trees.forEach((root, tree) -> {
			if (!tree.isEmpty()) {
				long[] c = counts.getOrDefault(root, new long[2]);
				result.put(root, Measured.of(BigDecimal.valueOf(c[0] + c[1]), "figure." + POCKET + ".source", c[0], c[1]));
			}
		});
		return result;
	}

	private Map<Long, Measured> receiptDays(Map<Long, Set<Long>> trees, Period period) {
		List<Long> roots = new ArrayList<>();
		List<Long> orgs = new ArrayList<>();
		trees.forEach((root, tree) -> tree.forEach(org -> {
			roots.add(root);
			orgs.add(org);
		}));
		Map<Long, Measured> result = new LinkedHashMap<>();
		if (orgs.isEmpty()) {
			return result;
		}
		jdbc.query("""
				select t.root, count(*), sum(x.receipt_on - (x.issued_at at time zone ?)::date)
				from unnest(?::bigint[], ?::bigint[]) as t (root, org)
				join transfer x on x.from_org_id = t.org
				where x.kind = 'OUTGOING' and x.state = 'RECEIPTED' and x.receipt_on >= ? and x.receipt_on < ?
				group by t.root""", rs -> {
			long letters = rs.getLong(2);
			BigDecimal average = BigDecimal.valueOf(rs.getLong(3)).divide(BigDecimal.valueOf(letters), 1, RoundingMode.HALF_UP);
			result.put(rs.getLong(1), Measured.of(average, "figure." + DAYS + ".source", letters, average));
		}, PlatformZone.NAME, roots.toArray(Long[]::new), orgs.toArray(Long[]::new), Date.valueOf(period.from()),
				Date.valueOf(period.until()));
		// in the order asked
		Map<Long, Measured> ordered = new LinkedHashMap<>();
		trees.keySet().stream().filter(result::containsKey).forEach(root -> ordered.put(root, result.get(root)));
		return ordered;
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		if (POCKET.equals(code)) {
			Set<Long> tree = scope.subtree(orgId);
			if (tree.isEmpty()) {
				return List.of();
			}
			Map<Long, OrgRef> known = new HashMap<>();
			scope.findAll(tree).forEach(o -> known.put(o.id(), o));
			return pockets.in(tree).stream()
				.filter(p -> {
					Long responsible = PocketMembers.responsible(p, known::get);
					return responsible != null && tree.contains(responsible);
				})
				.limit(500)
				.map(p -> Behind.of(false, "/transfers/pocket?orgId=" + orgId, "figure." + POCKET + ".line." + p.why(),
						p.name(), p.organizationName(), p.since().toString()))
				.toList();
		}
		if (DAYS.equals(code)) {
			Set<Long> tree = scope.subtree(orgId);
			if (tree.isEmpty()) {
				return List.of();
			}
			List<Receipted> rows = jdbc.query("""
					select x.id, x.member_id, x.from_org_id, x.letter_no, (x.issued_at at time zone ?)::date, x.receipt_on,
					       x.receipt_on - (x.issued_at at time zone ?)::date, x.receipt_on <= x.valid_until
					from transfer x
					where x.kind = 'OUTGOING' and x.state = 'RECEIPTED' and x.from_org_id = any(?)
					  and x.receipt_on >= ? and x.receipt_on < ?
					order by x.receipt_on, x.id limit 500""", (rs, n) -> new Receipted(rs.getLong(1), rs.getLong(2),
					rs.getLong(3), rs.getString(4), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), rs.getInt(7),
					rs.getBoolean(8)), PlatformZone.NAME, PlatformZone.NAME, tree.toArray(Long[]::new),
					Date.valueOf(period.from()), Date.valueOf(period.until()));
			Map<Long, String> names = new HashMap<>();
			members.refs(rows.stream().map(Receipted::memberId).distinct().toList())
				.forEach(m -> names.put(m.id(), m.name()));
			return rows.stream()
				.map(r -> Behind.of(r.inTime(), "/transfers/" + r.transferId(), "figure." + DAYS + ".line",
						names.getOrDefault(r.memberId(), ""), r.letterNo(), r.issued().toString(), r.receipted().toString(),
						r.days()))
				.toList();
		}
		return List.of();
	}

}
