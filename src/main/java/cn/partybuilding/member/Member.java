package cn.partybuilding.member;

import java.time.Instant;
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

/** A party member's profile. Sensitive fields are held encrypted, hashed and masked, never in plain. */
@Entity
@Table(name = "member")
class Member {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	@Enumerated(EnumType.STRING)
	private Gender gender;

	private String ethnicity;

	@Column(name = "birth_date")
	private LocalDate birthDate;

	@Column(name = "id_card_encrypted")
	private String idCardEncrypted;

	@Column(name = "id_card_hash")
	private String idCardHash;

	@Column(name = "id_card_masked")
	private String idCardMasked;

	@Column(name = "native_place")
	private String nativePlace;

	@Enumerated(EnumType.STRING)
	private Education education;

	@Enumerated(EnumType.STRING)
	private Category category;

	@Column(name = "staff_number")
	private String staffNumber;

	@Column(name = "phone_encrypted")
	private String phoneEncrypted;

	@Column(name = "phone_hash")
	private String phoneHash;

	@Column(name = "phone_masked")
	private String phoneMasked;

	@Column(name = "organization_id")
	private long organizationId;

	@Enumerated(EnumType.STRING)
	private MemberStatus status;

	@Column(name = "join_date")
	private LocalDate joinDate;

	@Column(name = "conversion_date")
	private LocalDate conversionDate;

	@Column(name = "graduation_year")
	private Integer graduationYear;

	@Column(name = "account_id")
	private Long accountId;

	/** Copied from old paper files: a late-recorded 转正日期 was accepted with a warning. */
	@Column(name = "historical_record")
	private boolean historicalRecord;

	/** When the organisation relationship left the school (the letter's 回执 came back); null while here. */
	@Column(name = "departed_on")
	private LocalDate departedOn;

	@Column(name = "created_at", insertable = false, updatable = false)
	private Instant createdAt;

	@Version
	private Long version;

	protected Member() {
	}

	/** A profile whose fields {@link MemberRegistry} has already checked. */
	Member(MemberForm form, IdCardNumber idCard, SensitiveData sensitive) {
		apply(form, idCard, sensitive);
	}

	/**
	 * Replaces the profile with a corrected one. The 学号/工号 stays (it is the account's username); a
	 * change of branch is a correction here, transfers have their own workflow.
	 */
	void correct(MemberForm form, IdCardNumber idCard, SensitiveData sensitive) {
		String keep = staffNumber;
		apply(form, idCard, sensitive);
		this.staffNumber = keep;
	}

	private void apply(MemberForm form, IdCardNumber idCard, SensitiveData sensitive) {
		this.name = form.name().trim();
		this.gender = form.gender();
		this.ethnicity = form.ethnicity();
		this.birthDate = form.birthDate();
		this.idCardEncrypted = sensitive.encrypt(idCard.value());
		this.idCardHash = sensitive.lookupHash(idCard.value());
		this.idCardMasked = idCard.masked();
		this.nativePlace = form.nativePlace();
		this.education = form.education();
		this.category = form.category();
		this.staffNumber = form.staffNumber().trim();
		if (form.phone() != null && !form.phone().isBlank()) {
			String phone = form.phone().trim();
			this.phoneEncrypted = sensitive.encrypt(phone);
			this.phoneHash = sensitive.lookupHash(phone);
			this.phoneMasked = phone.substring(0, 3) + "****" + phone.substring(7);
		}
		else {
			this.phoneEncrypted = null;
			this.phoneHash = null;
			this.phoneMasked = null;
		}
		this.organizationId = form.organizationId();
		this.status = form.status();
		this.joinDate = form.joinDate();
		this.conversionDate = form.conversionDate();
		this.graduationYear = form.graduationYear();
		this.historicalRecord = form.historical();
	}

	/**
	 * The bulk path (imports, benchmark data) inserts many profiles in one batch instead of one entity at
	 * a time; these columns and {@link #insertValues} must stay in step with the mapping above.
	 */
	static final String INSERT = """
			insert into member (id, name, gender, ethnicity, birth_date, id_card_encrypted, id_card_hash, id_card_masked,
			    native_place, education, category, staff_number, phone_encrypted, phone_hash, phone_masked,
			    organization_id, status, join_date, conversion_date, graduation_year, account_id, historical_record, version)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""";

	Object[] insertValues(long id, long accountId) {
		return new Object[] { id, name, gender.name(), ethnicity, birthDate, idCardEncrypted, idCardHash, idCardMasked,
				nativePlace, education.name(), category.name(), staffNumber, phoneEncrypted, phoneHash, phoneMasked,
				organizationId, status.name(), joinDate, conversionDate, graduationYear, accountId, historicalRecord };
	}

	/** 转正: a full member from the day the 预备期 ended. */
	void convert(LocalDate on) {
		this.status = MemberStatus.FULL;
		this.conversionDate = on;
	}

	void depart(LocalDate on) {
		this.departedOn = on;
	}

	/** The organisation relationship moved here (a transfer accepted by the receiving branch). */
	void moveTo(long organizationId) {
		this.organizationId = organizationId;
	}

	void linkAccount(long accountId) {
		this.accountId = accountId;
	}

	Long id() {
		return id;
	}

	String name() {
		return name;
	}

	Gender gender() {
		return gender;
	}

	String ethnicity() {
		return ethnicity;
	}

	LocalDate birthDate() {
		return birthDate;
	}

	String idCardEncrypted() {
		return idCardEncrypted;
	}

	String idCardMasked() {
		return idCardMasked;
	}

	String nativePlace() {
		return nativePlace;
	}

	Education education() {
		return education;
	}

	Category category() {
		return category;
	}

	String staffNumber() {
		return staffNumber;
	}

	String phoneEncrypted() {
		return phoneEncrypted;
	}

	String phoneMasked() {
		return phoneMasked;
	}

	long organizationId() {
		return organizationId;
	}

	MemberStatus status() {
		return status;
	}

	LocalDate joinDate() {
		return joinDate;
	}

	LocalDate conversionDate() {
		return conversionDate;
	}

	Integer graduationYear() {
		return graduationYear;
	}

	Long accountId() {
		return accountId;
	}

	boolean historicalRecord() {
		return historicalRecord;
	}

	Long version() {
		return version;
	}
}
