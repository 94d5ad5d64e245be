package cn.partybuilding.volunteer;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.certificate.Certificates;
import cn.partybuilding.certificate.IssuedCertificate;
import cn.partybuilding.certificate.NewCertificate;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;

/**
 * Confirmed hours read back: a person's (a year's and all), an organisation's subtree per organisation and person,
 * the colleges ranked (and people within the caller's college, names hidden for those who opted out), and the
 * certificate of a person's hours in a period. Hours count for the day of their shift, and for the organisation
 * the person belonged to when they signed up.
 */
@Service
@Transactional(readOnly = true)
class VolunteerHours {

	static final String CERTIFICATE_KIND = "VOLUNTEER";

	record Entry(long activityId, String title, long shiftId, LocalDate day, BigDecimal hours, String reason) {
	}

	record MyHours(int year, BigDecimal hours, BigDecimal totalHours, List<Entry> entries) {
	}

	record OrgHours(long orgId, String name, int people, int shifts, BigDecimal hours) {
	}

	record PersonHours(long accountId, Long memberId, String name, long orgId, String orgName, int shifts,
			BigDecimal hours) {
	}

	record CollegeHours(int place, long orgId, String name, int people, BigDecimal hours) {
	}

	record RankedPerson(int place, String name, BigDecimal hours, boolean me) {
	}

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final Certificates certificates;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	VolunteerHours(JdbcClient jdbc, OrganizationScope scope, MemberDirectory members, Certificates certificates,
			MessageSource messages, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.members = members;
		this.certificates = certificates;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	int thisYear() {
		return LocalDate.now(clock.withZone(PlatformZone.ZONE)).getYear();
	}

	/** The caller's confirmed hours in the year (this year when null), all their hours, and the year's entries. */
	MyHours mine(Caller caller, Integer year) {
		int y = year == null ? thisYear() : year;
		if (y < 2000 || y > 2100) {
			throw new FieldProblem("year", "volunteer.year.invalid");
		}
		List<Entry> entries = jdbc.sql("""
				select a.id, a.title, s.id, g.hours_day, g.hours, g.hours_reason from volunteer_signup g
				join volunteer_shift s on s.id = g.shift_id join volunteer_activity a on a.id = s.activity_id
				where g.account_id = ? and g.hours is not null and g.hours_day between ? and ?
				order by g.hours_day desc, s.id desc""")
			.params(caller.accountId(), LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31))
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
					rs.getBigDecimal(5), rs.getString(6)))
			.list();
		BigDecimal total = jdbc.sql("select coalesce(sum(hours), 0) from volunteer_signup where account_id = ? and hours is not null")
			.param(caller.accountId()).query(BigDecimal.class).single();
		return new MyHours(y, entries.stream().map(Entry::hours).reduce(BigDecimal.ZERO, BigDecimal::add), total, entries);
	}

	/** The hours of the people of each given organisation's subtree, confirmed for days in the period (one query). */
	Map<Long, BigDecimal> perOrganization(Collection<Long> orgIds, LocalDate from, LocalDate to) {
		Map<Long, Set<Long>> trees = new LinkedHashMap<>();
		orgIds.forEach(id -> trees.put(id, scope.subtree(id)));
		Map<Long, Sums> sums = perSubtree(trees, from, to);
		Map<Long, BigDecimal> result = new LinkedHashMap<>();
		trees.keySet().forEach(id -> result.put(id, sums.containsKey(id) ? sums.get(id).hours() : BigDecimal.ZERO));
		return result;
	}

	/** The people who served and their confirmed hours. */
	record Sums(int people, BigDecimal hours) {
	}

	/**
	 * For each root, the people (a person counted once, by account or by name for a guest) and the hours confirmed
	 * for days from {@code from} to {@code to} of the organisations of its subtree (given): one grouped query however
	 * many roots; a root with no hours is absent.
	 */
	Map<Long, Sums> perSubtree(Map<Long, Set<Long>> trees, LocalDate from, LocalDate to) {
		List<Long> roots = new ArrayList<>();
		List<Long> orgs = new ArrayList<>();
		trees.forEach((root, tree) -> tree.forEach(org -> {
			roots.add(root);
			orgs.add(org);
		}));
		Map<Long, Sums> result = new HashMap<>();
		if (orgs.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select t.root, count(distinct coalesce(g.account_id::text, g.person_name)), sum(g.hours)
				from unnest(?::bigint[], ?::bigint[]) as t (root, org)
				join volunteer_signup g on g.person_org_id = t.org
				where g.hours is not null and g.hours_day between ? and ?
				group by t.root""")
			.params(roots.toArray(Long[]::new), orgs.toArray(Long[]::new), from, to)
			.query((rs, n) -> result.put(rs.getLong(1), new Sums(rs.getInt(2), rs.getBigDecimal(3))))
			.list();
		return result;
	}

	/** Each member's hours (by member id) who served while in the organisation's subtree, in the period. */
	Map<Long, BigDecimal> perMember(long orgId, LocalDate from, LocalDate to) {
		Set<Long> subtree = scope.subtree(orgId);
		Map<Long, BigDecimal> result = new HashMap<>();
		if (subtree.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select member_id, sum(hours) from volunteer_signup
				where person_org_id = any(?) and member_id is not null and hours is not null and hours_day between ? and ?
				group by member_id""").params(subtree.toArray(Long[]::new), from, to)
			.query((rs, n) -> result.put(rs.getLong(1), rs.getBigDecimal(2))).list();
		return result;
	}

	/** Per organisation of the subtree (or of all the caller manages), the year's people and hours, most first. */
	List<OrgHours> organisations(Caller caller, Long orgId, int year) {
		Set<Long> covered = scope.covered(caller, orgId, "volunteer-hours", VolunteerActivities.ORGANISERS);
		List<OrgHours> rows = jdbc.sql("""
				select person_org_id, count(distinct coalesce(account_id::text, person_name)), count(*), sum(hours)
				from volunteer_signup where person_org_id = any(?) and hours is not null and hours_day between ? and ?
				group by person_org_id order by sum(hours) desc""")
			.params(covered.toArray(Long[]::new), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
			.query((rs, n) -> new OrgHours(rs.getLong(1), "", rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4))).list();
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(OrgHours::orgId).toList());
		return rows.stream().map(r -> new OrgHours(r.orgId(), names.getOrDefault(r.orgId(), ""), r.people(), r.shifts(),
				r.hours())).toList();
	}

	/** Per person of the subtree (or of all the caller manages), the year's hours, most first. */
	List<PersonHours> people(Caller caller, Long orgId, int year) {
		Set<Long> covered = scope.covered(caller, orgId, "volunteer-hours", VolunteerActivities.ORGANISERS);
		List<PersonHours> rows = jdbc.sql("""
				select account_id, max(member_id), max(person_name), max(person_org_id), count(*), sum(hours)
				from volunteer_signup where person_org_id = any(?) and account_id is not null and hours is not null
				  and hours_day between ? and ?
				group by account_id order by sum(hours) desc, max(person_name) limit 5000""")
			.params(covered.toArray(Long[]::new), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
			.query((rs, n) -> new PersonHours(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getLong(4), "",
					rs.getInt(5), rs.getBigDecimal(6)))
			.list();
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(PersonHours::orgId).collect(Collectors.toSet()));
		return rows.stream().map(r -> new PersonHours(r.accountId(), r.memberId(), r.name(), r.orgId(),
				names.getOrDefault(r.orgId(), ""), r.shifts(), r.hours())).toList();
	}

	/** The colleges (general branches) of the caller's school by the year's hours, most first. */
	List<CollegeHours> colleges(Caller caller, int year) {
		Set<Long> schools = schoolsOf(caller);
		Set<Long> inSchools = scope.subtrees(schools);
		Map<Long, Set<Long>> trees = new LinkedHashMap<>();
		Map<Long, String> names = new HashMap<>();
		for (OrgRef college : scope.activeOfTypes(OrgType.GENERAL_BRANCH)) {
			if (inSchools.contains(college.id())) {
				trees.put(college.id(), scope.subtree(college.id()));
				names.put(college.id(), college.name());
			}
		}
		Map<Long, Sums> sums = perSubtree(trees, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
		List<CollegeHours> rows = new ArrayList<>();
		trees.keySet().forEach(id -> {
			Sums s = sums.getOrDefault(id, new Sums(0, BigDecimal.ZERO));
			rows.add(new CollegeHours(0, id, names.get(id), s.people(), s.hours()));
		});
		rows.sort((a, b) -> b.hours().compareTo(a.hours()));
		List<CollegeHours> placed = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			CollegeHours r = rows.get(i);
			placed.add(new CollegeHours(i + 1, r.orgId(), r.name(), r.people(), r.hours()));
		}
		return placed;
	}

	/** The caller's college's people by the year's hours (the first 50), names hidden for those who opted out. */
	List<RankedPerson> inMyCollege(Caller caller, int year) {
		Optional<Long> college = caller.organizationsWhere(g -> g.role().seesOrganizations()).stream()
			.map(scope::lineage).filter(l -> l.size() >= 2).map(l -> l.stream()
				.filter(o -> o.type() == OrgType.GENERAL_BRANCH).findFirst().map(OrgRef::id).orElse(null))
			.filter(java.util.Objects::nonNull).findFirst();
		if (college.isEmpty()) {
			return List.of();
		}
		Set<Long> subtree = scope.subtree(college.get());
		List<Object[]> rows = jdbc.sql("""
				select g.account_id, max(g.person_name), sum(g.hours), coalesce(bool_or(p.hide_name), false)
				from volunteer_signup g left join volunteer_privacy p on p.account_id = g.account_id
				where g.person_org_id = any(?) and g.account_id is not null and g.hours is not null and g.hours_day between ? and ?
				group by g.account_id order by sum(g.hours) desc, g.account_id limit 50""")
			.params(subtree.toArray(Long[]::new), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBoolean(4) }).list();
		List<RankedPerson> ranked = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			Object[] r = rows.get(i);
			boolean me = (Long) r[0] == caller.accountId();
			ranked.add(new RankedPerson(i + 1, (Boolean) r[3] && !me ? null : (String) r[1], (BigDecimal) r[2], me));
		}
		return ranked;
	}

	private Set<Long> schoolsOf(Caller caller) {
		Set<Long> schools = new HashSet<>();
		for (long home : caller.organizationsWhere(g -> g.role().seesOrganizations())) {
			OrganizationScope.schoolIn(scope.lineage(home)).ifPresent(school -> schools.add(school.id()));
		}
		if (schools.isEmpty()) {
			throw new OutOfScopeException("volunteer-ranking", "none");
		}
		return schools;
	}

	boolean hidesName(Caller caller) {
		return jdbc.sql("select hide_name from volunteer_privacy where account_id = ?").param(caller.accountId())
			.query(Boolean.class).optional().orElse(false);
	}

	@Transactional
	void hideName(Caller caller, boolean hide) {
		jdbc.sql("""
				insert into volunteer_privacy (account_id, hide_name, changed_at) values (?, ?, ?)
				on conflict (account_id) do update set hide_name = excluded.hide_name, changed_at = excluded.changed_at""")
			.params(caller.accountId(), hide, Timestamp.from(clock.instant())).update();
	}

	/**
	 * The certificate (志愿服务证明) of the caller's confirmed hours between two days: one per period and total, the
	 * same one when asked again; none without hours (409).
	 */
	@Transactional
	IssuedCertificate certificate(Caller caller, LocalDate from, LocalDate to) {
		if (from == null) {
			throw new FieldProblem("from", "volunteer.certificate.from.required");
		}
		if (to == null || to.isBefore(from)) {
			throw new FieldProblem("to", "volunteer.certificate.to.invalid");
		}
		BigDecimal hours = jdbc.sql("""
				select coalesce(sum(hours), 0) from volunteer_signup
				where account_id = ? and hours is not null and hours_day between ? and ?""")
			.params(caller.accountId(), from, to).query(BigDecimal.class).single();
		if (hours.signum() <= 0) {
			throw new ConflictProblem("from", "volunteer.certificate.noHours");
		}
		hours = hours.stripTrailingZeros();
		jdbc.sql("""
				insert into volunteer_certificate (account_id, from_day, to_day, hours, created_at) values (?, ?, ?, ?, ?)
				on conflict do nothing""").params(caller.accountId(), from, to, hours, Timestamp.from(clock.instant())).update();
		long id = jdbc.sql("select id from volunteer_certificate where account_id = ? and from_day = ? and to_day = ? and hours = ?")
			.params(caller.accountId(), from, to, hours).query(Long.class).single();
		Optional<IssuedCertificate> issued = certificates.find(CERTIFICATE_KIND, id, caller.accountId());
		if (issued.isPresent()) {
			return issued.get();
		}
		Long memberId = members.memberOfAccount(caller.accountId()).orElse(null);
		Optional<MemberRef> member = memberId == null ? Optional.empty() : members.refs(List.of(memberId)).stream().findFirst();
		long issuer = member.map(MemberRef::organizationId).orElseGet(() -> caller.organizationsWhere(g -> g.role()
			.seesOrganizations()).stream().findFirst().flatMap(h -> OrganizationScope.schoolIn(scope.lineage(h))).map(OrgRef::id)
			.orElseThrow(() -> new OutOfScopeException("volunteer-certificate", "none")));
		int shifts = jdbc.sql("""
				select count(*) from volunteer_signup where account_id = ? and hours is not null and hours_day between ? and ?""")
			.params(caller.accountId(), from, to).query(Integer.class).single();
		// the PDF is kept in Chinese, whatever the holder's language
		String achievement = messages.getMessage("volunteer.certificate.achievement",
				new Object[] { from.toString(), to.toString(), shifts, hours.toPlainString() }, Locale.SIMPLIFIED_CHINESE);
		String title = messages.getMessage("volunteer.certificate.title", null, Locale.SIMPLIFIED_CHINESE);
		String name = member.map(MemberRef::name).orElse(caller.displayName());
		IssuedCertificate done = certificates.issue(new NewCertificate(CERTIFICATE_KIND, id, caller.accountId(), memberId,
				name, issuer, title, achievement, to.atTime(LocalTime.of(12, 0)).atZone(PlatformZone.ZONE).toInstant()));
		events.publishEvent(new VolunteerChanged("volunteer.certificate.issue", "volunteer-certificate", id,
				from + " - " + to + ", " + hours.toPlainString() + " h"));
		return done;
	}

	record CertificateLine(LocalDate from, LocalDate to, BigDecimal hours, String code, String pdf) {
	}

	/** The caller's certificates of hours, newest first, with their PDF links. */
	List<CertificateLine> myCertificates(Caller caller) {
		List<Object[]> rows = jdbc.sql("select id, from_day, to_day, hours from volunteer_certificate where account_id = ? order by id desc")
			.param(caller.accountId()).query((rs, n) -> new Object[] { rs.getLong(1), rs.getObject(2, LocalDate.class),
					rs.getObject(3, LocalDate.class), rs.getBigDecimal(4) }).list();
		List<CertificateLine> lines = new ArrayList<>();
		for (Object[] r : rows) {
			certificates.find(CERTIFICATE_KIND, (Long) r[0], caller.accountId()).ifPresent(c -> lines.add(new CertificateLine(
					(LocalDate) r[1], (LocalDate) r[2], (BigDecimal) r[3], c.code(), c.pdfPath())));
		}
		return lines;
	}
}
