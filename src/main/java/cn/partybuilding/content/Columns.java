package cn.partybuilding.content;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/** 专栏 (两学一做, 党史学习, 先锋模范 …): defined by the committee, chosen by authors, read as pages of their own. */
@Service
@Transactional
class Columns {

	record ColumnRequest(@Size(max = 40) String name, @Size(max = 500) String description, Integer position) {
	}

	record Column(long id, String name, String description, int position) {

		/** For the options fragment of forms. */
		public String label() {
			return name;
		}
	}

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Columns(JdbcTemplate jdbc, OrganizationScope scope, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * The committee: its administrators and its 宣传 reviewers (granted at a 党委, a school's or the province's). Asked
	 * by the menu of every page: no transaction of its own (the tree is in memory).
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	boolean isCommittee(Caller caller) {
		return caller.organizationsWith(Role.COMMITTEE_ADMIN, Role.CONTENT_REVIEWER).stream()
			.anyMatch(o -> scope.find(o).map(org -> org.type() == OrgType.COMMITTEE).orElse(false));
	}

	List<Column> open() {
		return jdbc.query("select id, name, description, position from content_column where retired_at is null order by position, id",
				(rs, n) -> new Column(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getInt("position")));
	}

	/** A column's name, retired or not (its published items keep it). */
	String name(long id) {
		return jdbc.queryForList("select name from content_column where id = ?", String.class, id).stream().findFirst()
			.orElse(null);
	}

	boolean isOpen(long id) {
		return jdbc.queryForObject("select count(*) from content_column where id = ? and retired_at is null", Long.class, id) > 0;
	}

	Column find(long id) {
		return open().stream().filter(c -> c.id() == id).findFirst().orElseThrow(() -> new OutOfScopeException("content-column", id));
	}

	long create(Caller caller, ColumnRequest request) {
		requireCommittee(caller);
		String name = name(request);
		try {
			long id = jdbc.queryForObject("""
					insert into content_column (name, description, position, created_at, created_by) values (?, ?, ?, ?, ?)
					returning id""", Long.class, name, PlainText.clean(request.description()),
					request.position() == null ? 0 : request.position(), Timestamp.from(clock.instant()), caller.displayName());
			events.publishEvent(new ContentChanged("content.column", "content-column", id, "+ " + name));
			return id;
		}
		catch (DuplicateKeyException taken) {
			throw new ConflictProblem("name", "content.column.taken", name);
		}
	}

	void change(Caller caller, long id, ColumnRequest request) {
		requireCommittee(caller);
		find(id);
		String name = name(request);
		try {
			jdbc.update("update content_column set name = ?, description = ?, position = ? where id = ?", name,
					PlainText.clean(request.description()), request.position() == null ? 0 : request.position(), id);
			events.publishEvent(new ContentChanged("content.column", "content-column", id, name));
		}
		catch (DuplicateKeyException taken) {
			throw new ConflictProblem("name", "content.column.taken", name);
		}
	}

	/** A retired column takes no new items; its published items stay readable. */
	void retire(Caller caller, long id) {
		requireCommittee(caller);
		find(id);
		jdbc.update("update content_column set retired_at = ? where id = ?", Timestamp.from(clock.instant()), id);
		events.publishEvent(new ContentChanged("content.column", "content-column", id, "- " + name(id)));
	}

	private static String name(ColumnRequest request) {
		String name = PlainText.clean(request.name());
		if (name == null || name.isBlank()) {
			throw new FieldProblem("name", "content.column.nameRequired");
		}
		return name.strip();
	}

	private void requireCommittee(Caller caller) {
		if (!isCommittee(caller)) {
			throw new NotPermittedException("content-column", "*", "committee only");
		}
	}
}
