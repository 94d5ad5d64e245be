package cn.partybuilding.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The levels a province benchmark measures at: from the root down, each time the child with the most members. */
public final class ProvinceLevels {

	private ProvinceLevels() {
	}

	/** The active organisation right below {@code parent} whose subtree has the most members (the lowest id on a tie). */
	public static long biggestChild(JdbcClient jdbc, long parent) {
		return jdbc.sql("""
				select o.id from organization o join organization s on s.path like o.path || '%' and s.dissolved_at is null
				left join member_count c on c.organization_id = s.id
				where o.parent_id = ? and o.dissolved_at is null group by o.id order by coalesce(sum(c.members), 0) desc, o.id limit 1""")
			.param(parent).query(Long.class).single();
	}
}
