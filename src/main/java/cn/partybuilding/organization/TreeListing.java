package cn.partybuilding.organization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.FieldProblem;

/**
 * The caller's tree a page at a time, for a province's 24 000 organisations: the whole visible subtree in path order
 * (every organisation after its parent), or the organisations right below one, in their sort order. Each page is read
 * from an index from where the last one ended (keyset), never counted or sorted as a whole. The cursor is opaque to
 * clients: the last row's path, or its sort order and id, tagged with which of the two orders it continues.
 */
@Component
class TreeListing {

	/** One organisation of a page; {@code hasChildren} says whether asking for its children finds any. */
	record OrganizationListItem(long id, String code, String name, OrgType type, Long parentId, int depth, int sortOrder,
			boolean hasChildren) {
	}

	/** A page and where the next begins (null on the last page). */
	record Slice(List<OrganizationListItem> items, String next) {
	}

	private static final String COLUMNS = """
			select o.id, o.code, o.name, o.type, o.parent_id, o.depth, o.sort_order, o.path,
			       exists (select 1 from organization c where c.parent_id = o.id and c.dissolved_at is null) has_children
			from organization o""";

	private final JdbcClient jdbc;

	TreeListing(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The organisations below (and including) the given tops, in path order, from {@code after} on. The tops' paths
	 * bound the index range; {@code like any} keeps out what lies between two tops.
	 */
	@Transactional(readOnly = true)
	Slice under(List<String> topPaths, String after, int size) {
		if (topPaths.isEmpty()) {
			return new Slice(List.of(), null);
		}
		String from = after == null ? "" : decode(after, 'p');
		String low = topPaths.stream().min(Comparator.naturalOrder()).orElseThrow();
		String high = topPaths.stream().max(Comparator.naturalOrder()).orElseThrow() + "~";
		List<Row> rows = jdbc.sql(COLUMNS + """
				 where o.dissolved_at is null and o.path like any (cast(? as text[]))
				  and o.path ~>=~ ? and o.path ~<~ ? and o.path ~>~ ?
				order by o.path using ~<~ limit ?""")
			.params(topPaths.stream().map(p -> p + "%").toArray(String[]::new), low, high, from, size + 1)
			.query(TreeListing::row)
			.list();
		return slice(rows, size, r -> encode('p', r.path()));
	}

	/** The active organisations right below {@code parentId}, by sort order then id, from {@code after} on. */
	@Transactional(readOnly = true)
	Slice children(long parentId, String after, int size) {
		int sort = Integer.MIN_VALUE;
		long id = Long.MIN_VALUE;
		if (after != null) {
			String[] parts = decode(after, 'c').split(":");
			try {
				sort = Integer.parseInt(parts[0]);
				id = Long.parseLong(parts[1]);
			}
			catch (RuntimeException unreadable) {
				throw new FieldProblem("after", "keyset.after.invalid");
			}
		}
		List<Row> rows = jdbc.sql(COLUMNS + """
				 where o.dissolved_at is null and o.parent_id = ? and (o.sort_order, o.id) > (?, ?)
				order by o.sort_order, o.id limit ?""")
			.params(parentId, sort, id, size + 1)
			.query(TreeListing::row)
			.list();
		return slice(rows, size, r -> encode('c', r.listed().sortOrder() + ":" + r.listed().id()));
	}

	private record Row(OrganizationListItem listed, String path) {
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		long parent = rs.getLong("parent_id");
		Long parentId = rs.wasNull() ? null : parent;
		return new Row(new OrganizationListItem(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
				OrgType.valueOf(rs.getString("type")), parentId, rs.getInt("depth"),
				rs.getInt("sort_order"), rs.getBoolean("has_children")), rs.getString("path"));
	}

	private static Slice slice(List<Row> rows, int size, java.util.function.Function<Row, String> cursor) {
		List<OrganizationListItem> items = new ArrayList<>();
		rows.stream().limit(size).forEach(r -> items.add(r.listed()));
		return new Slice(items, rows.size() > size ? cursor.apply(rows.get(size - 1)) : null);
	}

	private static String encode(char order, String position) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString((order + position).getBytes(StandardCharsets.UTF_8));
	}

	/** The position a cursor holds, if it continues this order; otherwise a 400 on {@code after}. */
	private static String decode(String after, char order) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
			if (raw.isEmpty() || raw.charAt(0) != order) {
				throw new IllegalArgumentException(after);
			}
			return raw.substring(1);
		}
		catch (IllegalArgumentException unreadable) {
			throw new FieldProblem("after", "keyset.after.invalid");
		}
	}
}
