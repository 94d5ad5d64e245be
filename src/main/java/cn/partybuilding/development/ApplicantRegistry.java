package cn.partybuilding.development;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Gender;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/** The people applying to join, found within the caller's scope like members are. */
@Service
@Transactional
@Facade("what other modules tell development: files entered from paper, recorded step by step through the rules")
public class ApplicantRegistry {

	private static final Role[] READ = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private final Applicants applicants;

	private final OrganizationScope scope;

	private final DevelopmentPeople people;

	private final ThoughtReports reports;

	private final ApplicantListing listing;

	ApplicantRegistry(Applicants applicants, OrganizationScope scope, DevelopmentPeople people, ThoughtReports reports,
			ApplicantListing listing) {
		this.listing = listing;
		this.reports = reports;
		this.applicants = applicants;
		this.scope = scope;
		this.people = people;
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
	 * A whole file entered from paper (the demo; a school starting from its paper records): the application
	 * recorded by {@code branch} through {@link DevelopmentPeople#apply}, then each step by the level the
	 * regulation names — {@code branch}, {@code higher} (the 上级党委) or {@code committee} (step 18) — through
	 * {@link DevelopmentPeople#recordAll}, which checks every rule, level and scope as for a step entered by hand.
	 * All or nothing; a refused step throws. Returns the person's id.
	 */
	public long recordFile(Caller branch, Caller higher, Caller committee, NewFile file, List<PlannedStep> planned) {
		DevelopmentPeople.Created created = people.apply(branch,
				new DevelopmentPeople.NewPerson(file.name(), file.gender(), file.ethnicity(), file.birthDate(),
						file.idCard(), file.staffNumber(), file.category(), file.education(), file.phone(),
						file.branchId(), file.appliedOn()),
				file.encodedPassword(), file.mustChangePassword());
		List<DevelopmentPeople.StepRequest> requests = new java.util.ArrayList<>();
		for (PlannedStep s : planned) {
			if (s.step() < 2 || s.step() > 25) {
				throw new IllegalArgumentException("a planned step is 2 to 25 (the application is the file): " + s.step());
			}
			requests.add(new DevelopmentPeople.StepRequest(s.step(), s.date(), s.note(), s.memberIds(), s.days(),
					s.hours(), s.expected(), s.present(), s.yes(), s.no(), s.abstain(), s.writtenYes(), s.writtenNo(),
					s.returned() ? DevelopmentPath.Decision.RETURNED : DevelopmentPath.Decision.APPROVED, s.reason(),
					s.extensionMonths(), s.noticeFrom(), s.cancel() ? Boolean.TRUE : null));
		}
		people.recordAll(level -> switch (level) {
			case BRANCH -> branch;
			case HIGHER -> higher;
			case HIGHER_STILL -> committee;
		}, created.id(), requests);
		return created.id();
	}

	/**
	 * The 思想汇报 a person kept on paper, handed in by them at once for every period still open (the demo), each
	 * through the same checks as one handed in online. Returns how many.
	 */
	public int handInOwedReports(Caller applicant, String body) {
		return reports.handInOwed(applicant, body);
	}

	/**
	 * A page of the list, whether its total is exact (else estimated), the cursor of the page after it, and how many
	 * files are at each stage in the whole scope (whatever the search).
	 */
	record Listed(Page<ApplicantView> page, boolean totalExact, String next, Map<Stage, Long> byStage) {
	}

	/**
	 * A page by number ({@code after} null) or the page after a cursor of an earlier page, with the counts by stage:
	 * the scope is worked out once and the counters read once (the unsearched total is their sum).
	 */
	@Transactional(readOnly = true)
	Listed list(Caller caller, String q, Long organizationId, Stage stage, int page, int size, String after) {
		listing.oneSnapshot();
		Set<Long> orgs = orgs(caller, organizationId);
		ApplicantListing.StageCounts counts = listing.stageCounts(orgs);
		ApplicantListing.Found found = listing.find(orgs, q, stage, ApplicantListing.LIST_ORDER, page, size, after,
				counts);
		Map<Long, String> names = scope.findAll(found.rows().stream().map(Applicant::organizationId).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(OrgRef::id, OrgRef::name));
		return new Listed(found.page(a -> a.view(names.getOrDefault(a.organizationId(), "")), page, size), found.exact(),
				found.next(), counts.byStage());
	}

	/** The organisations listed; {@code null} for the whole tree (a province's root: no scope filter needed). */
	private Set<Long> orgs(Caller caller, Long organizationId) {
		if (scope.coversWholeTree(caller, organizationId, READ)) {
			return null;
		}
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
}
