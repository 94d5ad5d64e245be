package cn.partybuilding.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import jakarta.persistence.EntityManager;

/** {@link MembersInScope} in SQL: the organisations bound as one {@code bigint[]}. */
class MembersInScopeImpl implements MembersInScope {

	private static final String SUMMARY = """
			select m.id, m.name, m.organization_id, m.category, m.status, m.join_date, m.graduation_year, m.account_id,
			  m.created_at from member m""";

	/** Active members of the organisations bound as {@code :orgs}. */
	private static final String ACTIVE_IN = " m.organization_id = any(:orgs) and m.departed_on is null";

	private final JdbcClient jdbc;

	private final EntityManager entities;

	MembersInScopeImpl(JdbcClient jdbc, EntityManager entities) {
		this.jdbc = jdbc;
		this.entities = entities;
	}

	/** The SQL in one place, after the members changed in this transaction are written (as a JPA query would). */
	private JdbcClient.StatementSpec sql(String sql) {
		if (TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			entities.flush();
		}
		return jdbc.sql(sql);
	}

	@Override
	public List<MemberRef> refsIn(Collection<Long> organizationIds) {
		return sql("select m.id, m.name, m.organization_id from member m where" + ACTIVE_IN + " order by m.name, m.id")
			.param("orgs", array(organizationIds))
			.query((rs, n) -> new MemberRef(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	@Override
	public List<MemberRef> refs(Collection<Long> ids) {
		return sql("select m.id, m.name, m.organization_id from member m where m.id = any(:ids) order by m.name, m.id")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> new MemberRef(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	@Override
	public MemberRefsAndCount refsAndCountIn(Collection<Long> ids, Collection<Long> organizationIds) {
		// the count's one row joined to the members: a row even when no member is asked for; no order (a page names its
		// own lines by id)
		List<MemberRef> refs = new ArrayList<>();
		long[] count = { 0 };
		sql("""
				select c.n, m.id, m.name, m.organization_id
				from (select coalesce(sum(members), 0) as n from member_count where organization_id = any(:orgs)) c
				  left join member m on m.id = any(:ids)""")
			.param("orgs", array(organizationIds))
			.param("ids", ids.toArray(Long[]::new))
			.query(rs -> {
				count[0] = rs.getLong(1);
				if (rs.getObject(2) != null) {
					refs.add(new MemberRef(rs.getLong(2), rs.getString(3), rs.getLong(4)));
				}
			});
		return new MemberRefsAndCount(refs, count[0]);
	}

	@Override
	public Map<Long, Long> activeOrganizationsOf(Collection<Long> memberIds) {
		Map<Long, Long> found = new HashMap<>();
		sql("select m.id, m.organization_id from member m where m.id = any(:ids) and m.departed_on is null")
			.param("ids", memberIds.toArray(Long[]::new))
			.query((rs, n) -> found.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return found;
	}

	@Override
	public List<MemberAccount> accountsIn(Collection<Long> organizationIds) {
		return sql("select m.id, m.account_id, m.name, m.organization_id from member m where" + ACTIVE_IN
				+ " and m.account_id is not null")
			.param("orgs", array(organizationIds))
			.query((rs, n) -> new MemberAccount(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

	@Override
	public List<Object[]> accountCountsIn(Collection<Long> organizationIds) {
		return sql("select m.organization_id, count(*) from member m where" + ACTIVE_IN
				+ " and m.account_id is not null group by m.organization_id")
			.param("orgs", array(organizationIds))
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	@Override
	public List<MemberSummary> summariesIn(Collection<Long> organizationIds) {
		return sql(SUMMARY + " where" + ACTIVE_IN).param("orgs", array(organizationIds))
			.query(MembersInScopeImpl::summary)
			.list();
	}

	@Override
	public int countIn(Collection<Long> organizationIds, MemberStatus status) {
		return sql("select count(*) from member m where" + ACTIVE_IN + " and m.status = :status")
			.param("orgs", array(organizationIds))
			.param("status", status.name())
			.query(Integer.class)
			.single();
	}

	@Override
	public List<Object[]> probationOverdueByOrganization(Collection<Long> organizationIds, LocalDate joinedBefore, int atMost) {
		// one statement: the kept counts (V131) when they are for this day, else the members counted (a day the job has
		// not yet taken up); the branch not taken is never run (a one-time filter)
		String scoped = organizationIds == null ? "" : " and %s.organization_id = any(:orgs)";
		return sql("""
				with kept as (select exists (select 1 from member_probation_overdue_day where joined_before = :before) as fresh)
				(select k.organization_id, k.members from member_probation_overdue k
				 where (select fresh from kept) and k.members > 0%s
				 order by k.members desc, k.organization_id limit :atMost)
				union all
				(select m.organization_id, count(*) from member m
				 where not (select fresh from kept) and %s%s
				 group by m.organization_id order by count(*) desc, m.organization_id limit :atMost)"""
			.formatted(scoped.formatted("k"), ProbationOverdueCounts.OVERDUE, scoped.formatted("m")))
			.params(organizationIds == null ? java.util.Map.of("before", joinedBefore, "atMost", atMost)
					: java.util.Map.of("before", joinedBefore, "orgs", array(organizationIds), "atMost", atMost))
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	@Override
	public List<MemberSummary> probationOverdueIn(Collection<Long> organizationIds, LocalDate joinedBefore) {
		return sql(SUMMARY + " where m.organization_id = any(:orgs) and " + ProbationOverdueCounts.OVERDUE)
			.param("orgs", array(organizationIds))
			.param("before", joinedBefore)
			.query(MembersInScopeImpl::summary)
			.list();
	}

	private static MemberSummary summary(ResultSet rs, int n) throws SQLException {
		int graduation = rs.getInt(7);
		Integer graduationYear = rs.wasNull() ? null : graduation;
		long account = rs.getLong(8);
		Long accountId = rs.wasNull() ? null : account;
		String category = rs.getString(4);
		Timestamp created = rs.getTimestamp(9);
		return new MemberSummary(rs.getLong(1), rs.getString(2), rs.getLong(3),
				category == null ? null : Category.valueOf(category), MemberStatus.valueOf(rs.getString(5)),
				rs.getObject(6, LocalDate.class), graduationYear, accountId, created == null ? null : created.toInstant());
	}

	/** The ids as one array parameter (PostgreSQL's JDBC driver binds a {@code Long[]} as {@code int8[]}). */
	static Long[] array(Collection<Long> ids) {
		return ids.toArray(Long[]::new);
	}
}
