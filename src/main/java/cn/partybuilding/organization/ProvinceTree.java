package cn.partybuilding.organization;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The generated province's organisations: a 教育工委 root (placed above an existing tree when there is one)
 * and many thousands of schools, colleges and branches written in batches, not one entity each.
 */
@Component
class ProvinceTree {

	private final JdbcTemplate jdbc;

	private final Organizations organizations;

	private final Clock clock;

	ProvinceTree(JdbcTemplate jdbc, Organizations organizations, Clock clock) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.clock = clock;
	}

	/**
	 * The root with this code: the one that exists, a new root on an empty platform, or a new root placed
	 * above the present one (every path gains it, every depth grows by one). Returns its id.
	 */
	long root(String code, String name) {
		organizations.lockStructure();
		List<Long> existing = jdbc.queryForList("select id from organization where lower(code) = lower(?)", Long.class, code);
		if (!existing.isEmpty()) {
			return existing.get(0);
		}
		long id = organizations.nextId();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order, created_at)
				values (?, ?, ?, 'COMMITTEE', null, ?, 0, 10, ?)""", id, code, name, "/" + id + "/", now);
		jdbc.update("""
				update organization set path = ? || substr(path, 2), depth = depth + 1,
				    parent_id = case when parent_id is null then ? else parent_id end
				where id <> ?""", "/" + id + "/", id, id);
		return id;
	}

	/**
	 * Adds the organisations whose codes are not taken yet, parents before children (a parent is named by
	 * its code). Returns how many were added.
	 */
	int add(List<GeneratedOrganization> wanted) {
		organizations.lockStructure();
		Map<String, long[]> known = new HashMap<>();
		Map<Long, String> paths = new HashMap<>();
		jdbc.query("select id, lower(code), path, depth from organization", rs -> {
			known.put(rs.getString(2), new long[] { rs.getLong(1), rs.getInt(4) });
			paths.put(rs.getLong(1), rs.getString(3));
		});
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		List<Long> ids = null;
		int next = 0;
		long missing = wanted.stream().filter(o -> !known.containsKey(o.code().toLowerCase())).count();
		if (missing > 0) {
			ids = jdbc.queryForList("select nextval('organization_id_seq') from generate_series(1, ?)", Long.class, missing);
		}
		for (GeneratedOrganization o : wanted) {
			if (known.containsKey(o.code().toLowerCase())) {
				continue;
			}
			long[] parent = known.get(o.parentCode().toLowerCase());
			if (parent == null) {
				throw new IllegalArgumentException("parent " + o.parentCode() + " of " + o.code() + " does not exist");
			}
			long id = ids.get(next++);
			String path = paths.get(parent[0]) + id + "/";
			known.put(o.code().toLowerCase(), new long[] { id, parent[1] + 1 });
			paths.put(id, path);
			rows.add(new Object[] { id, o.code(), o.name(), o.type().name(), parent[0], path, (int) parent[1] + 1,
					o.sortOrder(), now });
		}
		for (int i = 0; i < rows.size(); i += 5000) {
			jdbc.batchUpdate("""
					insert into organization (id, code, name, type, parent_id, path, depth, sort_order, created_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows.subList(i, Math.min(rows.size(), i + 5000)));
		}
		return rows.size();
	}
}
