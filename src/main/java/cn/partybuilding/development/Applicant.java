package cn.partybuilding.development;

import java.time.LocalDate;

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

	@Version
	private Long version;

	protected Applicant() {
	}

	Applicant(ApplicantForm form) {
		this.name = form.name().trim();
		this.gender = form.gender();
		this.birthDate = form.birthDate();
		this.staffNumber = form.staffNumber().trim();
		this.category = form.category();
		this.organizationId = form.organizationId();
		this.appliedOn = form.appliedOn();
		this.stage = form.stage();
		this.stageSince = form.stageSince();
	}

	ApplicantRegistry.ApplicantView view(String organizationName) {
		return new ApplicantRegistry.ApplicantView(id, name, gender, birthDate, staffNumber, category, organizationId,
				organizationName, appliedOn, stage, stageSince);
	}

	long organizationId() {
		return organizationId;
	}
}
