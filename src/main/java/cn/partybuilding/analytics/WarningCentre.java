package cn.partybuilding.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.SecretarySeat;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.Warnings;

/**
 * The early-warning centre (预警): every module's rule-based warnings ({@link Warnings}) for the organisations of a
 * scope, each with its organisation's name, the person responsible (the module's, else the organisation's sitting
 * secretary), its college (for the counts per college) and its text. No rule is computed here.
 */
@Service
@Transactional(readOnly = true)
class WarningCentre {

	/** Who sees the warnings of their subtree: the staff of the committee, a general branch, a branch. */
	static final Role[] STAFF = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	/** The kinds the modules raise, in the order the filter offers them (label: {@code warning.<kind>}). */
	static final List<String> KINDS = List.of("development.talk", "development.approval", "orglife.gap", "dues.arrears",
			"transfer.pocket", "organization.term", "organization.size", "learning.outline", "interaction.letter",
			"member.probation");

	/** The longest due-within filter, in days. */
	static final int MAX_WITHIN = 366;

	/** One warning as the centre shows it; {@code message} and {@code kindName} already in the reader's language. */
	record Warning(String kind, String kindName, long orgId, String orgName, String college, String responsible,
			LocalDate since, LocalDate due, String link, String message) {
	}

	/** A filter: one subtree (null: the caller's scope), one kind (null: all), due within so many days (null: any). */
	record Filter(Long orgId, String kind, Integer within) {
	}

	private final List<Warnings> sources;

	private final OrganizationScope scope;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final Clock clock;

	private final Duration cacheFor;

	private final Map<Set<Long>, Counted> counts = new ConcurrentHashMap<>();

	private record Counted(int count, Instant at) {
	}

	WarningCentre(List<Warnings> sources, OrganizationScope scope, OrganizationTree tree, MessageSource messages,
			Clock clock, @Value("${party.analytics.warnings.count-cache-seconds:300}") int cacheSeconds) {
		this.sources = sources;
		this.scope = scope;
		this.tree = tree;
		this.messages = messages;
		this.clock = clock;
		this.cacheFor = Duration.ofSeconds(cacheSeconds);
	}

	LocalDate today() {
		return LocalDate.now(clock.withZone(PlatformZone.ZONE));
	}

	/** Does the caller see warnings at all (a staff role somewhere)? */
	static boolean reads(Caller caller) {
		return caller.has(STAFF);
	}

	/**
	 * The caller's warnings, filtered and sorted by due date (none last), then since: one subtree they reach (else the
	 * audited 404) or their whole scope; 403 without a staff role.
	 */
	List<Warning> forCaller(Caller caller, Filter filter, Locale locale) {
		check(filter);
		Set<Long> orgs = scope.covered(caller, filter.orgId(), "warnings", STAFF);
		LocalDate today = today();
		return in(orgs, today, locale).stream()
			.filter(w -> filter.kind() == null || filter.kind().isBlank() || w.kind().equals(filter.kind()))
			.filter(w -> filter.within() == null || w.due() != null && !w.due().isAfter(today.plusDays(filter.within())))
			.toList();
	}

	/** The filter's mistakes, all at once. */
	static void check(Filter filter) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (filter.kind() != null && !filter.kind().isBlank() && !KINDS.contains(filter.kind())) {
			problems.add(new FieldProblem.Problem("kind", "warning.filter.kind.unknown", new Object[0]));
		}
		if (filter.within() != null && (filter.within() < 0 || filter.within() > MAX_WITHIN)) {
			problems.add(new FieldProblem.Problem("within", "warning.filter.within.range", new Object[] { MAX_WITHIN }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
	}

	/** How many warnings the subtrees of these organisations hold, kept a few minutes: the home asks on every visit. */
	int countFor(Set<Long> rootIds) {
		Set<Long> roots = new TreeSet<>(rootIds);
		if (roots.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		Counted kept = counts.get(roots);
		if (kept != null && kept.at().plus(cacheFor).isAfter(now)) {
			return kept.count();
		}
		int count = raised(scope.subtrees(roots), today()).size();
		counts.put(roots, new Counted(count, now));
		return count;
	}

	/** Every module's warnings for these organisations, unresolved. */
	List<Warnings.Raised> raised(Collection<Long> orgs, LocalDate today) {
		if (orgs.isEmpty()) {
			return List.of();
		}
		List<Warnings.Raised> all = new ArrayList<>();
		for (Warnings source : sources) {
			all.addAll(source.raisedIn(orgs, today));
		}
		return all;
	}

	/** Every module's warnings for these organisations, resolved and sorted by due date (none last), then since. */
	List<Warning> in(Collection<Long> orgs, LocalDate today, Locale locale) {
		List<Warnings.Raised> raised = raised(orgs, today);
		if (raised.isEmpty()) {
			return List.of();
		}
		Set<Long> ids = new HashSet<>();
		raised.forEach(r -> ids.add(r.orgId()));
		Map<Long, OrgRef> refs = withAncestors(ids);
		Map<Long, String> secretaries = new HashMap<>();
		for (SecretarySeat s : tree.sittingSecretaries(ids)) {
			secretaries.merge(s.organizationId(), s.holderName(), (a, b) -> a + "、" + b);
		}
		List<Warning> warnings = new ArrayList<>();
		for (Warnings.Raised r : raised) {
			OrgRef org = refs.get(r.orgId());
			String responsible = r.responsible() != null ? r.responsible() : secretaries.getOrDefault(r.orgId(), "");
			warnings.add(new Warning(r.kind(), messages.getMessage("warning." + r.kind(), null, r.kind(), locale), r.orgId(),
					org == null ? "" : org.name(), college(org, refs), responsible, r.since(), r.due(), r.href(),
					messages.getMessage(r.messageKey(), r.args().toArray(), r.messageKey(), locale)));
		}
		warnings.sort(Comparator.comparing(Warning::due, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Warning::since, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Warning::orgName).thenComparing(Warning::kind));
		return warnings;
	}

	/** How many warnings each college holds (a branch right under the committee counts as its own college). */
	static Map<String, Long> countsByCollege(List<Warning> warnings) {
		Map<String, Long> counts = new LinkedHashMap<>();
		warnings.stream().map(Warning::college).sorted().forEach(c -> counts.merge(c, 1L, Long::sum));
		return counts;
	}

	/** The organisations and every one above them, read a level at a time. */
	private Map<Long, OrgRef> withAncestors(Set<Long> ids) {
		Map<Long, OrgRef> refs = new HashMap<>();
		Set<Long> wanted = new HashSet<>(ids);
		while (!wanted.isEmpty()) {
			Set<Long> next = new HashSet<>();
			for (OrgRef o : scope.findAll(wanted)) {
				refs.put(o.id(), o);
				if (o.parentId() != null && !refs.containsKey(o.parentId())) {
					next.add(o.parentId());
				}
			}
			next.removeAll(refs.keySet());
			wanted = next;
		}
		return refs;
	}

	/**
	 * The college of an organisation: its ancestor right below its school's 党委 (the 党委 itself for a school or the
	 * province above the schools).
	 */
	private static String college(OrgRef org, Map<Long, OrgRef> refs) {
		if (org == null) {
			return "";
		}
		OrgRef current = org;
		while (current.type() != OrgType.COMMITTEE && current.parentId() != null) {
			OrgRef parent = refs.get(current.parentId());
			if (parent == null || parent.type() == OrgType.COMMITTEE) {
				return current.name();
			}
			current = parent;
		}
		return current.name();
	}
}
