package cn.partybuilding.content;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What the demo university tells 宣传: the committee's word list, columns defined, items written, submitted, reviewed and withdrawn through the
 * same rules as the pages and the API (so their versions and history are real), then dated back to when they
 * happened, and the readings of notices that ask for a read receipt.
 */
@Facade("what the demo tells content: the word list, columns, items written and reviewed through the rules, dated back, readings of notices")
@Service
@Transactional
public class ContentRecords {

	private final ContentItems items;

	private final Columns columns;

	private final JdbcTemplate jdbc;

	private final WordList words;

	ContentRecords(ContentItems items, Columns columns, JdbcTemplate jdbc, WordList words) {
		this.items = items;
		this.words = words;
		this.columns = columns;
		this.jdbc = jdbc;
	}

	/** A word of the committee's list: BLOCK stops a submission, REVIEW marks it for the reviewer. */
	public void word(Caller committee, String word, String action) {
		words.add(committee, word, action);
	}

	/** A column of the committee (its administrators and 宣传 reviewers define them). */
	public long column(Caller committee, String name, String description, int position) {
		return columns.create(committee, new Columns.ColumnRequest(name, description, position));
	}

	/** A draft by its author, as the form writes it; returns its id. */
	public long write(Caller author, ContentOnFile item) {
		return items.create(author, request(item)).id();
	}

	/** The author edits the working version (a returned item becomes a draft again, with a new version). */
	public void edit(Caller author, long id, ContentOnFile item) {
		items.edit(author, id, request(item));
	}

	/** Submits the working version through the word list's screen; returns the state (IN_REVIEW). */
	public String submit(Caller author, long id) {
		return items.submit(author, id).name();
	}

	/** A decision at the step the item waits at: APPROVE, RETURN or REJECT, with a comment; returns the new state. */
	public String review(Caller reviewer, long id, String decision, String comment) {
		return items.review(reviewer, id, ContentItems.Decision.valueOf(decision), comment).name();
	}

	public String withdraw(Caller reviewer, long id, String reason) {
		return items.withdraw(reviewer, id, reason).name();
	}

	/**
	 * Moves every time of an item (its creation, versions, history, publication, withdrawal) back so that the last
	 * thing that happened to it happened at {@code at}; their order and spacing are kept.
	 */
	public void datedBack(long id, Instant at) {
		Instant latest = jdbc.queryForObject("""
				select greatest(i.updated_at, coalesce(max(r.at), i.updated_at)) from content_item i
				left join content_review r on r.item_id = i.id where i.id = ? group by i.id, i.updated_at""",
				Timestamp.class, id).toInstant();
		String shift = Duration.between(at, latest).toMillis() + " milliseconds";
		jdbc.update("""
				update content_item set created_at = created_at - ?::interval, updated_at = updated_at - ?::interval,
				    published_at = published_at - ?::interval, withdrawn_at = withdrawn_at - ?::interval where id = ?""",
				shift, shift, shift, shift, id);
		jdbc.update("""
				update content_version set created_at = created_at - ?::interval, submitted_at = submitted_at - ?::interval
				where item_id = ?""", shift, shift, id);
		jdbc.update("update content_review set at = at - ?::interval where item_id = ?", shift, id);
	}

	/** Readings of a notice that asks for them: each reader's account and the branch they are counted at. */
	public int read(long id, Map<Long, Long> branchOfAccount, Instant at) {
		List<Object[]> rows = new ArrayList<>(branchOfAccount.size());
		long n = 0;
		for (Map.Entry<Long, Long> e : branchOfAccount.entrySet()) {
			// spread over the day after publication, one reader a couple of minutes after another
			rows.add(new Object[] { id, e.getKey(), e.getValue(), Timestamp.from(at.plusSeconds(97 * n++ % 86_400)) });
		}
		jdbc.batchUpdate("insert into content_read (item_id, account_id, org_id, read_at) values (?, ?, ?, ?) "
				+ "on conflict do nothing", rows);
		return rows.size();
	}

	private static ContentItems.ItemRequest request(ContentOnFile item) {
		return new ContentItems.ItemRequest(item.kind(), item.title(), item.summary(), item.body(), item.orgId(),
				item.audience(), item.columnId(), item.readReceipt(), item.publishAt() == null ? null
						: item.publishAt().toString(), null, item.featuredMemberIds());
	}
}
