package cn.partybuilding.development;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Gender;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/** The people applying to join, found within the caller's scope like members are. */
@Service
@Transactional
@Facade("what other modules tell development: applications recorded with their dates")
public class ApplicantRegistry {

	private static final Role[] READ = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private final Applicants applicants;

	private final OrganizationScope scope;

	private final Clock clock;

	ApplicantRegistry(Applicants applicants, OrganizationScope scope, Clock clock) {
		this.applicants = applicants;
		this.scope = scope;
		this.clock = clock;
	}

	record ApplicantView(long id, String name, Gender gender, LocalDate birthDate, String staffNumber,
			Category category, long organizationId, String organizationName, LocalDate appliedOn, Stage stage,
			LocalDate stageSince) {
	}

	/** Whether the caller works with applicants at all (the navigation asks). */
	static boolean worksWithApplicants(Caller caller) {
		return caller.has(READ);
	}

	/**
	 * A paper application recorded with its dates (the stage reached and since when), checked by the same
	 * rules as any application: the demo records its applicants this way.
	 */
	public long record(ApplicantForm form) {
		check(form);
		return applicants.save(new Applicant(form)).view("").id();
	}

	@Transactional(readOnly = true)
	Page<ApplicantView> list(Caller caller, String q, Long organizationId, Stage stage, int page, int size) {
		Set<Long> orgs = orgs(caller, organizationId);
		Page<Applicant> found = applicants.search(orgs, PlainText.containing(q), stage,
				PageRequest.of(Math.min(Math.max(page, 0), 100_000), size, Sort.by("organizationId", "appliedOn", "id")));
		Map<Long, String> names = scope.findAll(found.stream().map(Applicant::organizationId).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(OrgRef::id, OrgRef::name));
		return found.map(a -> a.view(names.getOrDefault(a.organizationId(), "")));
	}

	/** How many are at each stage in the caller's scope (or under one organisation of it). */
	@Transactional(readOnly = true)
	Map<Stage, Long> countByStage(Caller caller, Long organizationId) {
		Map<Stage, Long> counts = new EnumMap<>(Stage.class);
		for (Stage s : Stage.values()) {
			counts.put(s, 0L);
		}
		applicants.countByStage(orgs(caller, organizationId)).forEach(row -> counts.put((Stage) row[0], (Long) row[1]));
		return counts;
	}

	private Set<Long> orgs(Caller caller, Long organizationId) {
		if (organizationId != null) {
			if (!scope.reaches(caller, organizationId, READ)) {
				throw new OutOfScopeException("organization", organizationId);
			}
			return scope.subtree(organizationId);
		}
		Set<Long> visible = scope.visibleTo(caller, READ);
		if (visible.isEmpty()) {
			throw new NotPermittedException("applicant", "*", "list");
		}
		return visible;
	}

	/** 发展党员工作细则: an applicant is at least 18 when applying, and belongs to a branch. */
	private void check(ApplicantForm form) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (PlainText.clean(form.name()).isEmpty()) {
			problems.add(new FieldProblem.Problem("name", "member.name.required", new Object[0]));
		}
		if (form.birthDate() == null || form.appliedOn() == null
				|| form.birthDate().plusYears(18).isAfter(form.appliedOn())) {
			problems.add(new FieldProblem.Problem("birthDate", "applicant.age.under18", new Object[0]));
		}
		if (form.appliedOn() != null && form.appliedOn().isAfter(LocalDate.now(clock))) {
			problems.add(new FieldProblem.Problem("appliedOn", "applicant.appliedOn.future", new Object[0]));
		}
		if (form.staffNumber() == null || applicants.staffNumberTaken(form.staffNumber().trim())) {
			problems.add(new FieldProblem.Problem("staffNumber", "applicant.staffNumber.taken", new Object[0]));
		}
		OrgType type = form.organizationId() == null ? null
				: scope.find(form.organizationId()).map(OrgRef::type).orElse(null);
		if (type != OrgType.BRANCH && type != OrgType.GROUP) {
			problems.add(new FieldProblem.Problem("organizationId", "member.organization.branchOnly", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
	}
}
