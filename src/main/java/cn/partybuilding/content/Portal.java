package cn.partybuilding.content;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.RichText;

/**
 * What the public portal shows: the live items whose audience is the public, newest first, by kind and column, and
 * one such item with its attachments. Organisations are named, people never (no authors, no comments, no likes).
 */
@Service
@Transactional(readOnly = true)
class Portal {

	static final String PUBLIC = Reading.LIVE + " and i.audience = 'PUBLIC'";

	static final int PAGE_SIZE = 15;

	static final int FEED_SIZE = 20;

	/** A line of a portal list. */
	record Line(long id, ContentKind kind, String title, String summary, String cover, String orgName,
			Instant publishedAt, Long columnId) {
	}

	/** An item of the feed: its text as a summary when it has none, and when its live text last changed. */
	record Entry(long id, ContentKind kind, String title, String summary, String orgName, Instant publishedAt,
			Instant updatedAt) {
	}

	/** A public item as the portal shows it: no author, no likes, no comments. */
	record Item(long id, ContentKind kind, String title, String summary, String body, String cover, String orgName,
			Instant publishedAt, Long columnId, String columnName, List<ContentItems.Attachment> attachments) {
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Reading reading;

	private final Columns columns;

	Portal(JdbcTemplate jdbc, OrganizationScope scope, Reading reading, Columns columns) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.reading = reading;
		this.columns = columns;
	}

	Page<Line> list(ContentKind kind, Long columnId, int page) {
		int safePage = Math.max(0, Math.min(page, 10_000));
		StringBuilder where = new StringBuilder(" where ").append(PUBLIC);
		List<Object> args = new ArrayList<>();
		if (kind != null) {
			where.append(" and i.kind = ?");
			args.add(kind.name());
		}
		if (columnId != null) {
			where.append(" and i.column_id = ?");
			args.add(columnId);
		}
		long total = jdbc.queryForObject("select count(*) from content_item i" + where, Long.class, args.toArray());
		args.add(PAGE_SIZE);
		args.add((long) safePage * PAGE_SIZE);
		List<Map<String, Object>> rows = jdbc.queryForList("""
				select i.id, i.kind, i.title, i.summary, i.cover, i.org_id, i.published_at, i.column_id
				from content_item i""" + where + " order by i.published_at desc, i.id desc limit ? offset ?",
				args.toArray());
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(r -> (Long) r.get("org_id")).toList());
		List<Line> lines = rows.stream().map(r -> new Line((Long) r.get("id"), ContentKind.valueOf((String) r.get("kind")),
				(String) r.get("title"), (String) r.get("summary"), (String) r.get("cover"),
				names.getOrDefault((Long) r.get("org_id"), ""), ContentItems.instant(r.get("published_at")),
				(Long) r.get("column_id"))).toList();
		return new PageImpl<>(lines, PageRequest.of(safePage, PAGE_SIZE), total);
	}

	/** The live public item, or nothing (a draft, a school or subtree item, a withdrawn one). */
	Optional<Item> item(long id) {
		return reading.readPublic(id).map(a -> new Item(a.id(), a.kind(), a.title(), a.summary(), a.body(), a.cover(),
				scope.qualifiedNames(List.of(a.orgId())).getOrDefault(a.orgId(), a.orgName()), a.publishedAt(),
				a.columnId(), a.columnName(), a.attachments()));
	}

	/** The attachment of a live public item, or nothing. */
	Optional<ContentItems.Attachment> attachment(long id, int index) {
		return reading.readPublic(id).flatMap(a -> index >= 0 && index < a.attachments().size()
				? Optional.of(a.attachments().get(index)) : Optional.empty());
	}

	/** The newest public items for the Atom feed; an entry is updated when an approved edit was published. */
	List<Entry> feed() {
		List<Map<String, Object>> rows = jdbc.queryForList("""
				select i.id, i.kind, i.title, i.summary, i.org_id, i.published_at, v.body,
				    (select max(r.at) from content_review r where r.item_id = i.id and r.action = 'PUBLISH') as updated
				from content_item i join content_version v on v.item_id = i.id and v.version = i.published_version
				where\s""" + PUBLIC + " order by i.published_at desc, i.id desc limit ?", FEED_SIZE);
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(r -> (Long) r.get("org_id")).toList());
		return rows.stream().map(r -> {
			String summary = (String) r.get("summary");
			if (summary == null || summary.isBlank()) {
				String text = RichText.text((String) r.get("body"));
				summary = text.length() > 200 ? text.substring(0, 200) + "…" : text;
			}
			Instant published = ContentItems.instant(r.get("published_at"));
			Instant updated = ContentItems.instant(r.get("updated"));
			return new Entry((Long) r.get("id"), ContentKind.valueOf((String) r.get("kind")), (String) r.get("title"),
					summary, names.getOrDefault((Long) r.get("org_id"), ""), published,
					updated == null || updated.isBefore(published) ? published : updated);
		}).toList();
	}

	List<Columns.Column> columns() {
		return columns.open();
	}

	/** A column's name, open or retired (its published items stay readable), or nothing. */
	Optional<String> columnName(long id) {
		return Optional.ofNullable(columns.name(id));
	}
}
