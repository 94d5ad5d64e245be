package cn.partybuilding.content;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * Readers' comments under an item, with their names: screened by the word list (BLOCK refuses, REVIEW waits for a
 * reviewer, and every comment waits when the setting says so); a reader deletes their own, the item's reviewers
 * approve or hide.
 */
@Service
@Transactional
class Comments {

	static final int MAX_LENGTH = 1000;

	record CommentRequest(@Size(max = MAX_LENGTH) String body) {
	}

	record Comment(long id, long accountId, String authorName, String body, String state, Instant createdAt,
			boolean mine) {
	}

	private final JdbcTemplate jdbc;

	private final Reading reading;

	private final ContentItems items;

	private final ContentSettings settings;

	private final Clock clock;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	Comments(JdbcTemplate jdbc, Reading reading, ContentItems items, ContentSettings settings, Clock clock,
			JsonMapper json, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.reading = reading;
		this.items = items;
		this.settings = settings;
		this.clock = clock;
		this.json = json;
		this.events = events;
	}

	Comment add(Caller caller, long itemId, String text) {
		reading.read(caller, itemId);
		String body = PlainText.clean(text);
		if (body == null || body.isBlank()) {
			throw new FieldProblem("body", "content.comment.required");
		}
		if (body.length() > MAX_LENGTH) {
			throw new FieldProblem("body", "content.comment.tooLong", MAX_LENGTH);
		}
		List<ContentItems.WordHit> hits = items.screen("body", body);
		List<String> blocked = hits.stream().filter(ContentItems.WordHit::block).map(ContentItems.WordHit::word).distinct().toList();
		if (!blocked.isEmpty()) {
			throw new FieldProblem(List.of(new FieldProblem.Problem("body", "content.screen.blocked",
					new Object[] { String.join("、", blocked) })), Map.of("body", blocked));
		}
		List<String> flagged = hits.stream().map(ContentItems.WordHit::word).distinct().toList();
		String state = settings.commentsReviewed() || !flagged.isEmpty() ? "PENDING" : "VISIBLE";
		Instant now = clock.instant();
		long id = jdbc.queryForObject("""
				insert into content_comment (item_id, account_id, author_name, body, state, flagged, created_at)
				values (?, ?, ?, ?, ?, ?::jsonb, ?) returning id""", Long.class, itemId, caller.accountId(),
				caller.displayName(), body, state, json.writeValueAsString(flagged), Timestamp.from(now));
		events.publishEvent(new ContentChanged("content.comment", "content-comment", id, body));
		return new Comment(id, caller.accountId(), caller.displayName(), body, state, now, true);
	}

	/** The visible comments and the reader's own pending ones; a reviewer of the item sees the pending ones too. */
	@Transactional(readOnly = true)
	List<Comment> of(Caller caller, long itemId, boolean reviewer) {
		return jdbc.query("""
				select id, account_id, author_name, body, state, created_at from content_comment
				where item_id = ? and (state = 'VISIBLE' or state = 'PENDING' and (account_id = ? or ?)) order by id""",
				(rs, n) -> new Comment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getTimestamp(6).toInstant(), rs.getLong(2) == caller.accountId()),
				itemId, caller.accountId(), reviewer);
	}

	/** A reader deletes their own comment. */
	void delete(Caller caller, long itemId, long commentId) {
		int changed = jdbc.update("""
				update content_comment set state = 'DELETED' where id = ? and item_id = ? and account_id = ?
				    and state <> 'DELETED'""", commentId, itemId, caller.accountId());
		if (changed == 0) {
			throw new OutOfScopeException("content-comment", commentId);
		}
		events.publishEvent(new ContentChanged("content.comment.delete", "content-comment", commentId, ""));
	}

	/** A reviewer of the item shows a pending comment or hides any. */
	void moderate(Caller caller, long itemId, long commentId, boolean show) {
		if (!mayModerate(caller, itemId)) {
			throw new NotPermittedException("content-comment", commentId, "not a reviewer of the item");
		}
		int changed = jdbc.update("""
				update content_comment set state = ?, decided_by = ? where id = ? and item_id = ? and state <> 'DELETED'""",
				show ? "VISIBLE" : "HIDDEN", caller.displayName(), commentId, itemId);
		if (changed == 0) {
			throw new OutOfScopeException("content-comment", commentId);
		}
		events.publishEvent(new ContentChanged(show ? "content.comment.approve" : "content.comment.hide",
				"content-comment", commentId, ""));
	}

	/** Whoever may withdraw the item moderates its comments. */
	boolean mayModerate(Caller caller, long itemId) {
		return items.moderates(caller, itemId);
	}

	@Transactional(readOnly = true)
	long pendingCount(long itemId) {
		return jdbc.queryForObject("select count(*) from content_comment where item_id = ? and state = 'PENDING'",
				Long.class, itemId);
	}
}
