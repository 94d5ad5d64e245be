package cn.partybuilding.content;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.RichText;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.SearchQuery;
import cn.partybuilding.shared.SearchTerms;

/**
 * Items as their authors and reviewers work on them: drafts, versions, submission through the screen, review step
 * by step up the tree, publication (at once or at its time), withdrawal. Authors are those who manage the item's
 * organisation; reviewers are the 宣传 reviewers and administrators of the organisations in its review chain.
 */
@Service
@Transactional
class ContentItems {

	/** Who writes items for an organisation they manage. */
	static final Role[] AUTHORS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE, Role.CONTENT_REVIEWER };

	/** Who reviews and withdraws items at their organisation. */
	static final Role[] REVIEWERS = { Role.CONTENT_REVIEWER, Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN };

	static final int MAX_BODY = 200_000;

	/** The item as the contract writes it; {@code publishAt} is ISO or Beijing local time. */
	record ItemRequest(@Size(max = 10) String kind, @Size(max = 200) String title, @Size(max = 300) String summary,
			@Size(max = MAX_BODY) String body, Long orgId, @Size(max = 10) String audience, Long columnId,
			Boolean readReceipt, @Size(max = 40) String publishAt, @Size(max = 100) String cover,
			@Size(max = 50) List<Long> featuredMemberIds) {
	}

	record Attachment(String key, String name, long size, String type) {
	}

	/** One step of an item's history. */
	record HistoryLine(String action, int version, Integer step, String orgName, String actorName, String comment,
			Instant at) {
	}

	/** A version as kept. */
	record Version(int version, String title, String summary, String body, String cover, Audience audience,
			Long columnId, boolean readReceipt, Instant publishAt, List<Long> featured, List<Attachment> attachments,
			List<Map<String, Object>> flagged, Instant createdAt, String createdBy, Instant submittedAt) {
	}

	/** What the management pages and the API show of an item. */
	record ItemView(long id, ContentKind kind, ItemState state, long orgId, String orgName, String authorName,
			int version, Version working, boolean live, Integer publishedVersion, Instant publishedAt,
			Instant withdrawnAt, String withdrawnReason, List<Long> reviewChain, List<String> reviewChainNames,
			int reviewStep, List<HistoryLine> history, boolean mayEdit, boolean maySubmit, boolean mayReview,
			boolean mayWithdraw) {
	}

	/** A line of the management list. */
	record ItemLine(long id, ContentKind kind, ItemState state, long orgId, String orgName, String title,
			String authorName, Instant updatedAt, boolean live, Instant publishedAt, String waitingAt) {
	}

	record Filter(String q, ItemState state, ContentKind kind, Long orgId) {
	}

	private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> FLAGGED = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ContentSettings settings;

	private final JsonMapper json;

	private final Columns columns;

	private final ContentHtml html;

	private final Screen screen;

	ContentItems(JdbcTemplate jdbc, OrganizationScope scope, MemberDirectory members, ApplicationEventPublisher events,
			Clock clock, ContentSettings settings, JsonMapper json, Columns columns, ContentHtml html, Screen screen) {
		this.html = html;
		this.screen = screen;
		this.jdbc = jdbc;
		this.scope = scope;
		this.members = members;
		this.events = events;
		this.clock = clock;
		this.settings = settings;
		this.json = json;
		this.columns = columns;
	}

	// ---- writing

	Saved create(Caller caller, ItemRequest request) {
		Checked checked = check(caller, request);
		Instant now = clock.instant();
		long id = jdbc.queryForObject("""
				insert into content_item (kind, org_id, author_account, author_name, created_at, updated_at, state, version)
				values (?, ?, ?, ?, ?, ?, 'DRAFT', 1) returning id""", Long.class, checked.kind.name(), checked.orgId,
				caller.accountId(), caller.displayName(), Timestamp.from(now), Timestamp.from(now));
		insertVersion(id, 1, checked, List.of(), caller, now);
		events.publishEvent(new ContentChanged("content.create", "content", id, checked.title));
		return new Saved(id, ItemState.DRAFT, checked.warnings);
	}

	Saved edit(Caller caller, long id, ItemRequest request) {
		ContentItem item = authored(caller, id);
		Checked checked = check(caller, request);
		if (checked.kind != item.kind) {
			throw new FieldProblem("kind", "content.kind.fixed");
		}
		Version before = version(id, item.version);
		Instant now = clock.instant();
		if (item.edit()) {
			insertVersion(id, item.version, checked, before.attachments(), caller, now);
		}
		else {
			jdbc.update("""
					update content_version set title = ?, summary = ?, body = ?, cover = ?, audience = ?, column_id = ?,
					    read_receipt = ?, publish_at = ?, featured = ?, created_at = ?, created_by = ?
					where item_id = ? and version = ?""", checked.title, checked.summary, checked.body, checked.cover,
					checked.audience.name(), checked.columnId, checked.readReceipt, ts(checked.publishAt),
					longs(checked.featured), Timestamp.from(now), caller.displayName(), id, item.version);
		}
		jdbc.update("update content_item set org_id = ?, state = ?, version = ?, updated_at = ? where id = ?",
				checked.orgId, item.state.name(), item.version, Timestamp.from(now), id);
		events.publishEvent(new ContentChanged("content.edit", "content", id, checked.title + " v" + item.version));
		return new Saved(id, item.state, checked.warnings);
	}

	private record Checked(ContentKind kind, String title, String summary, String body, long orgId, Audience audience,
			Long columnId, boolean readReceipt, Instant publishAt, String cover, List<Long> featured,
			List<FieldProblem.Problem> warnings) {
	}

	/** A saved draft: its state and what the author should know of the cleaning (images dropped). */
	record Saved(long id, ItemState state, List<FieldProblem.Problem> warnings) {
	}

	private Checked check(Caller caller, ItemRequest r) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		ContentKind kind = parse(ContentKind.class, r.kind());
		if (kind == null) {
			problems.add(new FieldProblem.Problem("kind", "content.kind.required", new Object[0]));
		}
		String title = PlainText.clean(r.title());
		if (title == null || title.isBlank()) {
			problems.add(new FieldProblem.Problem("title", "content.title.required", new Object[0]));
		}
		String summary = PlainText.clean(r.summary());
		if (r.body() == null || RichText.text(RichText.sanitise(r.body())).isEmpty() && !r.body().contains("<img")) {
			problems.add(new FieldProblem.Problem("body", "content.body.required", new Object[0]));
		}
		Audience audience = parse(Audience.class, r.audience());
		if (audience == null) {
			problems.add(new FieldProblem.Problem("audience", "content.audience.required", new Object[0]));
		}
		if (r.orgId() == null) {
			problems.add(new FieldProblem.Problem("orgId", "content.org.required", new Object[0]));
		}
		if (r.columnId() != null && !columns.isOpen(r.columnId())) {
			problems.add(new FieldProblem.Problem("columnId", "content.column.unknown", new Object[0]));
		}
		Instant publishAt = null;
		if (r.publishAt() != null && !r.publishAt().isBlank()) {
			publishAt = PlatformZone.parse(r.publishAt().strip()).orElse(null);
			if (publishAt == null) {
				problems.add(new FieldProblem.Problem("publishAt", "content.publishAt.format", new Object[0]));
			}
		}
		String cover = r.cover() == null || r.cover().isBlank() ? null : r.cover().strip();
		if (cover != null && !ContentImages.OWN_URL.matcher(cover).matches()) {
			problems.add(new FieldProblem.Problem("cover", "content.cover.invalid", new Object[0]));
		}
		if (r.orgId() != null) {
			scope.requireReach(caller, r.orgId(), AUTHORS);
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		// only now, in scope and otherwise valid: cleaning stores the body's embedded images
		ContentHtml.Cleaned cleaned = html.clean(r.body(), caller);
		String body = cleaned.html();
		if (RichText.text(body).isEmpty() && !body.contains("<img")) {
			throw new FieldProblem("body", "content.body.required");
		}
		List<Long> featured = kind == ContentKind.FEATURE && r.featuredMemberIds() != null
				? r.featuredMemberIds().stream().distinct().toList() : List.of();
		if (!featured.isEmpty()) {
			Set<Long> reach = scope.subtree(r.orgId());
			List<MemberRef> found = members.refs(featured);
			if (found.size() != featured.size() || found.stream().anyMatch(m -> !reach.contains(m.organizationId()))) {
				throw new FieldProblem("featuredMemberIds", "content.featured.outside");
			}
		}
		return new Checked(kind, title, summary == null || summary.isBlank() ? null : summary, body, r.orgId(),
				audience, r.columnId(), kind == ContentKind.NOTICE && Boolean.TRUE.equals(r.readReceipt()), publishAt,
				cover, featured, cleaned.warnings());
	}

	private void insertVersion(long id, int version, Checked c, List<Attachment> attachments, Caller caller, Instant now) {
		jdbc.update("""
				insert into content_version (item_id, version, title, summary, body, cover, audience, column_id, read_receipt,
				    publish_at, featured, attachments, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""", id, version, c.title, c.summary, c.body,
				c.cover, c.audience.name(), c.columnId, c.readReceipt, ts(c.publishAt), longs(c.featured),
				json.writeValueAsString(attachments), Timestamp.from(now), caller.displayName());
	}

	/** Adds a file (already stored) to the working version; an item in review or rejected takes none. */
	void attach(Caller caller, long id, Attachment attachment) {
		ContentItem item = authored(caller, id);
		Version current = version(id, item.version);
		if (current.attachments().size() >= settings.maxAttachments()) {
			throw new FieldProblem("file", "content.attachments.tooMany", settings.maxAttachments());
		}
		List<Attachment> next = new ArrayList<>(current.attachments());
		next.add(attachment);
		rewriteAttachments(caller, item, current, next);
	}

	void detach(Caller caller, long id, int index) {
		ContentItem item = authored(caller, id);
		Version current = version(id, item.version);
		if (index < 0 || index >= current.attachments().size()) {
			throw new OutOfScopeException("content-attachment", id + "/" + index);
		}
		List<Attachment> next = new ArrayList<>(current.attachments());
		next.remove(index);
		rewriteAttachments(caller, item, current, next);
	}

	private void rewriteAttachments(Caller caller, ContentItem item, Version current, List<Attachment> next) {
		Instant now = clock.instant();
		if (item.edit()) {
			jdbc.update("""
					insert into content_version (item_id, version, title, summary, body, cover, audience, column_id,
					    read_receipt, publish_at, featured, attachments, created_at, created_by)
					select item_id, ?, title, summary, body, cover, audience, column_id, read_receipt, publish_at, featured,
					    ?::jsonb, ?, ? from content_version where item_id = ? and version = ?""", item.version,
					json.writeValueAsString(next), Timestamp.from(now), caller.displayName(), item.id, current.version());
		}
		else {
			jdbc.update("update content_version set attachments = ?::jsonb where item_id = ? and version = ?",
					json.writeValueAsString(next), item.id, item.version);
		}
		jdbc.update("update content_item set state = ?, version = ?, updated_at = ? where id = ?", item.state.name(),
				item.version, Timestamp.from(now), item.id);
		events.publishEvent(new ContentChanged("content.attachments", "content", item.id, current.title()));
	}

	// ---- review

	/**
	 * Submits the working version: the word list's BLOCK words stop it (each field with the words found in it);
	 * its REVIEW words go with it to the reviewers. The review chain is fixed now from the author organisation.
	 */
	ItemState submit(Caller caller, long id) {
		ContentItem item = authored(caller, id);
		Version working = version(id, item.version);
		List<WordHit> hits = screen(working);
		Map<String, List<String>> words = group(hits.stream().filter(WordHit::block).toList());
		if (!words.isEmpty()) {
			List<FieldProblem.Problem> problems = words.entrySet().stream()
				.map(e -> new FieldProblem.Problem(e.getKey(), "content.screen.blocked",
						new Object[] { String.join("、", e.getValue()) }))
				.toList();
			throw new FieldProblem(problems, words);
		}
		item.submit(reviewChain(item.orgId));
		Instant now = clock.instant();
		jdbc.update("update content_version set submitted_at = ?, flagged = ?::jsonb where item_id = ? and version = ?",
				Timestamp.from(now), json.writeValueAsString(hits.stream().filter(h -> !h.block())
					.map(h -> Map.of("field", h.field(), "word", h.word())).toList()), id, item.version);
		save(item, now);
		history(item, "SUBMIT", null, null, caller, null, now);
		events.publishEvent(new ContentChanged("content.submit", "content", id, working.title() + " v" + item.version));
		return item.state;
	}

	/**
	 * The organisations that review an item of this organisation, nearest first: the general branches and the
	 * committee above it, as many as the setting's levels; the committee reviews its own items itself.
	 */
	List<Long> reviewChain(long orgId) {
		List<OrgRef> lineage = new ArrayList<>(scope.lineage(orgId));
		// the school's 党委 ends the chain: a province's 教育工委 above the schools does not review their items
		OrganizationScope.schoolIn(lineage).ifPresent(school -> lineage.subList(0, lineage.indexOf(school)).clear());
		OrgRef own = lineage.remove(lineage.size() - 1);
		List<Long> chain = new ArrayList<>();
		for (int i = lineage.size() - 1; i >= 0 && chain.size() < settings.reviewLevels(); i--) {
			OrgRef above = lineage.get(i);
			if (above.type() == OrgType.GENERAL_BRANCH || above.type() == OrgType.COMMITTEE) {
				chain.add(above.id());
			}
		}
		if (chain.isEmpty()) {
			chain.add(lineage.isEmpty() ? own.id() : lineage.get(0).id());
		}
		return chain;
	}

	enum Decision {
		APPROVE, RETURN, REJECT
	}

	ItemState review(Caller caller, long id, Decision decision, String comment) {
		ContentItem item = load(id).orElseThrow(() -> new OutOfScopeException("content", id));
		if (!maySee(caller, item)) {
			throw new OutOfScopeException("content", id);
		}
		if (decision == null) {
			throw new FieldProblem("decision", "content.review.decision");
		}
		String cleanComment = PlainText.clean(comment);
		if (decision != Decision.APPROVE && (cleanComment == null || cleanComment.isBlank())) {
			throw new FieldProblem("comment", "content.review.commentRequired");
		}
		long reviewing = item.reviewingOrg();
		if (!reviewsAt(caller, reviewing) || caller.accountId() == item.authorAccount) {
			throw new NotPermittedException("content", id, "not a reviewer of this step");
		}
		int step = item.reviewStep;
		Instant now = clock.instant();
		Version working = version(id, item.version);
		String title = working.title();
		switch (decision) {
			case APPROVE -> {
				history(item, "APPROVE", step, reviewing, caller, cleanComment, now);
				if (item.approve()) {
					Instant at = working.publishAt();
					if (at != null && at.isAfter(now)) {
						item.schedule();
						save(item, now);
					}
					else {
						publish(item, working, now, caller.displayName());
					}
				}
				else {
					save(item, now);
				}
			}
			case RETURN -> {
				item.returnToAuthor();
				save(item, now);
				history(item, "RETURN", step, reviewing, caller, cleanComment, now);
				events.publishEvent(new ContentDecided(id, title, item.authorAccount, "RETURN", cleanComment,
						caller.displayName(), now));
			}
			case REJECT -> {
				item.reject();
				save(item, now);
				history(item, "REJECT", step, reviewing, caller, cleanComment, now);
				events.publishEvent(new ContentDecided(id, title, item.authorAccount, "REJECT", cleanComment,
						caller.displayName(), now));
			}
		}
		events.publishEvent(new ContentChanged("content.review." + decision.name().toLowerCase(), "content", id,
				title + " v" + item.version + (cleanComment == null ? "" : ": " + cleanComment)));
		return item.state;
	}

	/** Publishes the approved version: its fields become the live copy, its text the search terms. */
	private void publish(ContentItem item, Version approved, Instant now, String by) {
		boolean firstTime = item.publishedVersion == null;
		item.publish();
		String text = RichText.text(approved.body());
		jdbc.update("""
				update content_item set state = ?, published_version = ?, published_at = coalesce(published_at, ?),
				    title = ?, summary = ?, cover = ?, audience = ?, column_id = ?, read_receipt = ?,
				    terms = ?::tsvector, withdrawn_at = null, withdrawn_by = null, withdrawn_reason = null, updated_at = ?
				where id = ?""", item.state.name(), item.publishedVersion, Timestamp.from(now), approved.title(),
				approved.summary(), approved.cover(), approved.audience().name(), approved.columnId(),
				approved.readReceipt(), SearchTerms.lexemes(approved.title(), approved.summary(), text),
				Timestamp.from(now), item.id);
		history(item, "PUBLISH", null, null, null, by, now);
		String orgName = scope.find(item.orgId).map(OrgRef::name).orElse("");
		events.publishEvent(new ContentPublished(item.id, item.kind, item.orgId, orgName, approved.title(),
				item.authorAccount, now, firstTime, firstTime ? approved.featured() : List.of()));
		events.publishEvent(new ContentDecided(item.id, approved.title(), item.authorAccount, "PUBLISH", null, by, now));
	}

	/** Publishes the scheduled items whose time has come; returns how many. */
	int publishDue() {
		Instant now = clock.instant();
		List<Long> due = jdbc.queryForList("""
				select i.id from content_item i join content_version v on v.item_id = i.id and v.version = i.version
				where i.state = 'SCHEDULED' and (v.publish_at is null or v.publish_at <= ?) order by i.id
				for update of i skip locked""", Long.class, Timestamp.from(now));
		for (Long id : due) {
			ContentItem item = load(id).orElseThrow();
			publish(item, version(id, item.version), now, "定时发布");
		}
		return due.size();
	}

	ItemState withdraw(Caller caller, long id, String reason) {
		ContentItem item = load(id).orElseThrow(() -> new OutOfScopeException("content", id));
		if (!maySee(caller, item)) {
			throw new OutOfScopeException("content", id);
		}
		if (!mayWithdraw(caller, item)) {
			throw new NotPermittedException("content", id, "only reviewers and the committee withdraw");
		}
		String why = PlainText.clean(reason);
		if (why == null || why.isBlank()) {
			throw new FieldProblem("reason", "content.withdraw.reasonRequired");
		}
		Instant now = clock.instant();
		item.withdraw(now);
		jdbc.update("""
				update content_item set state = ?, withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ?, updated_at = ?
				where id = ?""", item.state.name(), Timestamp.from(now), caller.displayName(), why, Timestamp.from(now), id);
		history(item, "WITHDRAW", null, null, caller, why, now);
		String title = version(id, item.publishedVersion != null ? item.publishedVersion : item.version).title();
		events.publishEvent(new ContentDecided(id, title, item.authorAccount, "WITHDRAW", why, caller.displayName(), now));
		events.publishEvent(new ContentChanged("content.withdraw", "content", id, title + ": " + why));
		return item.state;
	}

	// ---- reading as author and reviewer

	ItemView view(Caller caller, long id) {
		ContentItem item = load(id).orElseThrow(() -> new OutOfScopeException("content", id));
		if (!maySee(caller, item)) {
			throw new OutOfScopeException("content", id);
		}
		Map<String, Object> row = jdbc.queryForMap(
				"select published_at, withdrawn_at, withdrawn_reason from content_item where id = ?", id);
		Map<Long, String> names = scope.qualifiedNames(concat(item.reviewChain, item.orgId));
		boolean author = mayAuthor(caller, item);
		boolean inReview = item.state == ItemState.IN_REVIEW;
		return new ItemView(id, item.kind, item.state, item.orgId, names.getOrDefault(item.orgId, ""), item.authorName,
				item.version, version(id, item.version), item.live(), item.publishedVersion,
				instant(row.get("published_at")), instant(row.get("withdrawn_at")), (String) row.get("withdrawn_reason"),
				item.reviewChain, item.reviewChain.stream().map(o -> names.getOrDefault(o, "")).toList(),
				item.reviewStep, history(id), author && item.state != ItemState.IN_REVIEW && item.state != ItemState.REJECTED,
				author && item.state == ItemState.DRAFT,
				inReview && reviewsAt(caller, item.reviewingOrg()) && caller.accountId() != item.authorAccount,
				(item.live() || item.state == ItemState.SCHEDULED) && mayWithdraw(caller, item));
	}

	Version version(long id, int version) {
		return jdbc.query("select * from content_version where item_id = ? and version = ?", (rs, n) -> version(rs), id,
				version).stream().findFirst().orElseThrow(() -> new OutOfScopeException("content-version", id + "/" + version));
	}

	/** The versions of an item the caller may see, newest first. */
	List<Version> versions(Caller caller, long id) {
		ContentItem item = load(id).orElseThrow(() -> new OutOfScopeException("content", id));
		if (!maySee(caller, item)) {
			throw new OutOfScopeException("content", id);
		}
		return jdbc.query("select * from content_version where item_id = ? order by version desc", (rs, n) -> version(rs), id);
	}

	private Version version(ResultSet rs) throws SQLException {
		return new Version(rs.getInt("version"), rs.getString("title"), rs.getString("summary"), rs.getString("body"),
				rs.getString("cover"), Audience.valueOf(rs.getString("audience")), (Long) rs.getObject("column_id"),
				rs.getBoolean("read_receipt"), instant(rs.getTimestamp("publish_at")), longs(rs.getArray("featured")),
				json.readValue(rs.getString("attachments"), ATTACHMENTS), json.readValue(rs.getString("flagged"), FLAGGED),
				instant(rs.getTimestamp("created_at")), rs.getString("created_by"), instant(rs.getTimestamp("submitted_at")));
	}

	List<Attachment> attachments(String stored) {
		return json.readValue(stored, ATTACHMENTS);
	}

	private List<HistoryLine> history(long id) {
		List<Map<String, Object>> rows = jdbc.queryForList("select * from content_review where item_id = ? order by id", id);
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(r -> (Long) r.get("org_id"))
			.filter(java.util.Objects::nonNull).toList());
		return rows.stream().map(r -> new HistoryLine((String) r.get("action"), (Integer) r.get("version"),
				(Integer) r.get("step"), r.get("org_id") == null ? null : names.get((Long) r.get("org_id")),
				(String) r.get("actor_name"), (String) r.get("comment"), instant(r.get("at")))).toList();
	}

	/**
	 * The items of the caller's organisations (and those waiting for them), newest first: by the words of the
	 * title (of the working version) or of the published text, by state, kind and organisation.
	 */
	Page<ItemLine> list(Caller caller, Filter filter, int page, int size) {
		Set<Long> orgs = scope.visibleTo(caller, AUTHORS);
		if (filter.orgId() != null) {
			orgs = scope.covered(caller, filter.orgId(), "content", AUTHORS);
		}
		if (orgs.isEmpty()) {
			return Page.empty(PageRequest.of(page, size));
		}
		StringBuilder where = new StringBuilder(" where i.org_id = any(?)");
		List<Object> args = new ArrayList<>();
		args.add(longs(List.copyOf(orgs)));
		if (filter.state() != null) {
			where.append(" and i.state = ?");
			args.add(filter.state().name());
		}
		if (filter.kind() != null) {
			where.append(" and i.kind = ?");
			args.add(filter.kind().name());
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			Optional<SearchQuery> query = SearchTerms.query(filter.q());
			where.append(" and (v.title ilike ? escape '\\'");
			args.add("%" + filter.q().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
			if (query.isPresent()) {
				where.append(" or i.terms @@ ?::tsquery");
				args.add(query.get().match());
			}
			where.append(")");
		}
		long total = jdbc.queryForObject("select count(*)" + LINES_FROM + where, Long.class, args.toArray());
		args.add(size);
		args.add((long) page * size);
		return new PageImpl<>(lines(where + " order by i.updated_at desc, i.id desc limit ? offset ?", args),
				PageRequest.of(page, size), total);
	}

	private static final String LINES_FROM = " from content_item i join content_version v on v.item_id = i.id and v.version = i.version";

	/** The lines of the items a condition (on aliases i and v, with its order and limit) selects, titles of their working versions. */
	private List<ItemLine> lines(String whereOrderLimit, List<Object> args) {
		List<Map<String, Object>> rows = jdbc.queryForList("""
				select i.id, i.kind, i.state, i.org_id, v.title, i.author_name, i.updated_at, i.published_version,
				    i.withdrawn_at, i.published_at, case when i.state = 'IN_REVIEW' then i.review_chain[i.review_step + 1] end as waiting
				""" + LINES_FROM + whereOrderLimit, args.toArray());
		List<Long> named = new ArrayList<>();
		rows.forEach(r -> {
			named.add((Long) r.get("org_id"));
			if (r.get("waiting") != null) {
				named.add((Long) r.get("waiting"));
			}
		});
		Map<Long, String> names = scope.qualifiedNames(named);
		return rows.stream().map(r -> new ItemLine((Long) r.get("id"),
				ContentKind.valueOf((String) r.get("kind")), ItemState.valueOf((String) r.get("state")),
				(Long) r.get("org_id"), names.getOrDefault((Long) r.get("org_id"), ""), (String) r.get("title"),
				(String) r.get("author_name"), instant(r.get("updated_at")),
				r.get("published_version") != null && r.get("withdrawn_at") == null, instant(r.get("published_at")),
				r.get("waiting") == null ? null : names.get((Long) r.get("waiting")))).toList();
	}

	/** The items waiting at one of the caller's review steps (not their own), oldest first. */
	List<ItemLine> waitingFor(Caller caller) {
		Set<Long> at = reviewingOrgs(caller);
		if (at.isEmpty()) {
			return List.of();
		}
		return lines("""
				 where i.state = 'IN_REVIEW' and i.review_chain[i.review_step + 1] = any(?) and i.author_account <> ?
				order by i.updated_at, i.id limit 200""", new ArrayList<>(List.of(longs(List.copyOf(at)), caller.accountId())));
	}


	long waitingCount(Caller caller) {
		Set<Long> at = reviewingOrgs(caller);
		return at.isEmpty() ? 0 : jdbc.queryForObject("""
				select count(*) from content_item where state = 'IN_REVIEW' and review_chain[review_step + 1] = any(?)
				    and author_account <> ?""", Long.class, longs(List.copyOf(at)), caller.accountId());
	}

	// ---- permissions

	/** The organisations where the caller reviews: 宣传 reviewers there, or its administrators. */
	static Set<Long> reviewingOrgs(Caller caller) {
		return caller.organizationsWith(REVIEWERS);
	}

	private static boolean reviewsAt(Caller caller, long orgId) {
		return reviewingOrgs(caller).contains(orgId);
	}

	private boolean mayAuthor(Caller caller, ContentItem item) {
		return scope.reaches(caller, item.orgId, AUTHORS);
	}

	/** Authors, reviewers of any step of its chain, and whoever reviews above its organisation. */
	private boolean maySee(Caller caller, ContentItem item) {
		return mayAuthor(caller, item) || item.reviewChain.stream().anyMatch(o -> reviewsAt(caller, o))
				|| scope.reaches(caller, item.orgId, REVIEWERS);
	}

	private boolean mayWithdraw(Caller caller, ContentItem item) {
		return scope.reaches(caller, item.orgId, REVIEWERS) && (item.reviewChain.stream().anyMatch(o -> reviewsAt(caller, o))
				|| caller.has(Role.COMMITTEE_ADMIN) || reviewingOrgs(caller).stream().anyMatch(o -> isCommittee(o)));
	}

	/** Whether the caller may withdraw the item (and so moderate its comments); false for an item they cannot see. */
	@Transactional(readOnly = true)
	boolean moderates(Caller caller, long id) {
		return load(id).filter(item -> maySee(caller, item)).map(item -> mayWithdraw(caller, item)).orElse(false);
	}

	/** A 党委: a school's, or the province's above the schools. */
	private boolean isCommittee(long orgId) {
		return scope.find(orgId).map(o -> o.type() == OrgType.COMMITTEE).orElse(false);
	}

	/** The item for its authors; others who may see it get 403, the rest 404. */
	private ContentItem authored(Caller caller, long id) {
		ContentItem item = load(id).orElseThrow(() -> new OutOfScopeException("content", id));
		if (!mayAuthor(caller, item)) {
			if (maySee(caller, item)) {
				throw new NotPermittedException("content", id, "not an author of this organisation");
			}
			throw new OutOfScopeException("content", id);
		}
		return item;
	}

	// ---- persistence of the aggregate

	Optional<ContentItem> load(long id) {
		return jdbc.query("""
				select i.*, v.submitted_at is not null as submitted from content_item i
				join content_version v on v.item_id = i.id and v.version = i.version where i.id = ?""",
				(rs, n) -> new ContentItem(rs.getLong("id"), ContentKind.valueOf(rs.getString("kind")),
						rs.getLong("org_id"), rs.getLong("author_account"), rs.getString("author_name"),
						ItemState.valueOf(rs.getString("state")), rs.getInt("version"), rs.getBoolean("submitted"),
						longs(rs.getArray("review_chain")), rs.getInt("review_step"),
						(Integer) rs.getObject("published_version"), instant(rs.getTimestamp("withdrawn_at"))),
				id).stream().findFirst();
	}

	private void save(ContentItem item, Instant now) {
		jdbc.update("""
				update content_item set state = ?, version = ?, review_chain = ?, review_step = ?, updated_at = ?
				where id = ?""", item.state.name(), item.version, longs(item.reviewChain), item.reviewStep,
				Timestamp.from(now), item.id);
	}

	private void history(ContentItem item, String action, Integer step, Long orgId, Caller caller, String comment,
			Instant at) {
		history(item, action, step, orgId, caller, comment, at, caller == null ? null : caller.displayName());
	}

	private void history(ContentItem item, String action, Integer step, Long orgId, Caller caller, String comment,
			Instant at, String actor) {
		jdbc.update("""
				insert into content_review (item_id, version, step, org_id, action, comment, account_id, actor_name, at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", item.id, item.version, step, orgId, action, comment,
				caller == null ? null : caller.accountId(), actor == null ? "" : actor, Timestamp.from(at));
	}

	// ---- small conversions

	static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	static Instant instant(Object value) {
		return value instanceof Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o ? o.toInstant() : null;
	}

	static Long[] longs(List<Long> values) {
		return values.toArray(Long[]::new);
	}

	static List<Long> longs(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((Long[]) array.getArray());
	}

	private static List<Long> concat(List<Long> list, long one) {
		List<Long> all = new ArrayList<>(list);
		all.add(one);
		return all;
	}

	/** A word of the list found in a field of the item: BLOCK words stop submission, the others go to the reviewer. */
	record WordHit(String field, String word, boolean block) {
	}

	/** What readers will read of a version, as the word list screens it: title, summary, text, image descriptions, file names. */
	static List<Screen.Field> screened(Version version) {
		List<Screen.Field> fields = new ArrayList<>();
		fields.add(new Screen.Field("title", version.title()));
		fields.add(new Screen.Field("summary", version.summary()));
		fields.add(new Screen.Field("body", RichText.text(version.body())));
		List<String> alts = ContentHtml.altTexts(version.body());
		for (int i = 0; i < alts.size(); i++) {
			fields.add(new Screen.Field("body.img[" + i + "].alt", alts.get(i)));
		}
		for (int i = 0; i < version.attachments().size(); i++) {
			fields.add(new Screen.Field("attachments[" + i + "].name", version.attachments().get(i).name()));
		}
		return fields;
	}

	private List<WordHit> screen(Version version) {
		return screen.screen(screened(version)).hits().stream()
			.map(h -> new WordHit(h.field(), h.word(), h.blocks())).toList();
	}

	/** The word list over one text. */
	List<WordHit> screen(String field, String text) {
		return screen.screen(new Screen.Field(field, text)).hits().stream()
			.map(h -> new WordHit(h.field(), h.word(), h.blocks())).toList();
	}


	private static Map<String, List<String>> group(List<WordHit> hits) {
		Map<String, List<String>> byField = new LinkedHashMap<>();
		hits.forEach(h -> {
			List<String> words = byField.computeIfAbsent(h.field(), f -> new ArrayList<>());
			if (!words.contains(h.word())) {
				words.add(h.word());
			}
		});
		return byField;
	}
}
