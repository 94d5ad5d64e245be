package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.assessment.Indicator.AppliesTo;
import cn.partybuilding.assessment.IndicatorSystem.State;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * The yearly indicator systems, versioned: the committee starts a draft (a copy of the year's published version, or
 * of the latest earlier year, or the standard twenty indicators), edits it and publishes it in one step; the version
 * it replaces stays on file. Scores always use the year's published version.
 */
@Component
class IndicatorSystems {

	/** An indicator as the committee edits it; the figure's direction decides how target and penalty read. */
	record IndicatorForm(String group, String code, String name, boolean automatic, BigDecimal max, BigDecimal target,
			BigDecimal penalty, AppliesTo appliesTo, String description) {
	}

	private final JdbcClient jdbc;

	private final Map<String, Figures.Kind> figures;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	IndicatorSystems(JdbcClient jdbc, List<Figures> figures, MessageSource messages, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.figures = figures.stream().flatMap(f -> f.kinds().stream())
			.collect(Collectors.toMap(Figures.Kind::code, Function.identity(), (a, b) -> a));
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	static boolean manages(Caller caller) {
		return caller.has(Role.COMMITTEE_ADMIN);
	}

	/** Every figure the modules compute, by code. */
	Map<String, Figures.Kind> figures() {
		return figures;
	}

	Optional<IndicatorSystem> published(int year) {
		return inState(year, State.PUBLISHED);
	}

	Optional<IndicatorSystem> draft(int year) {
		return inState(year, State.DRAFT);
	}

	/** Every version of a year, newest first, without their indicators. */
	List<IndicatorSystem> versions(int year) {
		return jdbc.sql("""
				select id, year, version, state, scores_general_branches, published_by, published_at from assessment_system
				where year = ? order by version desc""").param(year)
			.query((rs, n) -> new IndicatorSystem(rs.getLong(1), rs.getInt(2), rs.getInt(3), State.valueOf(rs.getString(4)),
					rs.getBoolean(5), rs.getString(6), instant(rs.getTimestamp(7)), List.of()))
			.list();
	}

	IndicatorSystem get(long id) {
		return jdbc.sql("select year, state from assessment_system where id = ?").param(id)
			.query((rs, n) -> load(rs.getInt(1), State.valueOf(rs.getString(2)), id)).optional()
			.orElseThrow(() -> new OutOfScopeException("assessment-system", id));
	}

	private Optional<IndicatorSystem> inState(int year, State state) {
		return jdbc.sql("select id from assessment_system where year = ? and state = ?").params(year, state.name())
			.query(Long.class).optional().map(id -> load(year, state, id));
	}

	private IndicatorSystem load(int year, State state, long id) {
		List<Indicator> indicators = jdbc.sql("""
				select id, position, group_name, code, name, automatic, max_score, target, penalty, applies_to, description
				from assessment_indicator where system_id = ? order by position, id""").param(id)
			.query((rs, n) -> new Indicator(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getBoolean(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
					AppliesTo.valueOf(rs.getString(10)), rs.getString(11)))
			.list();
		return jdbc.sql("select version, scores_general_branches, published_by, published_at from assessment_system where id = ?")
			.param(id)
			.query((rs, n) -> new IndicatorSystem(id, year, rs.getInt(1), state, rs.getBoolean(2), rs.getString(3),
					instant(rs.getTimestamp(4)), indicators))
			.single();
	}

	/**
	 * A new draft for the year: the year's published version, else the newest published version of an earlier year,
	 * else the standard indicators. One draft a year at a time (409).
	 */
	@Transactional
	long startDraft(Caller caller, int year) {
		requireManager(caller);
		checkYear(year);
		if (draft(year).isPresent()) {
			throw new ConflictProblem("year", "assessment.system.draft-exists");
		}
		Optional<IndicatorSystem> from = published(year).or(() -> jdbc.sql("""
				select year from assessment_system where state = 'PUBLISHED' and year < ? order by year desc limit 1""")
			.param(year).query(Integer.class).optional().flatMap(this::published));
		List<Indicator> indicators = from.map(IndicatorSystem::indicators)
			.orElseGet(() -> StandardIndicators.rows(figures.keySet(), messages));
		int version = jdbc.sql("select coalesce(max(version), 0) + 1 from assessment_system where year = ?").param(year)
			.query(Integer.class).single();
		long id = jdbc.sql("""
				insert into assessment_system (year, version, state, scores_general_branches, copied_from, created_by, created_at)
				values (?, ?, 'DRAFT', ?, ?, ?, ?) returning id""")
			.params(year, version, from.map(IndicatorSystem::scoresGeneralBranches).orElse(false),
					from.map(IndicatorSystem::id).orElse(null), caller.username(), java.sql.Timestamp.from(clock.instant()))
			.query(Long.class).single();
		insert(id, indicators.stream().map(i -> new IndicatorForm(i.group(), i.code(), i.name(), i.automatic(), i.max(),
				i.target(), i.penalty(), i.appliesTo(), i.description())).toList());
		events.publishEvent(new AssessmentChanged("assessment.system.draft", "assessment-system", id,
				year + " v" + version + from.map(f -> " ← v" + f.version() + " (" + f.year() + ")").orElse(" ← standard")));
		return id;
	}

	/** Replaces a draft's indicators and whether general branches are scored; a published version is never edited (409). */
	@Transactional
	void edit(Caller caller, long systemId, boolean scoresGeneralBranches, List<IndicatorForm> indicators) {
		requireManager(caller);
		IndicatorSystem system = get(systemId);
		if (system.state() != State.DRAFT) {
			throw new ConflictProblem("state", "assessment.system.not-draft");
		}
		validate(indicators);
		jdbc.sql("delete from assessment_indicator where system_id = ?").param(systemId).update();
		jdbc.sql("update assessment_system set scores_general_branches = ? where id = ?").params(scoresGeneralBranches, systemId)
			.update();
		insert(systemId, indicators);
		events.publishEvent(new AssessmentChanged("assessment.system.edit", "assessment-system", systemId,
				system.year() + " v" + system.version() + ": " + indicators.size()));
	}

	/** The draft becomes the year's system; the version it replaces stays on file. */
	@Transactional
	void publish(Caller caller, long systemId) {
		requireManager(caller);
		IndicatorSystem system = get(systemId);
		if (system.state() != State.DRAFT) {
			throw new ConflictProblem("state", "assessment.system.not-draft");
		}
		if (system.indicators().isEmpty()) {
			throw new FieldProblem("indicators", "assessment.system.empty");
		}
		jdbc.sql("update assessment_system set state = 'REPLACED' where year = ? and state = 'PUBLISHED'").param(system.year())
			.update();
		jdbc.sql("update assessment_system set state = 'PUBLISHED', published_by = ?, published_at = ? where id = ?")
			.params(caller.username(), java.sql.Timestamp.from(clock.instant()), systemId).update();
		events.publishEvent(new AssessmentChanged("assessment.system.publish", "assessment-system", systemId,
				system.year() + " v" + system.version()));
	}

	private void validate(List<IndicatorForm> indicators) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < indicators.size(); i++) {
			IndicatorForm f = indicators.get(i);
			String at = "indicators[" + i + "].";
			if (f.code() == null || !f.code().matches("[a-z][a-zA-Z0-9_.]{1,79}")) {
				problems.add(new FieldProblem.Problem(at + "code", "assessment.invalid.code", new Object[0]));
			}
			else if (!codes.add(f.code())) {
				problems.add(new FieldProblem.Problem(at + "code", "assessment.invalid.code-twice", new Object[0]));
			}
			else if (f.automatic() && !figures.containsKey(f.code())) {
				problems.add(new FieldProblem.Problem(at + "code", "assessment.invalid.unknown-figure", new Object[0]));
			}
			if (blank(f.name()) || f.name().length() > 200) {
				problems.add(new FieldProblem.Problem(at + "name", "assessment.invalid.name", new Object[0]));
			}
			if (blank(f.group()) || f.group().length() > 100) {
				problems.add(new FieldProblem.Problem(at + "group", "assessment.invalid.group", new Object[0]));
			}
			if (f.max() == null || f.max().signum() <= 0 || f.max().compareTo(BigDecimal.valueOf(1000)) > 0) {
				problems.add(new FieldProblem.Problem(at + "max", "assessment.invalid.max", new Object[0]));
			}
			if (f.automatic() && (f.target() == null || f.target().signum() < 0)) {
				problems.add(new FieldProblem.Problem(at + "target", "assessment.invalid.target", new Object[0]));
			}
			boolean lower = f.automatic() && figures.containsKey(f.code())
					&& figures.get(f.code()).direction() == Figures.Direction.LOWER_IS_BETTER;
			if (lower && (f.penalty() == null || f.penalty().signum() < 0)) {
				problems.add(new FieldProblem.Problem(at + "penalty", "assessment.invalid.penalty", new Object[0]));
			}
			if (f.appliesTo() == null) {
				problems.add(new FieldProblem.Problem(at + "appliesTo", "assessment.invalid.applies-to", new Object[0]));
			}
			if (f.description() != null && f.description().length() > 1000) {
				problems.add(new FieldProblem.Problem(at + "description", "assessment.invalid.description", new Object[0]));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
	}

	private void insert(long systemId, List<IndicatorForm> indicators) {
		int position = 0;
		for (IndicatorForm f : indicators) {
			jdbc.sql("""
					insert into assessment_indicator (system_id, position, group_name, code, name, automatic, max_score, target,
					                                  penalty, applies_to, description)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(systemId, ++position, f.group().strip(), f.code(), f.name().strip(), f.automatic(), f.max(),
						f.automatic() ? f.target() : null, f.automatic() ? f.penalty() : null, f.appliesTo().name(),
						f.description() == null ? "" : f.description().strip())
				.update();
		}
	}

	private static void requireManager(Caller caller) {
		if (!manages(caller)) {
			throw new NotPermittedException("assessment-system", "*", "manage");
		}
	}

	static void checkYear(int year) {
		if (year < 2000 || year > 2100) {
			throw new FieldProblem("year", "assessment.invalid.year");
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static Instant instant(java.sql.Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
