package cn.partybuilding.development;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.account.CreatedAccount;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * 发展党员 as the branch and the levels above work it: a person's file from the 入党申请书 to 转正, one recorded
 * step at a time, each checked by {@link DevelopmentPath} and done only by the level the regulation names.
 */
@Service
@Transactional
class DevelopmentPeople {

	static final Role[] READ = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private static final Role[] BRANCH = { Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE };

	private static final Role[] HIGHER = { Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN };

	/** A paper application the branch records (or the particulars an applicant gives online). */
	record NewPerson(@Size(max = 50) String name, Gender gender, @Size(max = 20) String ethnicity, LocalDate birthDate,
			@Size(max = 20) String idCard, @Size(max = 64) String staffNumber, Category category, Education education,
			@Size(max = 20) String phone, Long branchId, LocalDate appliedOn) {
	}

	record Created(long id, Stage stage, String username, String initialPassword) {
	}

	/** A step as asked for; fields the step does not need stay null. */
	record StepRequest(Integer step, LocalDate date, @Size(max = 20000) String note, List<Long> memberIds, Integer days,
			Integer hours, Integer expected, Integer present, Integer yes, Integer no, Integer abstain,
			Integer writtenYes, Integer writtenNo, DevelopmentPath.Decision decision, @Size(max = 500) String reason,
			Integer extensionMonths, LocalDate noticeFrom, Boolean cancel, List<Long> presentMemberIds) {

		StepRequest(Integer step, LocalDate date, String note, List<Long> memberIds, Integer days, Integer hours,
				Integer expected, Integer present, Integer yes, Integer no, Integer abstain, Integer writtenYes,
				Integer writtenNo, DevelopmentPath.Decision decision, String reason, Integer extensionMonths,
				LocalDate noticeFrom, Boolean cancel) {
			this(step, date, note, memberIds, days, hours, expected, present, yes, no, abstain, writtenYes, writtenNo,
					decision, reason, extensionMonths, noticeFrom, cancel, null);
		}
	}

	record StepView(Long id, int step, LocalDate date, DevelopmentPath.Decision decision, String reason, String note,
			List<Long> memberIds, String people, Integer days, Integer hours, BranchVote vote,
			BranchVote.Outcome outcome, Integer extensionMonths, LocalDate noticeFrom, boolean cancelled,
			String actor, Instant recordedAt) {
	}

	/** What comes next: the step, the first day it is possible (null: now), and whether it is overdue. */
	record Next(int step, LocalDate possibleFrom, boolean overdue) {
	}

	/** The account of a person on the pipeline, if they have one (their tests in the file). */
	@Transactional(readOnly = true)
	java.util.Optional<Long> accountOf(long personId) {
		return applicants.findById(personId).map(Applicant::accountId);
	}

	record PersonView(long id, String name, String staffNumber, Stage stage, LocalDate stageSince,
			long organizationId, String organizationName, LocalDate appliedOn, LocalDate joinDate,
			LocalDate probationEnds, Long memberId, String closed, List<StepView> steps, Next next) {
	}

	/** One person on the pipeline: the next step, who does it (BRANCH, HIGHER, HIGHER_STILL) and from when. */
	record PersonLine(long id, String name, String staffNumber, Stage stage, long organizationId,
			String organizationName, LocalDate appliedOn, LocalDate stageSince, Integer nextStep, String nextLevel,
			LocalDate possibleFrom, boolean overdue) {
	}

	/**
	 * A step was refused by a rule: the rule's key and arguments, and the first date it becomes possible; in a
	 * batch, also whose step it was.
	 */
	static class StepRefused extends RuntimeException {

		private final DevelopmentPath.Refusal refusal;

		private final String personName;

		StepRefused(DevelopmentPath.Refusal refusal) {
			this(refusal, null);
		}

		StepRefused(DevelopmentPath.Refusal refusal, String personName) {
			super(refusal.rule());
			this.refusal = refusal;
			this.personName = personName;
		}

		DevelopmentPath.Refusal refusal() {
			return refusal;
		}

		/** Whose step was refused, in a batch (null for one person's step). */
		String personName() {
			return personName;
		}
	}

	private final Applicants applicants;

	private final RecordedSteps steps;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final AccountManagement accounts;

	private final ApplicationEventPublisher events;

	private final DevelopmentRules rules;

	private final Clock clock;

	/** The trainings a person attended: step 11 recorded without days or hours takes theirs (record once). */
	private final TrainingHours trainingHours;

	private final ApplicantListing listing;

	DevelopmentPeople(Applicants applicants, RecordedSteps steps, OrganizationScope scope, MemberDirectory members,
			AccountManagement accounts, ApplicationEventPublisher events, DevelopmentRules rules, Clock clock,
			TrainingHours trainingHours, ApplicantListing listing) {
		this.listing = listing;
		this.trainingHours = trainingHours;
		this.applicants = applicants;
		this.steps = steps;
		this.scope = scope;
		this.members = members;
		this.accounts = accounts;
		this.events = events;
		this.rules = rules;
		this.clock = clock;
	}

	/**
	 * A paper application recorded by the branch: the same checks as a member registration (the particulars are
	 * sealed for the day of admission), ≥18 on the application date, an account with the APPLICANT role, and
	 * step 1 recorded with the application's date.
	 */
	Created apply(Caller caller, NewPerson form) {
		return apply(caller, form, null, true);
	}

	/**
	 * The same, with the account's password given already encoded (a school's paper files, the demo: one bcrypt
	 * for many accounts); {@code encodedPassword} null gives a one-time password as above.
	 */
	Created apply(Caller caller, NewPerson form, String encodedPassword, boolean mustChangePassword) {
		if (form.branchId() != null) {
			scope.requireReach(caller, form.branchId(), READ);
			if (!scope.reaches(caller, form.branchId(), BRANCH)) {
				throw new NotPermittedException("organization", form.branchId(), "record applications");
			}
		}
		LocalDate appliedOn = form.appliedOn() == null ? today() : form.appliedOn();
		NewPerson dated = new NewPerson(form.name(), form.gender(), form.ethnicity(), form.birthDate(), form.idCard(),
				form.staffNumber(), form.category(), form.education(), form.phone(), form.branchId(), appliedOn);
		String sealed = seal(dated);
		CreatedAccount account = encodedPassword == null
				? accounts.openApplicantAccount(dated.staffNumber().strip(), dated.name().strip(), dated.branchId())
				: new CreatedAccount(accounts.openApplicantAccount(dated.staffNumber().strip(), dated.name().strip(),
						dated.branchId(), encodedPassword, mustChangePassword), dated.staffNumber().strip(), null);
		Applicant person = applicants.save(new Applicant(dated, sealed, account.id()));
		record(caller, person, new StepRequest(1, appliedOn, null, null, null, null, null, null, null, null, null,
				null, null, DevelopmentPath.Decision.APPROVED, null, null, null, null), new ArrayList<>(),
				EnumSet.noneOf(Step.Level.class));
		return new Created(person.id(), person.stage(), account.username(), account.initialPassword());
	}

	/**
	 * The 入党申请书 submitted online by the person themselves: an account holding the APPLICANT role at a branch,
	 * without a file yet. The particulars pass the same checks as a paper application; the text is step 1's note
	 * (a scan can be added as the step's evidence).
	 */
	Created applyOnline(Caller caller, NewPerson form, String text) {
		Long branchId = caller.organizationsWith(Role.APPLICANT).stream().findFirst()
			.orElseThrow(() -> new NotPermittedException("development-person", "me", "apply"));
		if (applicants.findByAccountId(caller.accountId()).isPresent()) {
			throw new FieldProblem("text", "development.application.exists");
		}
		if (text == null || text.isBlank()) {
			throw new FieldProblem("text", "development.application.text");
		}
		LocalDate today = today();
		NewPerson dated = new NewPerson(form.name(), form.gender(), form.ethnicity(), form.birthDate(), form.idCard(),
				caller.username(), form.category(), form.education(), form.phone(), branchId, today);
		Applicant person = applicants.save(new Applicant(dated, seal(dated), caller.accountId()));
		recordChecked(caller, person, new StepRequest(1, today, text, null, null, null, null, null, null, null, null,
				null, null, DevelopmentPath.Decision.APPROVED, null, null, null, null), null);
		return new Created(person.id(), person.stage(), caller.username(), null);
	}

	/** The member database's rules for the particulars, with the application's own fields and ≥18 on its date. */
	private String seal(NewPerson form) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (form.appliedOn().isAfter(today())) {
			problems.add(new FieldProblem.Problem("appliedOn", "applicant.appliedOn.future", new Object[0]));
		}
		if (form.staffNumber() != null && applicants.staffNumberTaken(form.staffNumber().strip())) {
			problems.add(new FieldProblem.Problem("staffNumber", "applicant.staffNumber.taken", new Object[0]));
		}
		try {
			String sealed = members.seal(new MemberForm(form.name(), form.gender(), form.ethnicity(), form.birthDate(),
					form.idCard(), null, form.education(), form.category(), form.staffNumber(), form.phone(),
					form.branchId(), MemberStatus.PROBATIONARY, form.appliedOn(), null, null));
			if (problems.isEmpty()) {
				return sealed;
			}
		}
		catch (FieldProblem problem) {
			problem.problems().forEach(p -> problems.add(switch (p.field()) {
				case "organizationId" -> new FieldProblem.Problem("branchId", p.messageKey(), p.args());
				case "joinDate", "status" -> new FieldProblem.Problem("appliedOn", p.messageKey(), p.args());
				default -> p.messageKey().equals("member.age.under18")
						? new FieldProblem.Problem("birthDate", "applicant.age.under18", new Object[0]) : p;
			}));
		}
		throw new FieldProblem(problems);
	}

	/**
	 * One step recorded: the caller reaches the person (else the audited 404), acts at the level the step names
	 * (else 403), and the regulation's rules hold (else {@link StepRefused}, naming the rule and, for a waiting
	 * time, the first date it becomes possible). Admission and conversion reach the member database.
	 */
	StepView record(Caller caller, long id, StepRequest request) {
		// the file is locked first: two steps recorded at once are decided one after the other
		applicants.lockById(id);
		Applicant person = visible(caller, id);
		return record(caller, person, trainingHours.fill(person.id(), request, today()));
	}

	/**
	 * The same step for several people at once, as offices do it in batches (a list of 备案, a 推优 list): each
	 * checked exactly as one, all or nothing — the first refusal names the person and nothing is kept.
	 */
	List<StepView> recordForEach(Caller caller, List<Long> ids, StepRequest request) {
		if (ids == null || ids.isEmpty() || ids.size() > BATCH_LIMIT) {
			throw new FieldProblem("personIds", "development.batch.size", BATCH_LIMIT);
		}
		List<StepView> done = new ArrayList<>();
		for (long id : ids.stream().distinct().toList()) {
			try {
				done.add(record(caller, id, request));
			}
			catch (StepRefused refused) {
				throw new StepRefused(refused.refusal(), applicants.findById(id).map(Applicant::name).orElse("#" + id));
			}
		}
		return done;
	}

	static final int BATCH_LIMIT = 200;

	/**
	 * Several steps of one file in their order (a file entered from paper), each by the caller for its level and
	 * checked exactly as {@link #record(Caller, long, StepRequest)} checks one; the file's steps are read once and
	 * each level's right once. The first refusal throws and nothing of the file is kept.
	 */
	List<StepView> recordAll(Function<Step.Level, Caller> callers, long id,
			List<StepRequest> requests) {
		Applicant person = visible(callers.apply(Step.Level.BRANCH), id);
		List<RecordedStep> done = steps.findByApplicantIdOrderById(id);
		Set<Step.Level> checked = EnumSet.noneOf(Step.Level.class);
		List<StepView> views = new ArrayList<>();
		for (StepRequest request : requests) {
			Step.Level level = request.step() == null || request.step() < 1 || request.step() > 25 ? Step.Level.BRANCH
					: Step.numbered(request.step()).level();
			views.add(record(callers.apply(level), person, request, done, checked));
		}
		return views;
	}

	private StepView record(Caller caller, Applicant person, StepRequest request) {
		return record(caller, person, request, null, EnumSet.noneOf(Step.Level.class));
	}

	/** One step; {@code known}: the file's steps when already read (null: read them); the levels already checked. */
	private StepView record(Caller caller, Applicant person, StepRequest request, List<RecordedStep> known,
			Set<Step.Level> levelsChecked) {
		if (request.step() == null || request.step() < 1 || request.step() > 25) {
			throw new FieldProblem("step", "development.rule.stepNumber");
		}
		Step step = Step.numbered(request.step());
		if (levelsChecked.add(step.level())) {
			requireLevel(caller, person, step);
		}
		return recordChecked(caller, person, request, known);
	}

	/** A step whose level has been checked (or the applicant's own application, step 1). */
	private StepView recordChecked(Caller caller, Applicant person, StepRequest request, List<RecordedStep> known) {
		Step step = Step.numbered(request.step());
		if (person.closed() != null) {
			throw new StepRefused(new DevelopmentPath.Refusal("development.rule.closed", null));
		}
		List<RecordedStep> done = known != null ? known : steps.findByApplicantIdOrderById(person.id());
		DevelopmentPath path = path(person, done);
		DevelopmentPath.Request asked = request(caller, step, request);
		if (asked.vote() != null) {
			voters(person, asked.vote(), request.presentMemberIds()).ifPresent(r -> {
				throw new StepRefused(r);
			});
			if (request.presentMemberIds() != null) {
				asked = withPeople(asked, request.presentMemberIds());
			}
		}
		path.check(asked, today()).ifPresent(r -> {
			throw new StepRefused(r);
		});
		boolean cancel = Boolean.TRUE.equals(request.cancel()) && step == Step.CONVERSION_APPROVAL;
		if (cancel && (asked.reason() == null || asked.reason().isBlank())) {
			throw new StepRefused(new DevelopmentPath.Refusal("development.rule.cancelReason", null));
		}
		if (step == Step.ADMISSION_APPROVAL && asked.decision() == DevelopmentPath.Decision.APPROVED
				&& (person.particulars() == null || person.accountId() == null)) {
			throw new StepRefused(new DevelopmentPath.Refusal("development.rule.particulars", null));
		}
		List<String> names = asked.people() == null ? List.of()
				: members.refs(asked.people().stream().map(DevelopmentPath.Nominee::memberId).toList()).stream()
					.map(r -> r.name()).toList();
		RecordedStep recorded = steps.save(new RecordedStep(person.id(), person.organizationId(), asked, names,
				cancel && asked.decision() == DevelopmentPath.Decision.APPROVED, caller.username(), clock.instant()));
		done.add(recorded);
		DevelopmentPath after = path(person, done);
		if (!cancel || asked.decision() != DevelopmentPath.Decision.APPROVED) {
			person.follow(after, asked.date());
		}
		if (asked.decision() == DevelopmentPath.Decision.APPROVED) {
			consequences(person, step, after, asked, cancel, caller.username());
		}
		applicants.save(person);
		events.publishEvent(new DevelopmentStepTaken(person.id(), person.organizationId(), person.memberId(),
				step.number(), asked.date(), asked.decision().name(), summary(person, step, asked), caller.username(),
				clock.instant()));
		return recorded.view();
	}

	/** Admission makes a member, conversion a full one, a cancelled probation ends the membership and the file. */
	private void consequences(Applicant person, Step step, DevelopmentPath path, DevelopmentPath.Request asked,
			boolean cancel, String actor) {
		if (step == Step.ADMISSION_APPROVAL) {
			long memberId = members.admit(person.particulars(), person.accountId(), person.organizationId(),
					path.joinDate().orElseThrow(), actor);
			person.admitted(memberId);
			List<ApplicantAdmitted.HistoryLine> history = steps.findByApplicantIdOrderById(person.id()).stream()
				.filter(RecordedStep::approved)
				.map(RecordedStep::historyLine)
				.toList();
			events.publishEvent(new ApplicantAdmitted(person.id(), memberId, person.organizationId(),
					path.joinDate().orElseThrow(), history, actor, clock.instant()));
		}
		else if (step == Step.CONVERSION_APPROVAL && person.memberId() != null) {
			if (cancel) {
				members.depart(person.memberId(), asked.date());
				person.close("CANCELLED");
			}
			else if (path.stage() == Stage.FULL) {
				// 转正日期: the day the 预备期 (with any extension) ended, not the day of the approval
				members.convert(person.memberId(), path.probationEnds().orElseThrow());
			}
		}
	}

	/** The request in the path's terms: the nominees' standing looked up, the vote counted, a failed vote returned. */
	private DevelopmentPath.Request request(Caller caller, Step step, StepRequest r) {
		List<DevelopmentPath.Nominee> people = null;
		if (r.memberIds() != null) {
			Set<Long> reachable = scope.visibleTo(caller, READ);
			Map<Long, MemberSummary> found = r.memberIds().stream().distinct()
				.map(members::summary)
				.flatMap(Optional::stream)
				.filter(m -> reachable.contains(m.organizationId()))
				.collect(Collectors.toMap(MemberSummary::id, m -> m));
			if (!found.keySet().containsAll(r.memberIds())) {
				throw new FieldProblem("memberIds", "development.rule.people");
			}
			// the member database records no 处分 yet: nobody is known to be under 留党察看
			people = r.memberIds().stream()
				.map(id -> new DevelopmentPath.Nominee(id, found.get(id).status() == MemberStatus.FULL, false))
				.toList();
		}
		BranchVote vote = r.expected() == null ? null
				: new BranchVote(r.expected(), orZero(r.present()), orZero(r.yes()), orZero(r.no()), orZero(r.abstain()),
						orZero(r.writtenYes()), orZero(r.writtenNo()));
		DevelopmentPath.Decision decision = r.decision() == null ? DevelopmentPath.Decision.APPROVED : r.decision();
		String reason = r.reason();
		if (vote != null && vote.inconsistencies().isEmpty() && vote.outcome().quorate() && !vote.outcome().passed()) {
			// the platform, not the branch, decides: a quorate vote without enough yes votes returns the step
			decision = DevelopmentPath.Decision.RETURNED;
			reason = vote.describe();
		}
		return new DevelopmentPath.Request(step, r.date() == null ? today() : r.date(), decision, reason, r.note(),
				people, r.days(), r.hours(), vote, r.extensionMonths(), r.noticeFrom());
	}

	/**
	 * Who may vote at a 支部大会: only the branch's 正式党员 (预备党员 have no vote), so 应到会 cannot exceed them;
	 * the names present, when given, are 正式党员 of the branch, each once, as many as the count present.
	 */
	private Optional<DevelopmentPath.Refusal> voters(Applicant person, BranchVote vote, List<Long> present) {
		Map<Long, MemberSummary> branch = members.summaries(scope.subtree(person.organizationId())).stream()
			.collect(Collectors.toMap(MemberSummary::id, m -> m));
		long full = branch.values().stream().filter(m -> m.status() == MemberStatus.FULL).count();
		if (vote.expected() > full) {
			return Optional.of(new DevelopmentPath.Refusal("development.vote.expectedOverMembers", null, full));
		}
		if (present == null) {
			return Optional.empty();
		}
		if (present.stream().anyMatch(id -> !branch.containsKey(id))) {
			return Optional.of(new DevelopmentPath.Refusal("development.vote.presentNotOfBranch", null));
		}
		if (present.stream().anyMatch(id -> branch.get(id).status() != MemberStatus.FULL)) {
			return Optional.of(new DevelopmentPath.Refusal("development.vote.probationaryNoVote", null));
		}
		if (present.stream().distinct().count() != present.size() || present.size() != vote.present()) {
			return Optional.of(new DevelopmentPath.Refusal("development.vote.presentNames", null, vote.present()));
		}
		return Optional.empty();
	}

	private static DevelopmentPath.Request withPeople(DevelopmentPath.Request r, List<Long> ids) {
		return new DevelopmentPath.Request(r.step(), r.date(), r.decision(), r.reason(), r.note(),
				ids.stream().map(id -> new DevelopmentPath.Nominee(id, true, false)).toList(), r.days(), r.hours(), r.vote(),
				r.extensionMonths(), r.noticeFrom());
	}

	private static int orZero(Integer n) {
		return n == null ? 0 : n;
	}

	/** The 上级党委 of a branch: its general branch (党总支/二级党委), or the committee it sits directly under. */
	private void requireLevel(Caller caller, Applicant person, Step step) {
		long branch = person.organizationId();
		boolean allowed = switch (step.level()) {
			case BRANCH -> scope.reaches(caller, branch, BRANCH);
			case HIGHER -> higherOf(branch).map(h -> scope.reaches(caller, h, HIGHER)).orElse(false);
			case HIGHER_STILL -> scope.reaches(caller, branch, Role.COMMITTEE_ADMIN);
		};
		if (!allowed) {
			throw new NotPermittedException("development-person", person.id(), "step " + step.number() + " is done by "
					+ step.level());
		}
	}

	Optional<Long> higherOf(long branchId) {
		List<OrgRef> lineage = scope.lineage(branchId);
		for (int i = lineage.size() - 2; i >= 0; i--) {
			OrgType type = lineage.get(i).type();
			if (type == OrgType.GENERAL_BRANCH || type == OrgType.COMMITTEE) {
				return Optional.of(lineage.get(i).id());
			}
		}
		return Optional.empty();
	}

	/**
	 * A person not yet admitted moves to another branch with their whole file (the receiving branch sees every
	 * step): done by a general-branch or committee administrator who reaches both branches. After admission the
	 * member's transfer is the transfer module's.
	 */
	PersonView move(Caller caller, long id, Long branchId) {
		Applicant person = visible(caller, id);
		if (branchId == null || scope.find(branchId).map(o -> o.type() != OrgType.BRANCH).orElse(true)) {
			throw new FieldProblem("branchId", "member.organization.branchOnly");
		}
		scope.requireReach(caller, branchId, READ);
		if (!scope.reaches(caller, person.organizationId(), HIGHER) || !scope.reaches(caller, branchId, HIGHER)) {
			throw new NotPermittedException("development-person", id, "move");
		}
		if (person.memberId() != null || person.closed() != null) {
			throw new StepRefused(new DevelopmentPath.Refusal("development.rule.moveAdmitted", null));
		}
		long from = person.organizationId();
		if (from != branchId) {
			person.moveTo(branchId);
			applicants.save(person);
			if (person.accountId() != null) {
				accounts.followApplicant(person.accountId(), branchId, false);
			}
			Map<Long, String> names = scope.qualifiedNames(List.of(from, branchId));
			events.publishEvent(new DevelopmentFileMoved(id, from, branchId, "发展档案 " + person.name() + " 由 "
					+ names.get(from) + " 转至 " + names.get(branchId)));
		}
		return find(caller, id);
	}

	@Transactional(readOnly = true)
	PersonView find(Caller caller, long id) {
		Applicant person = visible(caller, id);
		List<RecordedStep> done = steps.findByApplicantIdOrderById(id);
		DevelopmentPath path = path(person, done);
		String org = scope.qualifiedNames(List.of(person.organizationId())).getOrDefault(person.organizationId(), "");
		Next next = path.next() == null || person.closed() != null ? null
				: new Next(path.next().number(), path.possibleFrom(), path.talkOverdue(today()));
		return new PersonView(person.id(), person.name(), person.staffNumber(), person.stage(), person.stageSince(),
				person.organizationId(), org, person.appliedOn(), path.joinDate().orElse(null),
				path.probationEnds().orElse(null), person.memberId(), person.closed(),
				done.stream().map(RecordedStep::view).toList(), next);
	}

	/** What the documents of a person's file are filled from: their particulars and every approved step. */
	@Transactional(readOnly = true)
	DocumentFacts facts(Caller caller, long id) {
		Applicant person = visible(caller, id);
		List<RecordedStep> done = steps.findByApplicantIdOrderById(id);
		List<OrgRef> lineage = scope.lineage(person.organizationId());
		String branch = lineage.isEmpty() ? "" : lineage.get(lineage.size() - 1).name();
		String college = higherOf(person.organizationId())
			.flatMap(h -> lineage.stream().filter(o -> o.id() == h).findFirst())
			.map(OrgRef::name).orElse("");
		String phone = person.particulars() == null ? null : members.unseal(person.particulars()).phone();
		return person.facts(branch, college, phone, path(person, done), approvedFacts(done));
	}

	/** The applicant's own file, for the APPLICANT account (empty when the account has none). */
	@Transactional(readOnly = true)
	Optional<PersonView> mine(Caller caller) {
		return applicants.findByAccountId(caller.accountId()).map(a -> find(caller, a.id()));
	}

	@Transactional(readOnly = true)
	Page<PersonLine> list(Caller caller, Long organizationId, Stage stage, String q, int page, int size) {
		return page(scope.coveredOrAll(caller, organizationId, "development-person", READ), stage, q, page, size, null);
	}

	/** The board: the scope's counts by stage and a page of its people. */
	record Board(ApplicantListing.StageCounts counts, Page<PersonLine> page) {
	}

	/**
	 * The board's counts and page in one read-only transaction, the scope worked out once. Over more than a thousand
	 * organisations (a school of a province) the counts are a copy a few seconds old, as the applicant list's
	 * ({@link ApplicantListing#stageCounts}); they also give the unsearched page its total.
	 */
	@Transactional(readOnly = true)
	Board board(Caller caller, Long organizationId, Stage stage, String q, int page, int size) {
		Set<Long> orgs = scope.coveredOrAll(caller, organizationId, "development-person", READ);
		ApplicantListing.StageCounts counts = listing.stageCounts(orgs);
		return new Board(counts, page(orgs, stage, q, page, size, counts));
	}

	private Page<PersonLine> page(Set<Long> orgs, Stage stage, String q, int page, int size, ApplicantListing.StageCounts counts) {
		ApplicantListing.Found found = listing.find(orgs, q, stage, ApplicantListing.BOARD_ORDER, page, size, null, counts);
		Map<Long, String> names = scope.qualifiedNames(found.rows().stream().map(Applicant::organizationId).collect(Collectors.toSet()));
		LocalDate today = today();
		return found.page(a -> new PersonLine(a.id(), a.name(), a.staffNumber(), a.stage(), a.organizationId(),
				names.getOrDefault(a.organizationId(), ""), a.appliedOn(), a.stageSince(), a.nextStep(),
				a.nextStep() == null ? null : Step.numbered(a.nextStep()).level().name(), a.nextPossible(),
				overdue(a, today)), page, size);
	}

	/** The talk (step 2) not held within a month of the application. */
	static boolean overdue(Applicant a, LocalDate today) {
		return a.nextStep() != null && a.nextStep() == Step.TALK.number() && today.isAfter(a.appliedOn().plusMonths(DevelopmentPath.TALK_MONTHS));
	}

	private Applicant visible(Caller caller, long id) {
		return applicants.findById(id)
			.filter(a -> scope.reaches(caller, a.organizationId(), READ)
					|| a.accountId() != null && a.accountId() == caller.accountId())
			.orElseThrow(() -> new OutOfScopeException("development-person", id));
	}

	private DevelopmentPath path(Applicant person, List<RecordedStep> done) {
		return new DevelopmentPath(person.birthDate(), done.stream().map(RecordedStep::recorded).toList(), rules);
	}

	/** The audit log's and the 纪实's line: which step, which decision, the vote's outcome. */
	private static String summary(Applicant person, Step step, DevelopmentPath.Request asked) {
		String text = "发展党员 " + person.name() + "：第 " + step.number() + " 步「" + step.title() + "」"
				+ (asked.decision() == DevelopmentPath.Decision.APPROVED ? "通过" : "退回（" + asked.reason() + "）");
		return asked.vote() == null || asked.decision() != DevelopmentPath.Decision.APPROVED ? text
				: text + "，" + asked.vote().describe();
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}

	/** Steps by number, for the documents. */
	static Map<Integer, DocumentFacts.StepFacts> approvedFacts(List<RecordedStep> done) {
		Map<Integer, DocumentFacts.StepFacts> byStep = new LinkedHashMap<>();
		done.stream().filter(RecordedStep::approved).sorted(Comparator.comparing(s -> s.step().number()))
			.forEach(s -> byStep.put(s.step().number(), s.facts()));
		return byStep;
	}
}
