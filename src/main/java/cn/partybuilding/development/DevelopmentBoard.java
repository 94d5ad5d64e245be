package cn.partybuilding.development;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * What the pages of 发展党员 read besides one person's file: the count by stage for the board, the people whose
 * next step waits for the 上级党委, the overdue talks, the 待办 counts, who may do a step, the branch's 正式党员
 * to choose 培养联系人 and 入党介绍人 from. Every query is limited to the caller's scope.
 */
@Component
@Transactional(readOnly = true)
class DevelopmentBoard {

	static final Role[] BRANCH = { Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE };

	static final Role[] HIGHER = { Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN };

	/** The steps the 上级党委 does (预审, 审批, 备案, training, talk), and the one above it does (step 18). */
	static final List<Integer> HIGHER_STEPS = List.of(4, 8, 11, 13, 16, 17, 24);

	static final int HIGHER_STILL_STEP = 18;

	/** Every step done above the branch (the branch's 待办 leaves them out). */
	private static final List<Integer> ABOVE_BRANCH = java.util.stream.Stream
		.concat(HIGHER_STEPS.stream(), java.util.stream.Stream.of(HIGHER_STILL_STEP)).toList();

	/** The steps that wait for this caller above the branch: step 18 only for the committee. */
	private static List<Integer> stepsFor(Caller caller) {
		return caller.has(Role.COMMITTEE_ADMIN) ? ABOVE_BRANCH : HIGHER_STEPS;
	}

	/** A person waiting for the 上级党委: the step, since when it is possible, and the approval's deadline. */
	record Waiting(long id, String name, String staffNumber, long organizationId, String organizationName,
			Stage stage, int nextStep, LocalDate possibleFrom, LocalDate voted, LocalDate deadline, boolean warn,
			boolean late) {
	}

	/** A person whose talk (step 2) is more than a month late. */
	record OverdueTalk(long id, String name, String staffNumber, long organizationId, String organizationName,
			LocalDate appliedOn, LocalDate dueBy) {
	}

	/** A 正式党员 to choose as 培养联系人 or 入党介绍人. */
	record Option(long id, String label) {
	}

	private final NamedParameterJdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final DevelopmentPeople people;

	private final MemberDirectory members;

	private final Clock clock;

	DevelopmentBoard(NamedParameterJdbcTemplate jdbc, OrganizationScope scope, DevelopmentPeople people,
			MemberDirectory members, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.people = people;
		this.members = members;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(clock);
	}

	/** Whether the caller acts at the level the step names for a person of this branch (as the service checks). */
	boolean mayDo(Caller caller, long branchId, Step step) {
		return switch (step.level()) {
			case BRANCH -> scope.reaches(caller, branchId, BRANCH);
			case HIGHER -> people.higherOf(branchId).map(h -> scope.reaches(caller, h, HIGHER)).orElse(false);
			case HIGHER_STILL -> scope.reaches(caller, branchId, Role.COMMITTEE_ADMIN);
		};
	}

	/** Whether the caller works at a 上级党委 (a general branch or the committee). */
	static boolean worksAbove(Caller caller) {
		return caller.has(HIGHER);
	}

	/** Whether the caller works in a branch. */
	static boolean worksInBranch(Caller caller) {
		return caller.has(BRANCH);
	}

	/**
	 * The people whose next step the caller does as the 上级党委 (and, for the committee, step 18), oldest first;
	 * 审批 (17, 24) carry their deadline: 3 months from the 支部大会, a warning after 2½.
	 */
	List<Waiting> waitingAbove(Caller caller, int limit) {
		Set<Long> orgs = scope.visibleToOrAll(caller, HIGHER);
		if (orgs != null && orgs.isEmpty()) {
			return List.of();
		}
		LocalDate today = today();
		var params = new MapSqlParameterSource("steps", stepsFor(caller)).addValue("limit", limit);
		List<Waiting> rows = jdbc.query("""
				select a.id, a.name, a.staff_number, a.organization_id, a.stage, a.next_step, a.next_possible,
				  (select max(s.done_on) from development_step s where s.applicant_id = a.id and s.decision = 'APPROVED'
				     and s.step = case a.next_step when 17 then 15 when 24 then 23 else -1 end) as voted
				from applicant a
				where a.closed is null and a.next_step in (:steps)""" + scoped(orgs, "a.organization_id", params) + """
				order by coalesce(a.next_possible, a.stage_since), a.id
				limit :limit""", params, (rs, n) -> {
			LocalDate voted = rs.getDate("voted") == null ? null : rs.getDate("voted").toLocalDate();
			LocalDate deadline = voted == null ? null : voted.plusMonths(DevelopmentPath.APPROVAL_MONTHS);
			boolean warn = voted != null && !today.isBefore(voted.plusMonths(2).plusDays(15));
			boolean late = deadline != null && today.isAfter(deadline);
			return new Waiting(rs.getLong("id"), rs.getString("name"), rs.getString("staff_number"),
					rs.getLong("organization_id"), "", Stage.valueOf(rs.getString("stage")), rs.getInt("next_step"),
					rs.getDate("next_possible") == null ? null : rs.getDate("next_possible").toLocalDate(), voted,
					deadline, warn, late);
		});
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(Waiting::organizationId).distinct().toList());
		return rows.stream()
			.map(w -> new Waiting(w.id(), w.name(), w.staffNumber(), w.organizationId(),
					names.getOrDefault(w.organizationId(), ""), w.stage(), w.nextStep(), w.possibleFrom(), w.voted(),
					w.deadline(), w.warn(), w.late()))
			.toList();
	}

	/** The talks not held within a month of the application, in the caller's scope, the oldest first. */
	List<OverdueTalk> overdueTalks(Caller caller, int limit) {
		Set<Long> orgs = scope.visibleToOrAll(caller, DevelopmentPeople.READ);
		if (orgs != null && orgs.isEmpty()) {
			return List.of();
		}
		var params = new MapSqlParameterSource()
			.addValue("before", Date.valueOf(today().minusMonths(DevelopmentPath.TALK_MONTHS)))
			.addValue("limit", limit);
		List<OverdueTalk> rows = jdbc.query("""
				select id, name, staff_number, organization_id, applied_on from applicant
				where closed is null and next_step = 2 and applied_on < :before""" + scoped(orgs, "organization_id", params) + """
				order by applied_on, id limit :limit""", params, (rs, n) -> {
			LocalDate applied = rs.getDate("applied_on").toLocalDate();
			return new OverdueTalk(rs.getLong("id"), rs.getString("name"), rs.getString("staff_number"),
					rs.getLong("organization_id"), "", applied, applied.plusMonths(DevelopmentPath.TALK_MONTHS));
		});
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(OverdueTalk::organizationId).distinct().toList());
		return rows.stream()
			.map(t -> new OverdueTalk(t.id(), t.name(), t.staffNumber(), t.organizationId(),
					names.getOrDefault(t.organizationId(), ""), t.appliedOn(), t.dueBy()))
			.toList();
	}

	/** Per branch the caller works in: overdue talks, and branch steps possible today. */
	Map<Long, long[]> branchToDos(Caller caller) {
		Set<Long> orgs = scope.visibleToOrAll(caller, BRANCH);
		Map<Long, long[]> byOrg = new java.util.TreeMap<>();
		if (orgs != null && orgs.isEmpty()) {
			return byOrg;
		}
		LocalDate today = today();
		var params = new MapSqlParameterSource()
			.addValue("before", Date.valueOf(today.minusMonths(DevelopmentPath.TALK_MONTHS)))
			.addValue("today", Date.valueOf(today))
			.addValue("higher", ABOVE_BRANCH);
		jdbc.query("""
				select organization_id,
				  count(*) filter (where next_step = 2 and applied_on < :before) as overdue,
				  count(*) filter (where not (next_step = 2 and applied_on < :before) and next_step not in (:higher)
				                   and next_step <> 25 and (next_possible is null or next_possible <= :today)) as possible
				from applicant where closed is null and next_step is not null""" + scoped(orgs, "organization_id", params)
				+ " group by organization_id", params, rs -> {
			byOrg.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) });
		});
		return byOrg;
	}

	/** How many people wait for the caller as the 上级党委 (steps possible today). */
	long approvalsWaiting(Caller caller) {
		Set<Long> orgs = scope.visibleToOrAll(caller, HIGHER);
		if (orgs != null && orgs.isEmpty()) {
			return 0;
		}
		var params = new MapSqlParameterSource("steps", stepsFor(caller)).addValue("today", Date.valueOf(today()));
		Long n = jdbc.queryForObject("""
				select count(*) from applicant where closed is null and next_step in (:steps)
				  and (next_possible is null or next_possible <= :today)""" + scoped(orgs, "organization_id", params),
				params, Long.class);
		return n == null ? 0 : n;
	}

	/** The scope's condition on {@code column} (none for the whole tree), its ids bound as one array parameter. */
	static String scoped(java.util.Collection<Long> orgs, String column, MapSqlParameterSource params) {
		if (orgs == null) {
			return "\n";
		}
		params.addValue("orgs", orgs.toArray(Long[]::new));
		return " and " + column + " = any(:orgs)\n";
	}

	/** The branch's 正式党员, to choose 培养联系人 and 入党介绍人 from. */
	List<Option> fullMembersOf(long branchId) {
		return members.summaries(List.of(branchId)).stream()
			.filter(m -> m.status() == MemberStatus.FULL)
			.sorted(java.util.Comparator.comparing(MemberSummary::name))
			.map(m -> new Option(m.id(), m.name()))
			.toList();
	}
}
