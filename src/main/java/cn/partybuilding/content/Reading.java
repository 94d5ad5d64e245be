package cn.partybuilding.content;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.RichText;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.SearchQuery;
import cn.partybuilding.shared.SearchTerms;

/**
 * What signed-in readers see: the live copies in their audience (public, the whole school, or the subtree of an
 * organisation they belong to or manage), newest first, by kind, column and words; an item with its approved text,
 * attachments, likes and comments; a notice that asks for it records its reading when it is opened — nothing to click.
 */
@Service
@Transactional(readOnly = true)
class Reading {

	static final String LIVE = "i.published_version is not null and i.withdrawn_at is null";

	record Line(long id, ContentKind kind, String title, String summary, String cover, String orgName, Instant publishedAt,
			Long columnId, String snippet) {
	}

	record Article(long id, ContentKind kind, String title, String summary, String body, String cover, long orgId,
			String orgName, Instant publishedAt, Long columnId, String columnName, List<ContentItems.Attachment> attachments,
			boolean readReceipt, long likes, boolean liked) {
	}

	record ReadRate(long orgId, String orgName, int members, int read) {

		public int percent() {
			return members == 0 ? 0 : Math.round(read * 100f / members);
		}
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final ContentItems items;

	private final MemberDirectory members;

	private final Columns columns;

	private final Clock clock;

	Reading(JdbcTemplate jdbc, OrganizationScope scope, ContentItems items, MemberDirectory members, Columns columns,
			Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.items = items;
		this.members = members;
		this.columns = columns;
		this.clock = clock;
	}

	/**
	 * The organisations whose SUBTREE items the caller reads: those they belong to or act at and every organisation
	 * above them, and the organisations they manage below.
	 */
	Set<Long> audienceOrgs(Caller caller) {
		Set<Long> orgs = new HashSet<>();
		for (Caller.Grant grant : caller.grants()) {
			if (grant.role().seesOrganizations()) {
				scope.lineage(grant.organizationId()).forEach(o -> orgs.add(o.id()));
			}
		}
		orgs.addAll(scope.visibleTo(caller, ContentItems.AUTHORS));
		return orgs;
	}

	/** The SQL condition (on alias i) and its argument: what the caller may read. */
	private String readable(Caller caller, List<Object> args) {
		args.add(ContentItems.longs(List.copyOf(audienceOrgs(caller))));
		return LIVE + " and (i.audience <> 'SUBTREE' or i.org_id = any(?))";
	}

	Page<Line> list(Caller caller, ContentKind kind, Long columnId, String q, int page, int size) {
		List<Object> args = new ArrayList<>();
		StringBuilder where = new StringBuilder(" where ").append(readable(caller, args));
		if (kind != null) {
			where.append(" and i.kind = ?");
			args.add(kind.name());
		}
		if (columnId != null) {
			where.append(" and i.column_id = ?");
			args.add(columnId);
		}
		List<String> needles = List.of();
		if (q != null && !q.isBlank()) {
			Optional<SearchQuery> query = SearchTerms.query(q);
			if (query.isEmpty()) {
				return Page.empty(PageRequest.of(page, size));
			}
			where.append(" and i.terms @@ ?::tsquery");
			args.add(query.get().match());
			needles = SearchTerms.needles(q);
		}
		long total = jdbc.queryForObject("select count(*) from content_item i" + where, Long.class, args.toArray());
		args.add(size);
		args.add((long) page * size);
		boolean searching = !needles.isEmpty();
		List<Map<String, Object>> rows = jdbc.queryForList("select i.id, i.kind, i.title, i.summary, i.cover, i.org_id, "
				+ "i.published_at, i.column_id" + (searching ? ", v.body" : "") + " from content_item i"
				+ (searching ? " join content_version v on v.item_id = i.id and v.version = i.published_version" : "")
				+ where + " order by i.published_at desc, i.id desc limit ? offset ?", args.toArray());
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(r -> (Long) r.get("org_id")).toList());
		List<String> found = needles;
		List<Line> lines = rows.stream().map(r -> new Line((Long) r.get("id"), ContentKind.valueOf((String) r.get("kind")),
				(String) r.get("title"), (String) r.get("summary"), (String) r.get("cover"),
				names.getOrDefault((Long) r.get("org_id"), ""), ContentItems.instant(r.get("published_at")),
				(Long) r.get("column_id"),
				searching ? SearchTerms.snippet(RichText.text((String) r.get("body")), found) : null)).toList();
		return new PageImpl<>(lines, PageRequest.of(page, size), total);
	}

	/** The live item for a reader in its audience (404 otherwise); a notice asking for it records this reading. */
	@Transactional
	Article read(Caller caller, long id) {
		List<Object> args = new ArrayList<>();
		String where = readable(caller, args);
		args.add(0, id);
		Map<String, Object> row = jdbc.queryForList("select i.*, v.body, v.attachments from content_item i "
				+ "join content_version v on v.item_id = i.id and v.version = i.published_version where i.id = ? and "
				+ where, args.toArray()).stream().findFirst().orElseThrow(() -> new OutOfScopeException("content", id));
		boolean receipt = Boolean.TRUE.equals(row.get("read_receipt"));
		if (receipt) {
			readerBranch(caller).ifPresent(branch -> jdbc.update("""
					insert into content_read (item_id, account_id, org_id, read_at) values (?, ?, ?, ?)
					on conflict do nothing""", id, caller.accountId(), branch, Timestamp.from(clock.instant())));
		}
		return article(row, caller.accountId());
	}

	/** The live public item for anyone (the portal), or nothing. */
	Optional<Article> readPublic(long id) {
		return jdbc.queryForList("select i.*, v.body, v.attachments from content_item i "
				+ "join content_version v on v.item_id = i.id and v.version = i.published_version where i.id = ? and "
				+ LIVE + " and i.audience = 'PUBLIC'", id).stream().findFirst().map(row -> article(row, null));
	}

	private Article article(Map<String, Object> row, Long accountId) {
		long id = (Long) row.get("id");
		long orgId = (Long) row.get("org_id");
		Long columnId = (Long) row.get("column_id");
		long likes = jdbc.queryForObject("select count(*) from content_like where item_id = ?", Long.class, id);
		boolean liked = accountId != null && jdbc.queryForObject(
				"select count(*) from content_like where item_id = ? and account_id = ?", Long.class, id, accountId) > 0;
		return new Article(id, ContentKind.valueOf((String) row.get("kind")), (String) row.get("title"),
				(String) row.get("summary"), (String) row.get("body"), (String) row.get("cover"), orgId,
				scope.find(orgId).map(OrgRef::name).orElse(""), ContentItems.instant(row.get("published_at")), columnId,
				columnId == null ? null : columns.name(columnId), items.attachments(String.valueOf(row.get("attachments"))),
				Boolean.TRUE.equals(row.get("read_receipt")), likes, liked);
	}

	/** The branch a reader is counted at for read rates: where they are a member. */
	private Optional<Long> readerBranch(Caller caller) {
		return caller.grants().stream().filter(g -> g.role() == Role.MEMBER).map(Caller.Grant::organizationId).findFirst();
	}

	@Transactional
	boolean like(Caller caller, long id, boolean on) {
		read(caller, id);
		if (on) {
			jdbc.update("insert into content_like (item_id, account_id, liked_at) values (?, ?, ?) on conflict do nothing",
					id, caller.accountId(), Timestamp.from(clock.instant()));
		}
		else {
			jdbc.update("delete from content_like where item_id = ? and account_id = ?", id, caller.accountId());
		}
		return on;
	}

	/**
	 * A notice's read rate per branch of its audience within the caller's reach: its members with accounts and how
	 * many of them opened it. For the item's authors and reviewers.
	 */
	List<ReadRate> readRates(Caller caller, long id) {
		ContentItems.ItemView item = items.view(caller, id);
		Map<String, Object> row = jdbc.queryForMap("select audience, read_receipt from content_item where id = ?", id);
		if (!Boolean.TRUE.equals(row.get("read_receipt")) || !item.live() && item.withdrawnAt() == null) {
			return List.of();
		}
		Set<Long> audience = "SUBTREE".equals(row.get("audience")) ? scope.subtree(item.orgId())
				: scope.visibleTo(caller, ContentItems.AUTHORS);
		Set<Long> reach = new HashSet<>(scope.visibleTo(caller, ContentItems.AUTHORS));
		reach.addAll(scope.visibleTo(caller, ContentItems.REVIEWERS));
		List<Long> branches = scope.findAll(audience).stream()
			.filter(o -> o.type() == OrgType.BRANCH && reach.contains(o.id())).map(OrgRef::id).toList();
		if (branches.isEmpty()) {
			return List.of();
		}
		Map<Long, Integer> counts = members.accountCountsIn(branches);
		Map<Long, Integer> read = new LinkedHashMap<>();
		jdbc.query("select org_id, count(*) from content_read where item_id = ? and org_id = any(?) group by org_id",
				rs -> {
					read.put(rs.getLong(1), rs.getInt(2));
				}, id, ContentItems.longs(branches));
		Map<Long, String> names = scope.qualifiedNames(branches);
		return branches.stream().map(b -> new ReadRate(b, names.getOrDefault(b, ""), counts.getOrDefault(b, 0),
				read.getOrDefault(b, 0))).sorted(java.util.Comparator.comparing(ReadRate::percent)).toList();
	}
}
