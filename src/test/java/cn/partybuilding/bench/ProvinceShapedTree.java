package cn.partybuilding.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A province-shaped tree for the benchmarks that measure the organisation tree's size at a province (the drop-downs,
 * the assessment ranking): 100 schools × 10 colleges × 23 branches below a root, 23 100 organisations with codes
 * {@code CHB-S<s>}, {@code CHB-S<s>-C<c>}, {@code CHB-S<s>-C<c>-B<b>}. Written once: a data folder kept with
 * {@code -Dbench.clean=false} already holds it.
 */
final class ProvinceShapedTree {

	private ProvinceShapedTree() {
	}

	/** The tree written below {@code root}, unless it is there already. */
	static void below(JdbcClient jdbc, long root) {
		if (jdbc.sql("select count(*) from organization where code = 'CHB-S1'").query(Long.class).single() > 0) {
			return;
		}
		String top = jdbc.sql("select path from organization where id = ?").param(root).query(String.class).single();
		int depth = jdbc.sql("select depth from organization where id = ?").param(root).query(Integer.class).single();
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
				select nextval('organization_id_seq'), 'CHB-S' || s, '基准学校' || s || '党委', 'COMMITTEE', ?, '', ?, 100 + s
				from generate_series(1, 100) s""").params(root, depth + 1).update();
		jdbc.sql("update organization set path = ? || id || '/' where code like 'CHB-S%'").param(top).update();
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
				select nextval('organization_id_seq'), s.code || '-C' || c, '基准学院' || c || '党委', 'GENERAL_BRANCH', s.id,
				       s.path, ?, c
				from organization s cross join generate_series(1, 10) c where s.parent_id = ? and s.code like 'CHB-S%'""")
			.params(depth + 2, root).update();
		jdbc.sql("update organization set path = path || id || '/' where depth = ? and code like 'CHB-S%'").param(depth + 2).update();
		jdbc.sql("""
				insert into organization (id, code, name, type, parent_id, path, depth, sort_order)
				select nextval('organization_id_seq'), c.code || '-B' || b, '基准第' || b || '党支部', 'BRANCH', c.id, c.path, ?, b
				from organization c cross join generate_series(1, 23) b where c.depth = ? and c.code like 'CHB-S%'""")
			.params(depth + 3, depth + 2).update();
		jdbc.sql("update organization set path = path || id || '/' where depth = ? and code like 'CHB-S%'").param(depth + 3).update();
	}
}
