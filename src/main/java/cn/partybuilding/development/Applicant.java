package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;

/** A person who has applied to join, at the branch that cultivates them. */
@Entity
@Table(name = "applicant")
class Applicant {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	@Enumerated(EnumType.STRING)
	private Gender gender;

	@Column(name = "birth_date")
	private LocalDate birthDate;

	@Column(name = "staff_number")
	private String staffNumber;

	@Enumerated(EnumType.STRING)
	private Category category;

	@Column(name = "organization_id")
	private long organizationId;

	@Column(name = "applied_on")
	private LocalDate appliedOn;

	@Enumerated(EnumType.STRING)
	private Stage stage;

	@Column(name = "stage_since")
	private LocalDate stageSince;

	private String ethnicity;

	@Enumerated(EnumType.STRING)
	private Education education;

	@Column(name = "account_id")
	private Long accountId;

	@Column(name = "member_id")
	private Long memberId;

	/** The particulars given when applying, sealed (encrypted) until the person is admitted as a member. */
	private String particulars;

	@Column(name = "next_step")
	private Integer nextStep;

	@Column(name = "next_possible")
	private LocalDate nextPossible;

	/** Why the file ended before step 25 (取消预备党员资格), null while it is open or archived. */
	private String closed;

	@Version
	private Long version;

	protected Applicant() {
	}

	/** A person applying now (or a paper application the branch records): stage 申请人, step 1 to be recorded. */
	Applicant(DevelopmentPeople.NewPerson form, String sealed, long accountId) {
		this.name = form.name().strip();
		this.gender = form.gender();
		this.ethnicity = form.ethnicity();
		this.education = form.education();
		this.birthDate = form.birthDate();
		this.staffNumber = form.staffNumber().strip();
		this.category = form.category();
		this.organizationId = form.branchId();
		this.appliedOn = form.appliedOn();
		this.stage = Stage.APPLICANT;
		this.stageSince = form.appliedOn();
		this.particulars = sealed;
		this.accountId = accountId;
		this.nextStep = Step.APPLICATION.number();
	}

	/** After a step: the stage reached (since the step's date when it changed) and what comes next. */
	void follow(DevelopmentPath path, LocalDate on) {
		Stage reached = path.stage();
		if (reached != stage) {
			stage = reached;
			stageSince = on;
		}
		nextStep = path.next() == null ? null : path.next().number();
		nextPossible = path.possibleFrom();
	}

	/** Admitted (step 17): the member they now are. */
	void admitted(long memberId) {
		this.memberId = memberId;
	}

	/** The file ends here (取消预备党员资格): nothing further can be recorded. */
	void close(String why) {
		this.closed = why;
		this.nextStep = null;
		this.nextPossible = null;
	}

	/** The person's branch changed before admission: the file moves with them. */
	void moveTo(long branchId) {
		this.organizationId = branchId;
	}

	DocumentFacts facts(String branchName, String collegeName, String phone, DevelopmentPath path,
			Map<Integer, DocumentFacts.StepFacts> steps) {
		return new DocumentFacts(id, name, gender.name(), ethnicity, birthDate, staffNumber, category.name(),
				education == null ? null : education.name(), phone, branchName, collegeName, appliedOn, stage,
				path.joinDate().orElse(null), path.probationEnds().orElse(null), steps);
	}

	Long id() {
		return id;
	}

	String name() {
		return name;
	}

	Stage stage() {
		return stage;
	}

	LocalDate birthDate() {
		return birthDate;
	}

	LocalDate appliedOn() {
		return appliedOn;
	}

	LocalDate stageSince() {
		return stageSince;
	}

	String staffNumber() {
		return staffNumber;
	}

	Long accountId() {
		return accountId;
	}

	Long memberId() {
		return memberId;
	}

	String particulars() {
		return particulars;
	}

	Integer nextStep() {
		return nextStep;
	}

	LocalDate nextPossible() {
		return nextPossible;
	}

	String closed() {
		return closed;
	}

	ApplicantRegistry.ApplicantView view(String organizationName) {
		return new ApplicantRegistry.ApplicantView(id, name, gender, birthDate, staffNumber, category, organizationId,
				organizationName, appliedOn, stage, stageSince);
	}

	long organizationId() {
		return organizationId;
	}
}
