package cn.partybuilding.development;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * 思想汇报: the person (their own account) hands in one per period, written here or uploaded as a PDF or a scan
 * (recognised by its bytes, at most {@code party.development.report-max-size}); a missed period can be handed in
 * late. The 培养联系人 named at step 5 or the branch writes the 考察意见. A period is missing once it has ended
 * without a report from someone who was an activist on its first day and is still an activist, 发展对象 or 预备党员.
 */
@Service
@Transactional
class ThoughtReports {

	static final Role[] BRANCH = { Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE };

	/** The stages whose people owe a report every period. */
	static final List<Stage> OWING = List.of(Stage.ACTIVIST, Stage.CANDIDATE, Stage.PROBATIONARY);

	/** A report handed in: the period (its first day; null: the current one) and the text, if written here. */
	record Submission(LocalDate period, @Size(max = 20000) String body) {
	}

	record Opinion(@Size(max = 2000) String opinion) {
	}

	record ReportView(long id, LocalDate periodStart, LocalDate periodEnd, String body, String fileName,
			String contentType, Integer sizeBytes, Instant submittedAt, String opinion, String opinionName,
			Instant opinionAt) {
	}

	enum PeriodState {
		/** handed in */
		HANDED_IN,
		/** ended without one, while owed */
		MISSING,
		/** the period running now, nothing handed in yet */
		CURRENT
	}

	record PeriodLine(LocalDate start, LocalDate end, PeriodState state, ReportView report) {
	}

	/** One person's reports, period by period (newest first), and what the caller may do with them. */
	record Overview(long personId, String name, Stage stage, long organizationId, LocalDate activistOn,
			List<PeriodLine> periods, List<LocalDate> open, boolean maySubmit, boolean mayAssess) {
	}

	record Scan(String fileName, String contentType, byte[] bytes) {
	}

	/** People who owe the last ended period's report, by branch (organisation id → count). */
	record MissingCount(long organizationId, long count) {
	}

	record MissingPerson(long id, String name, String staffNumber, Stage stage, long organizationId) {
	}

	private final Applicants applicants;

	private final RecordedSteps steps;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final ReportPeriods periods;

	private final Clock clock;

	private final long maxBytes;

	ThoughtReports(Applicants applicants, RecordedSteps steps, OrganizationScope scope, MemberDirectory members,
			JdbcClient jdbc, ApplicationEventPublisher events, DevelopmentRules rules, Clock clock,
			@Value("${party.development.report-max-size:10MB}") DataSize maxSize) {
		this.applicants = applicants;
		this.steps = steps;
		this.scope = scope;
		this.members = members;
		this.jdbc = jdbc;
		this.events = events;
		this.periods = new ReportPeriods(rules.reportEveryMonths());
		this.clock = clock;
		this.maxBytes = maxSize.toBytes();
	}

	long maxMegabytes() {
		return Math.max(1, maxBytes / (1024 * 1024));
	}

	/** The caller's own reports (404 for an account with no development file). */
	@Transactional(readOnly = true)
	Overview mine(Caller caller) {
		return overview(caller, own(caller));
	}

	@Transactional(readOnly = true)
	Overview of(Caller caller, long personId) {
		return overview(caller, visible(caller, personId));
	}

	/** A report handed in by the person themself, for the current period or a missed one. */
	ReportView submit(Caller caller, Submission submission, String fileName, byte[] bytes) {
		Applicant person = own(caller);
		if (person.closed() != null || person.stage() == Stage.FULL) {
			throw new FieldProblem("period", "development.report.closed");
		}
		LocalDate today = today();
		ReportPeriods.Period current = periods.of(today);
		ReportPeriods.Period period = submission.period() == null ? current : periods.of(submission.period());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (!openPeriods(person, today).contains(period.start())) {
			problems.add(new FieldProblem.Problem("period", "development.report.periodNotOpen", new Object[0]));
		}
		else if (jdbc.sql("select count(*) from development_report where applicant_id = ? and period_start = ?")
			.params(person.id(), period.start()).query(Long.class).single() > 0) {
			problems.add(new FieldProblem.Problem("period", "development.report.taken", new Object[0]));
		}
		String body = submission.body() == null || submission.body().isBlank() ? null : submission.body().strip();
		boolean hasFile = bytes != null && bytes.length > 0;
		String type = null;
		if (hasFile) {
			if (bytes.length > maxBytes) {
				problems.add(new FieldProblem.Problem("file", "development.report.tooLarge", new Object[] { maxMegabytes() }));
			}
			else {
				type = FileKinds.of(bytes).filter(k -> k.startsWith("image/") || k.equals("application/pdf")).orElse(null);
				if (type == null) {
					problems.add(new FieldProblem.Problem("file", "development.report.type", new Object[0]));
				}
			}
		}
		else if (body == null) {
			problems.add(new FieldProblem.Problem("body", "development.report.empty", new Object[0]));
		}
		if (body != null && body.length() > 20000) {
			problems.add(new FieldProblem.Problem("body", "development.report.tooLong", new Object[] { 20000 }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		String name = hasFile ? FileKinds.fileName(fileName, "思想汇报") : null;
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into development_report (applicant_id, organization_id, period_start, period_end, body, file_name,
				  content_type, size_bytes, content, submitted_at, submitted_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(person.id(), person.organizationId(), period.start(), period.end(), body, name, type,
					hasFile ? bytes.length : null, hasFile ? bytes : null, Timestamp.from(now), caller.username())
			.query(Long.class).single();
		events.publishEvent(new ThoughtReportHandedIn(person.id(), id, person.organizationId(), period.start(),
				period.end(), "思想汇报：" + person.name() + " 提交 " + period.start() + " 至 " + period.end()
						+ " 的思想汇报" + (hasFile ? "（附件 " + name + "）" : ""), now));
		return find(person.id(), id).orElseThrow();
	}

	/**
	 * The reports of a file kept on paper, handed in at once: one for every period still open (the ones owed and
	 * the current one), through the same checks as one handed in online. Returns how many.
	 */
	int handInOwed(Caller caller, String body) {
		Applicant person = own(caller);
		Set<LocalDate> handedIn = new java.util.HashSet<>(jdbc.sql("select period_start from development_report where applicant_id = ?")
			.param(person.id()).query(LocalDate.class).list());
		int count = 0;
		for (LocalDate start : openPeriods(person, today())) {
			if (!handedIn.contains(start)) {
				submit(caller, new Submission(start, body), null, null);
				count++;
			}
		}
		return count;
	}

	/** The 考察意见 on a report: by the person's 培养联系人 or their branch; a later one replaces it (audited). */
	ReportView assess(Caller caller, long personId, long reportId, Opinion opinion) {
		Applicant person = visible(caller, personId);
		if (!mayAssess(caller, person)) {
			throw new NotPermittedException("development-person", personId, "assess thought reports");
		}
		ReportView report = find(personId, reportId).orElseThrow(() -> new OutOfScopeException("development-report", reportId));
		String text = opinion.opinion() == null ? "" : opinion.opinion().strip();
		if (text.isEmpty()) {
			throw new FieldProblem("opinion", "development.report.opinionEmpty");
		}
		if (text.length() > 2000) {
			throw new FieldProblem("opinion", "development.report.tooLong", 2000);
		}
		Instant now = clock.instant();
		String who = caller.displayName() == null ? caller.username() : caller.displayName();
		jdbc.sql("update development_report set opinion = ?, opinion_by = ?, opinion_name = ?, opinion_at = ? where id = ?")
			.params(text, caller.username(), who.length() > 50 ? who.substring(0, 50) : who, Timestamp.from(now), reportId)
			.update();
		events.publishEvent(new ThoughtReportAssessed(personId, reportId, person.organizationId(),
				"思想汇报考察意见：" + person.name() + " " + report.periodStart() + " 至 " + report.periodEnd()
						+ (report.opinion() == null ? "" : "（更正原意见）"),
				now));
		return find(personId, reportId).orElseThrow();
	}

	@Transactional(readOnly = true)
	Scan file(Caller caller, long personId, long reportId) {
		visible(caller, personId);
		return jdbc.sql("select file_name, content_type, content from development_report where id = ? and applicant_id = ? and content is not null")
			.params(reportId, personId)
			.query((rs, n) -> new Scan(rs.getString(1), rs.getString(2), rs.getBytes(3)))
			.optional()
			.orElseThrow(() -> new OutOfScopeException("development-report", reportId));
	}

	/** The last period that has ended: the one the 待办 asks about. */
	ReportPeriods.Period lastEnded() {
		return periods.lastEnded(today());
	}

	/** How many people of these branches (null: the whole tree) owe the last ended period's report, per branch, most first. */
	@Transactional(readOnly = true)
	List<MissingCount> missingByBranch(Collection<Long> organizationIds) {
		if (organizationIds != null && organizationIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select a.organization_id, count(*) from applicant a where " + scoped(organizationIds)
				+ MISSING + " group by a.organization_id order by count(*) desc, a.organization_id")
			.params(orgs(organizationIds))
			.param("start", lastEnded().start())
			.query((rs, n) -> new MissingCount(rs.getLong(1), rs.getLong(2)))
			.list();
	}

	/** The people of these branches (null: the whole tree) who owe the last ended period's report. */
	@Transactional(readOnly = true)
	List<MissingPerson> missingIn(Collection<Long> organizationIds) {
		if (organizationIds != null && organizationIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select a.id, a.name, a.staff_number, a.stage, a.organization_id from applicant a "
				+ "where " + scoped(organizationIds) + MISSING + " order by a.organization_id, a.name, a.id limit 500")
			.params(orgs(organizationIds))
			.param("start", lastEnded().start())
			.query((rs, n) -> new MissingPerson(rs.getLong(1), rs.getString(2), rs.getString(3),
					Stage.valueOf(rs.getString(4)), rs.getLong(5)))
			.list();
	}

	/** The scope's condition (none for the whole tree, null), its ids as one array parameter. */
	private static String scoped(Collection<Long> organizationIds) {
		return organizationIds == null ? "" : "a.organization_id = any(:orgs) and ";
	}

	private static Map<String, Object> orgs(Collection<Long> organizationIds) {
		return organizationIds == null ? Map.of() : Map.of("orgs", organizationIds.toArray(Long[]::new));
	}

	/** The people this member cultivates (培养联系人) who owe the last ended period's report. */
	@Transactional(readOnly = true)
	List<MissingPerson> missingForContact(long memberId) {
		return jdbc.sql("select a.id, a.name, a.staff_number, a.stage, a.organization_id from applicant a "
				+ "where a.id in (select c.applicant_id from development_step c where c.step = 5 and c.decision = 'APPROVED' "
				+ "and c.people @> array[cast(:member as bigint)]) and " + MISSING + " order by a.name, a.id limit 50")
			.param("member", memberId)
			.param("start", lastEnded().start())
			.query((rs, n) -> new MissingPerson(rs.getLong(1), rs.getString(2), rs.getString(3),
					Stage.valueOf(rs.getString(4)), rs.getLong(5)))
			.list();
	}

	/** An open file owing reports, an activist on the period's first day, nothing handed in for it. */
	private static final String MISSING = """
			a.stage in ('ACTIVIST', 'CANDIDATE', 'PROBATIONARY') and a.closed is null
			and exists (select 1 from development_step s where s.applicant_id = a.id and s.step = 3
			            and s.decision = 'APPROVED' and s.done_on <= :start)
			and not exists (select 1 from development_report r where r.applicant_id = a.id and r.period_start = :start)""";

	private Overview overview(Caller caller, Applicant person) {
		LocalDate today = today();
		LocalDate activistOn = activistOn(person).orElse(null);
		Map<LocalDate, ReportView> reports = new TreeMap<>(Comparator.reverseOrder());
		reportsOf(person.id()).forEach(r -> reports.put(r.periodStart(), r));
		Map<LocalDate, PeriodLine> lines = new TreeMap<>(Comparator.reverseOrder());
		if (owing(person) && activistOn != null) {
			for (ReportPeriods.Period p : periods.due(activistOn, today)) {
				lines.put(p.start(), new PeriodLine(p.start(), p.end(),
						p.endedBefore(today) ? PeriodState.MISSING : PeriodState.CURRENT, null));
			}
		}
		ReportPeriods.Period current = periods.of(today);
		if (person.closed() == null && person.stage() != Stage.FULL) {
			lines.putIfAbsent(current.start(), new PeriodLine(current.start(), current.end(), PeriodState.CURRENT, null));
		}
		reports.values().forEach(r -> lines.put(r.periodStart(),
				new PeriodLine(r.periodStart(), r.periodEnd(), PeriodState.HANDED_IN, r)));
		boolean own = person.accountId() != null && person.accountId() == caller.accountId();
		List<LocalDate> open = own && person.closed() == null && person.stage() != Stage.FULL
				? openPeriods(person, today).stream().filter(d -> !reports.containsKey(d)).toList() : List.of();
		return new Overview(person.id(), person.name(), person.stage(), person.organizationId(), activistOn,
				List.copyOf(lines.values()), open, !open.isEmpty(), mayAssess(caller, person));
	}

	/** The periods a report may be handed in for: the current one and, late, the ones owed since the activist step. */
	private List<LocalDate> openPeriods(Applicant person, LocalDate today) {
		List<LocalDate> open = new ArrayList<>();
		open.add(periods.of(today).start());
		if (owing(person)) {
			activistOn(person).ifPresent(on -> periods.due(on, today).forEach(p -> {
				if (!open.contains(p.start())) {
					open.add(p.start());
				}
			}));
		}
		return open;
	}

	private static boolean owing(Applicant person) {
		return person.closed() == null && OWING.contains(person.stage());
	}

	private Optional<LocalDate> activistOn(Applicant person) {
		return steps.findByApplicantIdOrderById(person.id()).stream()
			.filter(s -> s.approved() && s.step() == Step.ACTIVIST)
			.map(RecordedStep::doneOn)
			.reduce((a, b) -> b);
	}

	/** The 培养联系人 of the latest approved step 5. */
	private Set<Long> contactsOf(Applicant person) {
		return steps.findByApplicantIdOrderById(person.id()).stream()
			.filter(s -> s.approved() && s.step() == Step.CONTACTS)
			.reduce((a, b) -> b)
			.map(s -> Set.copyOf(s.view().memberIds()))
			.orElse(Set.of());
	}

	private boolean isContact(Caller caller, Applicant person) {
		Set<Long> contacts = contactsOf(person);
		return !contacts.isEmpty() && members.memberOfAccount(caller.accountId()).map(contacts::contains).orElse(false);
	}

	private boolean mayAssess(Caller caller, Applicant person) {
		return scope.reaches(caller, person.organizationId(), BRANCH) || isContact(caller, person);
	}

	private Applicant own(Caller caller) {
		return applicants.findByAccountId(caller.accountId())
			.orElseThrow(() -> new OutOfScopeException("development-person", "me"));
	}

	private Applicant visible(Caller caller, long id) {
		return applicants.findById(id)
			.filter(a -> scope.reaches(caller, a.organizationId(), DevelopmentPeople.READ)
					|| a.accountId() != null && a.accountId() == caller.accountId() || isContact(caller, a))
			.orElseThrow(() -> new OutOfScopeException("development-person", id));
	}

	private List<ReportView> reportsOf(long personId) {
		return jdbc.sql(SELECT + " where applicant_id = ? order by period_start desc").param(personId)
			.query((rs, n) -> view(rs)).list();
	}

	private Optional<ReportView> find(long personId, long reportId) {
		return jdbc.sql(SELECT + " where applicant_id = ? and id = ?").params(personId, reportId)
			.query((rs, n) -> view(rs)).optional();
	}

	private static final String SELECT = """
			select id, period_start, period_end, body, file_name, content_type, size_bytes, submitted_at, opinion,
			  opinion_name, opinion_at from development_report""";

	private static ReportView view(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp opinionAt = rs.getTimestamp(11);
		return new ReportView(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
				rs.getString(4), rs.getString(5), rs.getString(6), (Integer) rs.getObject(7),
				rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getString(10),
				opinionAt == null ? null : opinionAt.toInstant());
	}

	/** For the pages: the names of branches. */
	Map<Long, String> names(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? new LinkedHashMap<>() : scope.qualifiedNames(organizationIds);
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}
}
