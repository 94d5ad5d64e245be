package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One person's way through the 25 steps, and the regulation's rules for the next one (DOMAIN.md, Member
 * development). Built from the steps recorded so far, in the order they were recorded; asks nothing of the
 * database, so every rule is tested on both sides of its boundary without one.
 */
final class DevelopmentPath {

	enum Decision {
		APPROVED, RETURNED
	}

	/** A step as recorded: approved or returned, and what the rules need later. */
	record Recorded(Step step, LocalDate date, Decision decision, int extensionMonths, LocalDate noticeFrom) {
	}

	/** A party member named in a step (培养联系人, 入党介绍人), with what the rules ask of them. */
	record Nominee(long memberId, boolean full, boolean underDisciplinaryProbation) {
	}

	/** What a step is asked to record; fields a step does not need stay null. */
	record Request(Step step, LocalDate date, Decision decision, String reason, String note, List<Nominee> people,
			Integer days, Integer hours, BranchVote vote, Integer extensionMonths, LocalDate noticeFrom) {

		Request(Step step, LocalDate date, Decision decision, String reason, String note, List<Nominee> people,
				Integer days, Integer hours, BranchVote vote, Integer extensionMonths) {
			this(step, date, decision, reason, note, people, days, hours, vote, extensionMonths, null);
		}
	}

	/** Why a step cannot be recorded: the rule (a message key), its arguments and, for a waiting time, when it can. */
	record Refusal(String rule, LocalDate possibleFrom, Object... args) {
	}

	/** The talk (step 2) within a month of the application (细则). */
	static final int TALK_MONTHS = 1;

	static final int APPROVAL_MONTHS = 3;

	/** A step the regulation gives a deadline: due within {@code months} of the step {@code after}. */
	record Deadline(Step after, Step due, int months) {
	}

	/**
	 * The regulation's deadlines: the talk within a month of the application, the 上级党委's approval within 3
	 * months of the 支部大会 (admission and conversion alike). The pages and the figures both read them here.
	 */
	static final List<Deadline> DEADLINES = List.of(new Deadline(Step.APPLICATION, Step.TALK, TALK_MONTHS),
			new Deadline(Step.ADMISSION_VOTE, Step.ADMISSION_APPROVAL, APPROVAL_MONTHS),
			new Deadline(Step.CONVERSION_VOTE, Step.CONVERSION_APPROVAL, APPROVAL_MONTHS));

	static final int APPROVAL_SPECIAL_MONTHS = 6;

	private final LocalDate birthDate;

	private final DevelopmentRules rules;

	private final Map<Step, Recorded> approved = new EnumMap<>(Step.class);

	private Step next = Step.APPLICATION;

	private int extensionMonths;

	DevelopmentPath(LocalDate birthDate, List<Recorded> recorded, DevelopmentRules rules) {
		this.birthDate = birthDate;
		this.rules = rules;
		recorded.stream().filter(r -> r.decision() == Decision.APPROVED).forEach(this::advance);
	}

	private void advance(Recorded r) {
		approved.put(r.step(), r);
		if (r.step() == Step.CONVERSION_APPROVAL && r.extensionMonths() > 0) {
			// 延长预备期: a second 支部大会 and approval at the end of the extension
			extensionMonths = r.extensionMonths();
			next = Step.CONVERSION_VOTE;
			return;
		}
		next = r.step() == Step.ARCHIVED ? null : Step.values()[r.step().ordinal() + 1];
	}

	/** The step to do next; null once the file is archived. */
	Step next() {
		return next;
	}

	/** The stage reached: the stage of the last approved step. */
	Stage stage() {
		Step last = approved.keySet().stream().reduce((a, b) -> b).orElse(null);
		if (last == null) {
			return Stage.APPLICANT;
		}
		// an extended 预备期 keeps them probationary until the second approval
		return next == Step.CONVERSION_VOTE && extensionMonths > 0 ? Stage.PROBATIONARY : last.reached();
	}

	Optional<LocalDate> dateOf(Step step) {
		return Optional.ofNullable(approved.get(step)).map(Recorded::date);
	}

	/** 入党日期: the date of the 支部大会 that admitted them (step 15), once the 上级党委 approved (step 17). */
	Optional<LocalDate> joinDate() {
		return approved.containsKey(Step.ADMISSION_APPROVAL) ? dateOf(Step.ADMISSION_VOTE) : Optional.empty();
	}

	/** When the 预备期 ends: a year after the admitting vote, or later by the extension. */
	Optional<LocalDate> probationEnds() {
		return dateOf(Step.ADMISSION_VOTE).map(d -> d.plusYears(1).plusMonths(extensionMonths));
	}

	/** The earliest date the next step's waiting time allows (null when none applies or the path has ended). */
	LocalDate possibleFrom() {
		if (next == null) {
			return null;
		}
		return switch (next) {
			case APPLICATION -> birthDate.plusYears(18);
			case ACTIVIST -> dateOf(Step.APPLICATION).map(d -> d.plus(rules.activistWait())).orElse(null);
			case CANDIDATE -> dateOf(Step.ACTIVIST).map(d -> d.plusYears(1)).orElse(null);
			case PRE_REVIEW -> Optional.ofNullable(approved.get(Step.COMMITTEE_REVIEW))
				.map(r -> rules.noticeOver(r.noticeFrom() != null ? r.noticeFrom() : r.date())).orElse(null);
			case CONVERSION_VOTE -> probationEnds().orElse(null);
			default -> null;
		};
	}

	/** Whether the talk (step 2) is overdue: more than a month since the application and not yet held. */
	boolean talkOverdue(LocalDate today) {
		return next == Step.TALK && dateOf(Step.APPLICATION).map(d -> today.isAfter(d.plusMonths(TALK_MONTHS))).orElse(false);
	}

	/**
	 * The rule a step breaks, or empty when it may be recorded. The date is the step's own (a school enters its
	 * paper files, so it may lie in the past) but never in the future and never before the step before it.
	 */
	Optional<Refusal> check(Request request, LocalDate today) {
		if (next == null || request.step() != next) {
			return refuse("development.rule.order", null, next == null ? 0 : next.number());
		}
		if (request.date().isAfter(today)) {
			return refuse("development.rule.future", null);
		}
		LocalDate latest = approved.values().stream().map(Recorded::date).max(LocalDate::compareTo).orElse(null);
		if (latest != null && request.date().isBefore(latest)) {
			return refuse("development.rule.beforePrevious", null, latest);
		}
		if (request.decision() == Decision.RETURNED) {
			return blank(request.reason()) ? refuse("development.rule.reason", null) : Optional.empty();
		}
		LocalDate possible = possibleFrom();
		if (possible != null && request.date().isBefore(possible)) {
			return refuse(waitingRule(request.step()), possible);
		}
		return switch (request.step()) {
			case ACTIVIST -> blank(request.note()) ? refuse("development.rule.activistBasis", null) : Optional.empty();
			case CONTACTS -> nominees(request.people(), 1, 2, false, "development.rule.contacts");
			case SPONSORS -> nominees(request.people(), 2, 2, true, "development.rule.sponsors");
			case TRAINING -> trained(request);
			case COMMITTEE_REVIEW -> request.noticeFrom() != null && request.noticeFrom().isBefore(request.date())
					? refuse("development.rule.noticeFrom", null, request.date()) : Optional.empty();
			case ADMISSION_VOTE, CONVERSION_VOTE -> voted(request.vote());
			case ADMISSION_APPROVAL -> inTime(request, Step.ADMISSION_VOTE);
			case CONVERSION_APPROVAL -> inTime(request, Step.CONVERSION_VOTE).or(() -> extension(request));
			default -> Optional.empty();
		};
	}

	private static String waitingRule(Step step) {
		return switch (step) {
			case APPLICATION -> "development.rule.age";
			case ACTIVIST -> "development.rule.activistWait";
			case CANDIDATE -> "development.rule.activistYear";
			case PRE_REVIEW -> "development.rule.notice";
			default -> "development.rule.probation";
		};
	}

	/** 培养联系人: 1–2 正式党员; 入党介绍人: two 正式党员, none under 留党察看; never the same person twice. */
	private static Optional<Refusal> nominees(List<Nominee> people, int min, int max, boolean noDiscipline, String rule) {
		if (people == null || people.size() < min || people.size() > max
				|| new HashSet<>(people.stream().map(Nominee::memberId).toList()).size() != people.size()
				|| people.stream().anyMatch(p -> !p.full() || noDiscipline && p.underDisciplinaryProbation())) {
			return refuse(rule, null);
		}
		return Optional.empty();
	}

	/** 集中培训: at least 3 days or 24 学时. */
	private static Optional<Refusal> trained(Request request) {
		boolean enough = request.days() != null && request.days() >= 3 || request.hours() != null && request.hours() >= 24;
		return enough ? Optional.empty() : refuse("development.rule.training", null);
	}

	private static Optional<Refusal> voted(BranchVote vote) {
		if (vote == null) {
			return refuse("development.rule.voteMissing", null);
		}
		if (!vote.inconsistencies().isEmpty()) {
			return refuse(vote.inconsistencies().get(0), null);
		}
		return vote.outcome().quorate() ? Optional.empty()
				: refuse("development.rule.quorum", null, vote.present(), vote.outcome().needed());
	}

	/** The 上级党委's approval: within 3 months of the vote; up to 6 in special cases, which need a reason. */
	private Optional<Refusal> inTime(Request request, Step vote) {
		LocalDate voted = dateOf(vote).orElseThrow();
		if (!request.date().isAfter(voted.plusMonths(APPROVAL_MONTHS))) {
			return Optional.empty();
		}
		if (request.date().isAfter(voted.plusMonths(APPROVAL_SPECIAL_MONTHS))) {
			return refuse("development.rule.approvalTooLate", null, voted.plusMonths(APPROVAL_SPECIAL_MONTHS));
		}
		return blank(request.reason()) ? refuse("development.rule.approvalLate", null, voted.plusMonths(APPROVAL_MONTHS))
				: Optional.empty();
	}

	/** 延长预备期: 6 to 12 months, once. */
	private Optional<Refusal> extension(Request request) {
		int months = request.extensionMonths() == null ? 0 : request.extensionMonths();
		if (months == 0) {
			return Optional.empty();
		}
		if (extensionMonths > 0) {
			return refuse("development.rule.extensionOnce", null);
		}
		return months < 6 || months > 12 ? refuse("development.rule.extensionLength", null) : Optional.empty();
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	private static Optional<Refusal> refuse(String rule, LocalDate possibleFrom, Object... args) {
		return Optional.of(new Refusal(rule, possibleFrom, args));
	}
}
