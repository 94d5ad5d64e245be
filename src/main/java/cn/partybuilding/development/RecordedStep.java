package cn.partybuilding.development;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One step of a person's file as the level that did it recorded it; never changed afterwards. */
@Entity
@Table(name = "development_step")
class RecordedStep {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "applicant_id")
	private long applicantId;

	private int step;

	@Column(name = "done_on")
	private LocalDate doneOn;

	@Enumerated(EnumType.STRING)
	private DevelopmentPath.Decision decision;

	private String reason;

	private String note;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private Long[] people;

	@Column(name = "people_names")
	private String peopleNames;

	private Integer days;

	private Integer hours;

	private Integer expected;

	private Integer present;

	private Integer yes;

	private Integer no;

	private Integer abstain;

	@Column(name = "written_yes")
	private Integer writtenYes;

	@Column(name = "written_no")
	private Integer writtenNo;

	@Column(name = "extension_months")
	private Integer extensionMonths;

	@Column(name = "notice_from")
	private LocalDate noticeFrom;

	/** Step 24 ending the 预备期 without conversion (取消预备党员资格). */
	private boolean cancelled;

	@Column(name = "organization_id")
	private long organizationId;

	private String actor;

	@Column(name = "recorded_at")
	private Instant recordedAt;

	protected RecordedStep() {
	}

	RecordedStep(long applicantId, long organizationId, DevelopmentPath.Request request, List<String> names,
			boolean cancelled, String actor, Instant at) {
		this.cancelled = cancelled;
		this.applicantId = applicantId;
		this.organizationId = organizationId;
		this.step = request.step().number();
		this.doneOn = request.date();
		this.decision = request.decision();
		this.reason = blankToNull(request.reason());
		this.note = blankToNull(request.note());
		if (request.people() != null && !request.people().isEmpty()) {
			this.people = request.people().stream().map(DevelopmentPath.Nominee::memberId).toArray(Long[]::new);
			this.peopleNames = String.join("、", names);
		}
		this.days = request.days();
		this.hours = request.hours();
		BranchVote vote = request.vote();
		if (vote != null) {
			this.expected = vote.expected();
			this.present = vote.present();
			this.yes = vote.yes();
			this.no = vote.no();
			this.abstain = vote.abstain();
			this.writtenYes = vote.writtenYes();
			this.writtenNo = vote.writtenNo();
		}
		this.extensionMonths = request.extensionMonths() == null || request.extensionMonths() == 0 ? null
				: request.extensionMonths();
		this.noticeFrom = request.step() == Step.COMMITTEE_REVIEW ? request.noticeFrom() : null;
		this.actor = actor;
		this.recordedAt = at;
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	DevelopmentPath.Recorded recorded() {
		return new DevelopmentPath.Recorded(Step.numbered(step), doneOn, decision,
				extensionMonths == null ? 0 : extensionMonths, noticeFrom);
	}

	Step step() {
		return Step.numbered(step);
	}

	boolean approved() {
		return decision == DevelopmentPath.Decision.APPROVED;
	}

	LocalDate doneOn() {
		return doneOn;
	}

	BranchVote vote() {
		return expected == null ? null : new BranchVote(expected, present, yes, no, abstain, writtenYes, writtenNo);
	}

	DevelopmentPeople.StepView view() {
		BranchVote vote = vote();
		return new DevelopmentPeople.StepView(id, step, doneOn, decision, reason, note,
				people == null ? List.of() : Arrays.asList(people), peopleNames, days, hours, vote,
				vote == null ? null : vote.outcome(), extensionMonths, noticeFrom, cancelled, actor, recordedAt);
	}

	DocumentFacts.StepFacts facts() {
		return new DocumentFacts.StepFacts(step, doneOn, actor, note, reason,
				peopleNames == null ? List.of() : List.of(peopleNames.split("、")), days, hours, vote(),
				extensionMonths, noticeFrom);
	}

	ApplicantAdmitted.HistoryLine historyLine() {
		String detail = String.join("；", Stream.of(note, peopleNames == null ? null : "人员：" + peopleNames,
				vote() == null ? null : vote().describe()).filter(Objects::nonNull).toList());
		return new ApplicantAdmitted.HistoryLine(step, step().title(), doneOn, actor, detail);
	}
}
