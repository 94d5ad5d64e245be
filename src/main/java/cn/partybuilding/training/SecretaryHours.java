package cn.partybuilding.training;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.SecretarySeat;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * Training hours per member and year: the hours of the sessions attended that year. A branch secretary (the member
 * of the branch named on its sitting secretary seat) owes {@code party.training.secretary-required-hours} a year;
 * anyone else owes the required hours of the classes they were chosen for that year (a class belongs to the year
 * of its first session). A teacher branch is one whose name holds {@code party.training.teacher-branch-marker} and
 * none of {@code party.training.retired-branch-markers}.
 */
@Service
@Transactional(readOnly = true)
class SecretaryHours {

	/** Hours as numbers (JSON numbers; the platform writes decimals, which are money, as strings). */
	record HoursRow(long memberId, String name, long organizationId, String organizationName, double hours,
			double requiredHours, boolean secretary, boolean dualLeader, boolean teacherBranch) {

		public boolean lacking() {
			return BigDecimal.valueOf(hours).compareTo(BigDecimal.valueOf(requiredHours)) < 0;
		}
	}

	/** One college's teacher branches: how many, how many have a sitting secretary, how many of those are 双带头人. */
	record DualLeaderShare(long collegeId, String college, int teacherBranches, int withSecretary, int dualLeaders) {

		public int percent() {
			return teacherBranches == 0 ? 0 : Math.round(100f * dualLeaders / teacherBranches);
		}
	}

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	private final OrganizationTree tree;

	private final MemberDirectory members;

	private final Clock clock;

	private final BigDecimal secretaryRequired;

	private final String teacherMarker;

	private final List<String> retiredMarkers;

	SecretaryHours(JdbcClient jdbc, OrganizationScope scope, OrganizationTree tree, MemberDirectory members, Clock clock,
			@Value("${party.training.secretary-required-hours:32}") BigDecimal secretaryRequired,
			@Value("${party.training.teacher-branch-marker:教工}") String teacherMarker,
			@Value("${party.training.retired-branch-markers:退休,离休}") String retiredMarkers) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.tree = tree;
		this.members = members;
		this.clock = clock;
		this.secretaryRequired = secretaryRequired;
		this.teacherMarker = teacherMarker;
		this.retiredMarkers = Arrays.stream(retiredMarkers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	BigDecimal secretaryRequired() {
		return secretaryRequired;
	}

	int thisYear() {
		return LocalDate.now(clock.withZone(PlatformZone.ZONE)).getYear();
	}

	boolean teacherBranch(OrgRef org) {
		return org.type() == OrgType.BRANCH && org.name().contains(teacherMarker)
				&& retiredMarkers.stream().noneMatch(org.name()::contains);
	}

	private static int checkedYear(Integer year, int fallback) {
		int y = year == null ? fallback : year;
		if (y < 2000 || y > 2100) {
			throw new FieldProblem("year", "training.year.invalid");
		}
		return y;
	}

	/** Every member the caller reaches under {@code orgId} (all they reach when null), with the year's hours. */
	List<HoursRow> report(Caller caller, Integer year, Long orgId) {
		int y = checkedYear(year, thisYear());
		Set<Long> covered = scope.covered(caller, orgId, "training-hours", TrainingClasses.ORGANISERS);
		return rows(members.membersIn(covered), y);
	}

	/** The year's hours of these members (no caller: the page that asks checked its own scope). */
	List<HoursRow> rows(List<MemberRef> people, int year) {
		if (people.isEmpty()) {
			return List.of();
		}
		Set<Long> orgIds = people.stream().map(MemberRef::organizationId).collect(Collectors.toSet());
		Map<Long, OrgRef> orgs = scope.findAll(orgIds).stream().collect(Collectors.toMap(OrgRef::id, o -> o));
		Map<Long, String> names = scope.qualifiedNames(orgIds);
		Map<Long, SecretarySeat> seats = new HashMap<>();
		tree.sittingSecretaries(orgIds).forEach(s -> seats.put(s.organizationId(), s));
		Long[] ids = people.stream().map(MemberRef::id).toArray(Long[]::new);
		Timestamp from = Timestamp.from(ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, PlatformZone.ZONE).toInstant());
		Timestamp to = Timestamp.from(ZonedDateTime.of(year + 1, 1, 1, 0, 0, 0, 0, PlatformZone.ZONE).toInstant());
		Map<Long, BigDecimal> hours = new HashMap<>();
		jdbc.sql("""
				select a.member_id, sum(s.hours) from training_attendance a join training_session s on s.id = a.session_id
				where a.member_id = any(?) and s.starts_at >= ? and s.starts_at < ? group by a.member_id""")
			.params(ids, from, to).query((rs, n) -> hours.put(rs.getLong(1), rs.getBigDecimal(2))).list();
		Map<Long, BigDecimal> required = new HashMap<>();
		jdbc.sql("""
				select a.member_id, sum(c.required_hours) from training_audience a join training_class c on c.id = a.class_id
				where a.member_id = any(?)
				  and (select min(s.starts_at) from training_session s where s.class_id = c.id) >= ?
				  and (select min(s.starts_at) from training_session s where s.class_id = c.id) < ?
				group by a.member_id""")
			.params(ids, from, to).query((rs, n) -> required.put(rs.getLong(1), rs.getBigDecimal(2))).list();
		List<HoursRow> rows = new ArrayList<>();
		for (MemberRef m : people) {
			SecretarySeat seat = seats.get(m.organizationId());
			boolean secretary = seat != null && seat.holderName().equals(m.name());
			OrgRef org = orgs.get(m.organizationId());
			rows.add(new HoursRow(m.id(), m.name(), m.organizationId(), names.getOrDefault(m.organizationId(), ""),
					hours.getOrDefault(m.id(), BigDecimal.ZERO).doubleValue(),
					(secretary ? secretaryRequired : required.getOrDefault(m.id(), BigDecimal.ZERO)).doubleValue(), secretary,
					secretary && seat.dualLeader(), org != null && teacherBranch(org)));
		}
		rows.sort(Comparator.comparing(HoursRow::organizationName).thenComparing(HoursRow::name));
		return rows;
	}

	/** The secretaries of the teacher branches the caller reaches under {@code orgId}, with the year's hours. */
	List<HoursRow> teacherSecretaries(Caller caller, int year, Long orgId) {
		Set<Long> covered = scope.covered(caller, orgId, "training-hours", TrainingClasses.ORGANISERS);
		List<Long> teacherBranches = scope.findAll(covered).stream().filter(this::teacherBranch).map(OrgRef::id).toList();
		Map<Long, String> holders = tree.sittingSecretaries(teacherBranches).stream()
			.collect(Collectors.toMap(SecretarySeat::organizationId, SecretarySeat::holderName, (a, b) -> a));
		List<MemberRef> secretaries = members.membersIn(holders.keySet()).stream()
			.filter(m -> m.name().equals(holders.get(m.organizationId()))).toList();
		return rows(secretaries, year).stream().filter(HoursRow::secretary).toList();
	}

	/** The 双带头人 share among teacher branches, per college (the organisation above the branch) the caller reaches. */
	List<DualLeaderShare> dualLeaderShares(Caller caller, Long orgId) {
		Set<Long> covered = scope.covered(caller, orgId, "training-hours", TrainingClasses.ORGANISERS);
		List<OrgRef> all = scope.findAll(covered);
		List<OrgRef> teacher = all.stream().filter(this::teacherBranch).toList();
		Map<Long, SecretarySeat> seats = new HashMap<>();
		tree.sittingSecretaries(teacher.stream().map(OrgRef::id).toList()).forEach(s -> seats.put(s.organizationId(), s));
		Map<Long, List<OrgRef>> byCollege = teacher.stream().filter(o -> o.parentId() != null)
			.collect(Collectors.groupingBy(OrgRef::parentId));
		Map<Long, String> collegeNames = new HashMap<>();
		scope.findAll(byCollege.keySet()).forEach(o -> collegeNames.put(o.id(), o.name()));
		return byCollege.entrySet().stream().map(e -> new DualLeaderShare(e.getKey(),
				collegeNames.getOrDefault(e.getKey(), ""), e.getValue().size(),
				(int) e.getValue().stream().filter(o -> seats.containsKey(o.id())).count(),
				(int) e.getValue().stream().filter(o -> Optional.ofNullable(seats.get(o.id())).map(SecretarySeat::dualLeader)
					.orElse(false)).count()))
			.sorted(Comparator.comparing(DualLeaderShare::college)).toList();
	}

	/** A secretary's hours per year, for the organisation page: the branch's sitting secretary, if a member. */
	Optional<HoursRow> secretaryOf(long branchId, int year) {
		return tree.sittingSecretaries(List.of(branchId)).stream().findFirst()
			.flatMap(seat -> members.membersIn(List.of(branchId)).stream()
				.filter(m -> m.name().equals(seat.holderName())).findFirst())
			.flatMap(m -> rows(List.of(m), year).stream().findFirst());
	}

	/** A member's hours in the year (their own page, their profile). */
	Optional<HoursRow> ofMember(long memberId, int year) {
		return rows(members.refs(List.of(memberId)), year).stream().findFirst();
	}
}
