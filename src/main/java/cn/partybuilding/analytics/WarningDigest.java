package cn.partybuilding.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.Warnings;

/**
 * The weekly digest ({@code party.analytics.warnings.digest-cron}, Monday 08:00): every branch secretary, and every
 * administrator of a general branch or the committee, with warnings in their subtree hears how many, once per person
 * and ISO week (the digest table's key), however many nodes run the job or however often it runs.
 */
@Component
class WarningDigest {

	private final WarningCentre centre;

	private final OrganizationScope scope;

	private final AccountManagement accounts;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final Clock clock;

	WarningDigest(WarningCentre centre, OrganizationScope scope, AccountManagement accounts, JdbcTemplate jdbc,
			ApplicationEventPublisher events, MessageSource messages, Clock clock) {
		this.centre = centre;
		this.scope = scope;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.events = events;
		this.messages = messages;
		this.clock = clock;
	}

	@Scheduled(cron = "${party.analytics.warnings.digest-cron:0 0 8 * * MON}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "analytics-warnings-digest", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void weekly() {
		digest(centre.today());
	}

	/** The digests of the week of {@code today} not sent yet; returns how many went out. */
	@Transactional
	int digest(LocalDate today) {
		String week = today.get(IsoFields.WEEK_BASED_YEAR) + "-W"
				+ String.format("%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
		// who: the secretaries of branches and the administrators of general branches and the committee
		Map<Long, Set<Long>> rootsOf = new HashMap<>();
		List<Long> staffed = scope.activeOfTypes(OrgType.COMMITTEE, OrgType.GENERAL_BRANCH, OrgType.BRANCH).stream()
			.map(OrgRef::id).toList();
		accounts.grantsAt(staffed, Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY)
			.forEach((account, grants) -> grants.forEach(
					g -> rootsOf.computeIfAbsent(account, a -> new HashSet<>()).add(g.organizationId())));
		if (rootsOf.isEmpty()) {
			return 0;
		}
		Set<Long> already = new HashSet<>(jdbc.queryForList(
				"select account_id from analytics_warning_digest where week = ? and account_id = any(?)", Long.class, week,
				rootsOf.keySet().toArray(Long[]::new)));
		rootsOf.keySet().removeAll(already);
		if (rootsOf.isEmpty()) {
			return 0;
		}
		// every warning once (the whole tree below the roots), then each person's share
		Set<Long> allRoots = rootsOf.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
		Map<Long, Set<Long>> subtrees = scope.subtreesOf(allRoots);
		Set<Long> everywhere = subtrees.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
		List<Warnings.Raised> raised = centre.raised(everywhere, today);
		if (raised.isEmpty()) {
			return 0;
		}
		Map<Long, List<Warnings.Raised>> byOrg = raised.stream().collect(Collectors.groupingBy(Warnings.Raised::orgId));
		List<WarningsDigested.Digest> digests = new ArrayList<>();
		Timestamp now = Timestamp.from(clock.instant());
		for (Map.Entry<Long, Set<Long>> e : new TreeMap<>(rootsOf).entrySet()) {
			Set<Long> orgs = new HashSet<>();
			e.getValue().forEach(r -> orgs.addAll(subtrees.getOrDefault(r, Set.of())));
			Map<String, Integer> byKind = new LinkedHashMap<>();
			int count = 0;
			for (Long org : orgs) {
				for (Warnings.Raised r : byOrg.getOrDefault(org, List.of())) {
					byKind.merge(r.kind(), 1, Integer::sum);
					count++;
				}
			}
			if (count == 0) {
				continue;
			}
			int fresh = jdbc.update("""
					insert into analytics_warning_digest (account_id, week, warnings, sent_at) values (?, ?, ?, ?)
					on conflict do nothing""", e.getKey(), week, count, now);
			if (fresh == 1) {
				digests.add(new WarningsDigested.Digest(e.getKey(), count, summary(byKind)));
			}
		}
		if (!digests.isEmpty()) {
			events.publishEvent(new WarningsDigested(week, digests));
		}
		return digests.size();
	}

	/** 支部换届 2、党费欠缴 5, in the order of the centre's kinds; in Chinese, as notices are stored. */
	private String summary(Map<String, Integer> byKind) {
		List<String> kinds = new ArrayList<>(WarningCentre.KINDS);
		byKind.keySet().stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
		return kinds.stream().filter(byKind::containsKey)
			.map(k -> messages.getMessage("warning." + k, null, k, Locale.SIMPLIFIED_CHINESE) + " " + byKind.get(k))
			.collect(Collectors.joining("、"));
	}
}
