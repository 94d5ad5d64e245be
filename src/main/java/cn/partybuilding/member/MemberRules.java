package cn.partybuilding.member;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlainText;

/**
 * The rules a member's particulars must meet, whether typed into a form, read from an import row or
 * stated by an incoming letter: GB 11643 ID-card number agreeing with birth date and gender, 党章's
 * age of 18 at joining, unique ID-card and staff numbers, a branch (or 党小组) to belong to, dates in
 * order, and the 转正日期 following the 预备期 (细则: one year, or 18–24 months after an extension).
 */
@Component
class MemberRules {

	private final Members members;

	private final SensitiveData sensitive;

	private final OrganizationScope scope;

	private final Clock clock;

	MemberRules(Members members, SensitiveData sensitive, OrganizationScope scope, Clock clock) {
		this.members = members;
		this.sensitive = sensitive;
		this.scope = scope;
		this.clock = clock;
	}

	/**
	 * What {@link #check(MemberForm, long, Lookups)} asks of the stored data. One question per field for a form; an import answers
	 * from what it looked up for the whole file at once.
	 */
	interface Lookups {

		/** Whether a member other than this one has the ID-card number of these hashes (one per live data key). */
		boolean idCardTaken(List<String> idCardHashes, long exceptId);

		boolean staffNumberTaken(String staffNumber, long exceptId);

		OrgType typeOf(long organizationId);
	}

	/** The stored data answering one question per field: a form's check. */
	private final Lookups stored = new Lookups() {

		@Override
		public boolean idCardTaken(List<String> idCardHashes, long exceptId) {
			return members.idCardTaken(idCardHashes, exceptId);
		}

		@Override
		public boolean staffNumberTaken(String staffNumber, long exceptId) {
			return members.staffNumberTaken(staffNumber, exceptId);
		}

		@Override
		public OrgType typeOf(long organizationId) {
			return organizationType(organizationId);
		}
	};

	/** The type of an organisation (null when there is none): members belong to branches and 党小组 only. */
	OrgType organizationType(long organizationId) {
		return scope.find(organizationId).map(OrgRef::type).orElse(null);
	}

	/** A form's check against the stored data: every field, all mistakes at once ({@link FieldProblem}). */
	IdCardNumber check(MemberForm form, long exceptId) {
		return check(form, exceptId, stored);
	}

	/**
	 * Every field is checked, so a form or an import row reports all its mistakes at once. Returns the
	 * parsed ID-card number.
	 */
	IdCardNumber check(MemberForm form, long exceptId, Lookups lookups) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String name = PlainText.clean(form.name());
		if (name.isEmpty() || name.length() > 50) {
			problems.add(problem("name", "member.name.required"));
		}
		if (form.gender() == null) {
			problems.add(problem("gender", "member.gender.required"));
		}
		if (PlainText.clean(form.ethnicity()).length() > 20) {
			problems.add(problem("ethnicity", "member.ethnicity.length"));
		}
		if (PlainText.clean(form.nativePlace()).length() > 50) {
			problems.add(problem("nativePlace", "member.nativePlace.length"));
		}
		IdCardNumber idCard = null;
		var idProblem = IdCardNumber.problemWith(form.idCard());
		if (idProblem.isPresent()) {
			problems.add(problem("idCard", idProblem.get()));
		}
		else {
			idCard = IdCardNumber.parse(form.idCard());
			if (form.birthDate() != null && !idCard.birthDate().equals(form.birthDate())) {
				problems.add(problem("birthDate", "member.birthDate.mismatch"));
			}
			if (form.gender() != null && idCard.gender() != form.gender()) {
				problems.add(problem("gender", "member.gender.mismatch"));
			}
			if (lookups.idCardTaken(sensitive.lookupHashes(idCard.value()), exceptId)) {
				problems.add(problem("idCard", "member.idCard.taken"));
			}
		}
		LocalDate birth = form.birthDate() != null ? form.birthDate() : idCard == null ? null : idCard.birthDate();
		if (birth == null) {
			problems.add(problem("birthDate", "member.birthDate.required"));
		}
		else if (birth.plusYears(18).isAfter(form.joinDate() != null ? form.joinDate() : LocalDate.now(clock))) {
			// 党章: 年满十八岁 — at the time of joining
			problems.add(problem("birthDate", "member.age.under18",
					form.joinDate() != null ? form.joinDate() : LocalDate.now(clock), birth));
		}
		String staff = form.staffNumber() == null ? "" : form.staffNumber().trim();
		if (!staff.matches("[A-Za-z0-9][A-Za-z0-9_.-]{1,63}")) {
			problems.add(problem("staffNumber", "member.staffNumber.pattern"));
		}
		else if (lookups.staffNumberTaken(staff, exceptId)) {
			problems.add(problem("staffNumber", "member.staffNumber.taken", staff));
		}
		if (form.phone() != null && !form.phone().isBlank() && !form.phone().trim().matches("1[3-9]\\d{9}")) {
			problems.add(problem("phone", "member.phone.format"));
		}
		if (form.education() == null) {
			problems.add(problem("education", "member.education.required"));
		}
		if (form.category() == null) {
			problems.add(problem("category", "member.category.required"));
		}
		if (form.status() == null) {
			problems.add(problem("status", "member.status.required"));
		}
		if (form.joinDate() == null) {
			problems.add(problem("joinDate", "member.joinDate.required"));
		}
		else if (form.joinDate().isAfter(LocalDate.now(clock)) || form.joinDate().getYear() < 1921) {
			problems.add(problem("joinDate", "member.joinDate.range"));
		}
		LocalDate today = LocalDate.now(clock);
		LocalDate join = form.joinDate();
		if (form.status() == MemberStatus.FULL && join != null && !join.isAfter(today) && join.plusYears(1).isAfter(today)) {
			// 细则: the 预备期 is one year from the 入党日期; nobody is a full member before it ends
			problems.add(problem("status", "member.status.fullTooSoon", join.plusYears(1)));
		}
		LocalDate conversion = form.conversionDate();
		if (conversion != null) {
			if (form.status() == MemberStatus.PROBATIONARY) {
				problems.add(problem("conversionDate", "member.conversionDate.probationary"));
			}
			else if (conversion.isAfter(today)) {
				problems.add(problem("conversionDate", "member.conversionDate.future"));
			}
			else if (join != null && !conversion.isAfter(join)) {
				problems.add(problem("conversionDate", "member.conversionDate.beforeJoin"));
			}
			else if (join != null && !followsProbation(join, conversion)
					&& !(form.historical() && conversion.isAfter(join.plusYears(1)))) {
				// a late-recorded conversion in old files passes as a historical record; an early one never
				problems.add(problem("conversionDate", "member.conversionDate.probation", join.plusYears(1),
						join.plusMonths(18), join.plusMonths(24)));
			}
		}
		if (form.graduationYear() != null && (form.graduationYear() < 1950 || form.graduationYear() > Year.now(clock).getValue() + 10)) {
			problems.add(problem("graduationYear", "member.graduationYear.range"));
		}
		if (form.organizationId() == null) {
			problems.add(problem("organizationId", "member.organization.required"));
		}
		else {
			OrgType type = lookups.typeOf(form.organizationId());
			if (type != OrgType.BRANCH && type != OrgType.GROUP) {
				problems.add(problem("organizationId", "member.organization.branchOnly"));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		return idCard;
	}

	static MemberForm normalized(MemberForm f) {
		String ethnicity = PlainText.clean(f.ethnicity());
		return new MemberForm(PlainText.clean(f.name()), f.gender(), ethnicity.isEmpty() ? "汉族" : ethnicity,
				f.birthDate() != null ? f.birthDate() : IdCardNumber.parse(f.idCard()).birthDate(),
				f.idCard(), PlainText.clean(f.nativePlace()), f.education(), f.category(), f.staffNumber(), f.phone(),
				f.organizationId(), f.status(), f.joinDate(), f.conversionDate(), f.graduationYear(), f.historical());
	}

	/**
	 * 发展党员工作细则: the 转正日期 is the day the one-year 预备期 ends (按期转正), or the end of an extension of
	 * 6 months to a year, once — 入党日期 + 18 to 24 months.
	 */
	static boolean followsProbation(LocalDate join, LocalDate conversion) {
		return conversion.equals(join.plusYears(1))
				|| !conversion.isBefore(join.plusMonths(18)) && !conversion.isAfter(join.plusMonths(24));
	}

	/** A historical record accepted although its 转正日期 is outside the rule: the profile and the import warn. */
	static boolean lateRecordedConversion(boolean historical, LocalDate join, LocalDate conversion) {
		return historical && join != null && conversion != null && !followsProbation(join, conversion);
	}

	/** The warning an accepted historical record carries (null when there is none), for an import's result. */
	static FieldProblem.Problem historicalWarning(MemberForm form) {
		if (form.status() != MemberStatus.FULL
				|| !lateRecordedConversion(form.historical(), form.joinDate(), form.conversionDate())) {
			return null;
		}
		LocalDate join = form.joinDate();
		return problem("conversionDate", "member.conversionDate.historical", form.conversionDate(), join.plusYears(1),
				join.plusMonths(18), join.plusMonths(24));
	}

	/** 党龄: whole years since the 转正日期, as of {@code today}; null without a 转正日期. */
	static Integer partyYears(LocalDate conversion, LocalDate today) {
		return conversion == null || conversion.isAfter(today) ? null : Period.between(conversion, today).getYears();
	}

	/** 预备期超期: still probationary more than two years (a year and the longest extension) after joining. */
	static boolean probationOverdue(MemberStatus status, LocalDate join, LocalDate today) {
		return status == MemberStatus.PROBATIONARY && join != null && join.plusYears(2).isBefore(today);
	}

	private static FieldProblem.Problem problem(String field, String key, Object... args) {
		return new FieldProblem.Problem(field, key, args);
	}
}
