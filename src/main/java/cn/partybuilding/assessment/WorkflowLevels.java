package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * Who acts at which level of the assessment. The organisation itself (a branch: its secretary and 支委; a general
 * branch: its administrators) claims and appeals; the level above (an administrator of a general branch or of the
 * committee above it) scores claims, answers appeals, adjusts manual scores and reviews; the committee approves.
 * Someone who reads no scores at all is refused (403); an organisation out of reach is the audited 404; within
 * reach, the wrong level is refused (403).
 */
@Component
class WorkflowLevels {

	static final Role[] ABOVE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN };

	/** An organisation under a year's published system, with the indicator asked about when there is one. */
	record Target(IndicatorSystem system, OrgRef org) {

		Indicator indicator(String code) {
			return system.indicatorsFor(org.type()).stream().filter(i -> i.code().equals(code)).findFirst()
				.orElseThrow(() -> new FieldProblem("code", "assessment.workflow.unknown-indicator"));
		}
	}

	private final OrganizationScope scope;

	private final IndicatorSystems systems;

	WorkflowLevels(OrganizationScope scope, IndicatorSystems systems) {
		this.scope = scope;
		this.systems = systems;
	}

	/** The organisation when the caller reads scores and reaches it; else 403 (no reader) or the audited 404. */
	OrgRef reach(Caller caller, long orgId) {
		if (!Scoreboard.reads(caller)) {
			throw new NotPermittedException("assessment", orgId, "read");
		}
		scope.requireReach(caller, orgId, Scoreboard.READERS);
		return scope.find(orgId).orElseThrow(() -> new OutOfScopeException("organization", orgId));
	}

	/** The organisation under the year's published system (400 when there is none or it is not assessed). */
	Target target(Caller caller, int year, long orgId) {
		IndicatorSystems.checkYear(year);
		OrgRef org = reach(caller, orgId);
		IndicatorSystem system = systems.published(year)
			.orElseThrow(() -> new FieldProblem("year", "assessment.workflow.no-system"));
		if (!system.assesses(org.type())) {
			throw new FieldProblem("orgId", "assessment.workflow.not-assessed");
		}
		return new Target(system, org);
	}

	/** Whether the caller speaks for the organisation: its secretary or 支委 (a branch), its administrator (a general branch). */
	static boolean speaksFor(Caller caller, OrgRef org) {
		Set<Long> at = org.type() == OrgType.GENERAL_BRANCH ? caller.organizationsWith(Role.GENERAL_BRANCH_ADMIN)
				: caller.organizationsWith(Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE);
		return at.contains(org.id());
	}

	/**
	 * The caller's subtrees, read once, for a page that asks {@link Reach#above} and {@link Reach#approves} of every row
	 * (a province's ranking: 20 000 rows, not three queries each).
	 */
	Reach reach(Caller caller) {
		Set<Long> roots = new HashSet<>(caller.organizationsWith(ABOVE));
		roots.addAll(caller.organizationsWith(Role.COMMITTEE_ADMIN));
		// the only root's subtree is every organisation: a province's 25 000 are not read to be told so
		Set<Long> wholeTree = new HashSet<>();
		roots.stream().filter(r -> scope.coversWholeTree(caller, r, Scoreboard.READERS)).forEach(wholeTree::add);
		roots.removeAll(wholeTree);
		Map<Long, Set<Long>> subtrees = scope.subtreesOf(roots);
		return Reach.of(caller,
				(root, orgId) -> wholeTree.contains(root) || subtrees.getOrDefault(root, Set.of()).contains(orgId));
	}

	/** The same rule asked of one organisation: whether it lies in a subtree, looked up in the tree. */
	private Reach reachOne(Caller caller) {
		return Reach.of(caller, scope::contains);
	}

	/**
	 * Who acts above an organisation, stated once: an administrator of a general branch or committee whose subtree
	 * holds it (not the organisation itself) is the level above; a committee administrator whose subtree holds it
	 * approves. {@code contains} answers whether the organisation lies in a root's subtree (the root included).
	 */
	record Reach(Set<Long> aboveRoots, Set<Long> committees, BiPredicate<Long, Long> contains) {

		static Reach of(Caller caller, BiPredicate<Long, Long> contains) {
			return new Reach(caller.organizationsWith(ABOVE), caller.organizationsWith(Role.COMMITTEE_ADMIN), contains);
		}

		boolean above(long orgId) {
			return aboveRoots.stream().anyMatch(g -> g != orgId && contains.test(g, orgId));
		}

		boolean approves(long orgId) {
			return committees.stream().anyMatch(g -> contains.test(g, orgId));
		}
	}

	/** Whether the caller administers an organisation above this one (its general branch or the committee). */
	boolean above(Caller caller, OrgRef org) {
		return reachOne(caller).above(org.id());
	}

	boolean approves(Caller caller, OrgRef org) {
		return reachOne(caller).approves(org.id());
	}

	void requireSpeaksFor(Caller caller, OrgRef org, String what) {
		if (!speaksFor(caller, org)) {
			throw new NotPermittedException(what, org.id(), "not the organisation's own");
		}
	}

	void requireAbove(Caller caller, OrgRef org, String what) {
		if (!above(caller, org)) {
			throw new NotPermittedException(what, org.id(), "not the level above");
		}
	}

	void requireApproves(Caller caller, OrgRef org) {
		if (!approves(caller, org)) {
			throw new NotPermittedException("assessment-result", org.id(), "approve");
		}
	}

	/** A score given by hand: 0 up to the indicator's maximum. */
	static void checkScore(String field, BigDecimal score, Indicator indicator) {
		if (score == null || score.signum() < 0 || score.compareTo(indicator.max()) > 0
				|| score.stripTrailingZeros().scale() > 2) {
			throw new FieldProblem(field, "assessment.workflow.score", Scoring.plain(indicator.max()));
		}
	}

	/** A value the request must carry (400 beside the field when missing). */
	static <T> T present(String field, T value) {
		if (value == null) {
			throw new FieldProblem(field, "assessment.workflow.required");
		}
		return value;
	}

	/** A required text of at most {@code max} characters, stripped. */
	static String text(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw new FieldProblem(field, "assessment.workflow.required");
		}
		if (value.strip().length() > max) {
			throw new FieldProblem(field, "assessment.workflow.too-long", max);
		}
		return value.strip();
	}
}
