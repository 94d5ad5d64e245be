package cn.partybuilding.content;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * The committee's word list: words added, their action changed, removed, listed and searched. Only the committee
 * keeps it (a 党委 administrator, or a 宣传 reviewer granted at the root organisation); every change is audited
 * and raises the list's version, so the screen on every node rebuilds.
 */
@Service
@Transactional
class WordList {

	/** The longest word, as entered. */
	static final int MAX_LENGTH = 50;

	/** A word on the list. */
	record Word(long id, String word, String normalized, WordAction action, Instant createdAt, String createdBy,
			Instant updatedAt, String updatedBy) {
	}

	/** A word checked and ready to write: as entered (stripped), its normal form and action. */
	record Checked(String word, String normalized, WordAction action) {
	}

	/** A change to the word list (added, action changed, removed, imported). */
	record WordListChanged(String action, String entityId, String summary, Outcome outcome) implements AuditableEvent {

		WordListChanged(String action, String entityId, String summary) {
			this(action, entityId, summary, Outcome.SUCCESS);
		}

		@Override
		public String entityType() {
			return "content-word";
		}
	}

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final Screen screen;

	private final Clock clock;

	WordList(JdbcClient jdbc, OrganizationScope scope, ApplicationEventPublisher events, Screen screen, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.events = events;
		this.screen = screen;
		this.clock = clock;
	}

	/** Does the caller keep the list: a 党委 administrator, or a 宣传 reviewer granted at a 党委 (a school's or the province's)? */
	@Transactional(propagation = Propagation.SUPPORTS) // the menu of every page asks: no transaction of its own
	boolean keeps(Caller caller) {
		if (caller == null) {
			return false;
		}
		if (caller.has(Role.COMMITTEE_ADMIN)) {
			return true;
		}
		return caller.organizationsWith(Role.CONTENT_REVIEWER).stream()
			.map(scope::find)
			.flatMap(Optional::stream)
			.anyMatch(o -> o.type() == OrgType.COMMITTEE);
	}

	/** The caller, when they keep the list; else the audited 403. */
	Caller requireKeeper(Caller caller, String what) {
		if (!keeps(caller)) {
			throw new NotPermittedException("content-word", "*", what);
		}
		return caller;
	}

	/** The words whose text or normal form contains {@code q} (any action when null), newest first. */
	@Transactional(readOnly = true)
	Page<Word> list(Caller caller, String q, WordAction action, int page, int size) {
		requireKeeper(caller, "list");
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> params = new HashMap<>();
		if (q != null && !q.isBlank()) {
			String normal = ScreenText.normalise(q);
			where.append(" and (word ilike :q escape '\\'")
				.append(normal.isEmpty() ? "" : " or normalized like :n escape '\\'").append(')');
			params.put("q", "%" + like(q.strip()) + "%");
			if (!normal.isEmpty()) {
				params.put("n", "%" + like(normal) + "%");
			}
		}
		if (action != null) {
			where.append(" and action = :action");
			params.put("action", action.name());
		}
		long total = jdbc.sql("select count(*) from content_word" + where).params(params).query(Long.class).single();
		int safeSize = Math.max(1, Math.min(size, 200));
		int safePage = Math.max(page, 0);
		if (total == 0) {
			return Page.empty(PageRequest.of(safePage, safeSize));
		}
		List<Word> words = jdbc.sql("select * from content_word" + where + " order by updated_at desc, id desc limit "
				+ safeSize + " offset " + ((long) safePage * safeSize)).params(params).query(WordList::word).list();
		return new PageImpl<>(words, PageRequest.of(safePage, safeSize), total);
	}

	private static String like(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** Every word, in the order they were added (an export; at most {@code limit}). */
	@Transactional(readOnly = true)
	List<Word> all(Caller caller, int limit) {
		requireKeeper(caller, "export");
		return jdbc.sql("select * from content_word order by id limit " + limit).query(WordList::word).list();
	}

	@Transactional(readOnly = true)
	Word find(Caller caller, long id) {
		requireKeeper(caller, "read");
		return byId(id).orElseThrow(() -> new OutOfScopeException("content-word", id));
	}

	private Optional<Word> byId(long id) {
		return jdbc.sql("select * from content_word where id = ?").param(id).query(WordList::word).optional();
	}

	/** The word already on the list with this normal form. */
	@Transactional(readOnly = true)
	Optional<Word> byNormal(String normalized) {
		return jdbc.sql("select * from content_word where normalized = ?").param(normalized).query(WordList::word)
			.optional();
	}

	/**
	 * A word and an action as typed, checked: the word not blank, at most 50 characters, not only punctuation; the
	 * action BLOCK or REVIEW. FieldProblems on {@code word} and {@code action}, both at once.
	 */
	static Checked check(String word, String action) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String w = word == null ? "" : word.strip();
		String normal = "";
		if (w.isEmpty()) {
			problems.add(new FieldProblem.Problem("word", "content.word.word.required", new Object[0]));
		}
		else if (w.length() > MAX_LENGTH) {
			problems.add(new FieldProblem.Problem("word", "content.word.word.tooLong", new Object[] { MAX_LENGTH }));
		}
		else {
			normal = ScreenText.normalise(w);
			if (normal.isEmpty()) {
				problems.add(new FieldProblem.Problem("word", "content.word.word.nothing", new Object[0]));
			}
			else if (normal.length() > MAX_LENGTH) {
				problems.add(new FieldProblem.Problem("word", "content.word.word.tooLong", new Object[] { MAX_LENGTH }));
			}
		}
		WordAction a = null;
		if (action == null || action.isBlank()) {
			problems.add(new FieldProblem.Problem("action", "content.word.action.required", new Object[0]));
		}
		else {
			a = WordAction.of(action).orElse(null);
			if (a == null) {
				problems.add(new FieldProblem.Problem("action", "content.word.action.unknown", new Object[0]));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		return new Checked(w, normal, a);
	}

	/** Adds a word: 400 on a bad word or action, 409 on {@code word} when the list has it already (in any form). */
	Word add(Caller caller, String word, String action) {
		requireKeeper(caller, "add");
		Checked checked = check(word, action);
		byNormal(checked.normalized()).ifPresent(existing -> {
			throw new ConflictProblem("word", "content.word.word.duplicate", existing.word());
		});
		Word added;
		try {
			added = insert(checked, caller.username());
		}
		catch (DuplicateKeyException e) {
			throw new ConflictProblem("word", "content.word.word.duplicate", checked.word());
		}
		changed();
		events.publishEvent(new WordListChanged("content.word.add", Long.toString(added.id()),
				"添加敏感词“" + added.word() + "”（" + added.action().sheet + "）"));
		return added;
	}

	private Word insert(Checked checked, String by) {
		Instant now = clock.instant();
		long id = jdbc.sql("insert into content_word (word, normalized, action, created_at, created_by, updated_at, "
				+ "updated_by) values (?, ?, ?, ?, ?, ?, ?) returning id")
			.params(checked.word(), checked.normalized(), checked.action().name(), Timestamp.from(now), by,
					Timestamp.from(now), by)
			.query(Long.class)
			.single();
		return new Word(id, checked.word(), checked.normalized(), checked.action(), now, by, now, by);
	}

	/** Changes a word's action (404 for a word not on the list, 400 on an unknown action). */
	Word change(Caller caller, long id, String action) {
		requireKeeper(caller, "change");
		Word word = byId(id).orElseThrow(() -> new OutOfScopeException("content-word", id));
		if (action == null || action.isBlank()) {
			throw new FieldProblem("action", "content.word.action.required");
		}
		WordAction a = WordAction.of(action).orElseThrow(() -> new FieldProblem("action", "content.word.action.unknown"));
		if (a == word.action()) {
			return word;
		}
		Instant now = clock.instant();
		jdbc.sql("update content_word set action = ?, updated_at = ?, updated_by = ? where id = ?")
			.params(a.name(), Timestamp.from(now), caller.username(), id)
			.update();
		changed();
		events.publishEvent(new WordListChanged("content.word.change", Long.toString(id),
				"敏感词“" + word.word() + "”：" + word.action().sheet + " → " + a.sheet));
		return new Word(id, word.word(), word.normalized(), a, word.createdAt(), word.createdBy(), now,
				caller.username());
	}

	/** Removes a word (404 for a word not on the list). */
	void delete(Caller caller, long id) {
		requireKeeper(caller, "delete");
		Word word = byId(id).orElseThrow(() -> new OutOfScopeException("content-word", id));
		jdbc.sql("delete from content_word where id = ?").param(id).update();
		changed();
		events.publishEvent(new WordListChanged("content.word.delete", Long.toString(id),
				"删除敏感词“" + word.word() + "”（" + word.action().sheet + "）"));
	}

	/** What an import wrote: words added, words whose action it changed, words already so. */
	record Written(int added, int updated, int unchanged) {
	}

	/**
	 * Writes checked words in one go (an import): a word new to the list is added, one already on it takes the
	 * file's action. One audit entry for the lot, written by the caller of this.
	 */
	Written writeAll(Caller caller, List<Checked> words) {
		requireKeeper(caller, "import");
		int added = 0;
		int updated = 0;
		int unchanged = 0;
		Instant now = clock.instant();
		for (Checked c : words) {
			Optional<Word> existing = byNormal(c.normalized());
			if (existing.isEmpty()) {
				insert(c, caller.username());
				added++;
			}
			else if (existing.get().action() != c.action()) {
				jdbc.sql("update content_word set action = ?, updated_at = ?, updated_by = ? where id = ?")
					.params(c.action().name(), Timestamp.from(now), caller.username(), existing.get().id())
					.update();
				updated++;
			}
			else {
				unchanged++;
			}
		}
		if (added + updated > 0) {
			changed();
		}
		return new Written(added, updated, unchanged);
	}

	/**
	 * Adds a word or sets its action, for the demo and other loaders (no caller needed; written as {@code by}).
	 * Throws a FieldProblem for a word or action the list would refuse.
	 */
	Word put(String word, String action, String by) {
		Checked checked = check(word, action);
		Optional<Word> existing = byNormal(checked.normalized());
		Word result;
		if (existing.isEmpty()) {
			result = insert(checked, by);
		}
		else if (existing.get().action() != checked.action()) {
			jdbc.sql("update content_word set action = ?, updated_at = ?, updated_by = ? where id = ?")
				.params(checked.action().name(), Timestamp.from(clock.instant()), by, existing.get().id())
				.update();
			result = byId(existing.get().id()).orElseThrow();
		}
		else {
			return existing.get();
		}
		changed();
		return result;
	}

	/** Raises the list's version and rebuilds this node's screen once the change commits. */
	private void changed() {
		jdbc.sql("update content_word_list set version = version + 1, changed_at = now() where id = 1").update();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					screen.reload();
				}
			});
		}
		else {
			screen.reload();
		}
	}

	private static Word word(ResultSet rs, int n) throws SQLException {
		return new Word(rs.getLong("id"), rs.getString("word"), rs.getString("normalized"),
				WordAction.valueOf(rs.getString("action")), rs.getTimestamp("created_at").toInstant(),
				rs.getString("created_by"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
	}
}
