package cn.partybuilding.transfer;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.volunteer.VolunteerHoursConfirmed;
import cn.partybuilding.dues.DuesPaid;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.learning.MaterialStudied;
import cn.partybuilding.orglife.MeetingAttended;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.PlatformZone;

/**
 * 口袋党员 (this platform's rule, DOMAIN.md): a member whose letter went out and lapsed with no 回执; a graduate
 * kept at the school beyond {@code party.transfer.graduate-stay-years} (2); a member with no sign of contact for
 * {@code party.transfer.pocket-contact-months} (6) — a check-in, a payment, or a contact the secretary recorded
 * (counted from their registration when there was none yet) — told apart when the member is abroad. Each row
 * says why, since when, and who is responsible (the branch; the committee for a letter out). The responsible
 * are reminded weekly ({@code party.transfer.pocket-reminder-cron}).
 */
@Service
@Transactional(readOnly = true)
class PocketMembers {

	private final JdbcTemplate jdbc;

	/** About how many members the no-contact rule reads at a time. */
	static final int BATCH = 20_000;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final Clock clock;

	private final int contactMonths;

	private final int stayYears;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	PocketMembers(JdbcTemplate jdbc, MemberDirectory members, OrganizationScope scope, Clock clock,
			@Value("${party.transfer.pocket-contact-months:6}") int contactMonths,
			@Value("${party.transfer.graduate-stay-years:2}") int stayYears,
			ApplicationEventPublisher events, MessageSource messages) {
		this.messages = messages;
		this.stayYears = stayYears;
		this.events = events;
		this.jdbc = jdbc;
		this.members = members;
		this.scope = scope;
		this.clock = clock;
		this.contactMonths = contactMonths;
	}

	enum Why { LETTER_LAPSED, STAY_OVERDUE, NO_CONTACT, ABROAD_NO_CONTACT }

	record Pocket(long memberId, String name, long organizationId, String organizationName, Why why, LocalDate since,
			String responsible) {
	}

	/** The pocket members of the caller's organisations (or one subtree), the longest-standing first. */
	List<Pocket> list(Caller caller, Long orgId) {
		return in(scope.covered(caller, orgId, "pocket-members", TransferPermissions.MANAGE));
	}

	/** The pocket members of these organisations. */
	List<Pocket> in(Set<Long> orgs) {
		return in(orgs, BATCH);
	}

	/**
	 * The same, reading the members for the no-contact rule a batch of whole organisations of about {@code size}
	 * members at a time: a province's million members read at once ran out of a 512 MB heap.
	 */
	List<Pocket> in(Set<Long> orgs, int size) {
		LocalDate today = LocalDate.now(clock);
		Map<Long, String> orgNames = new HashMap<>();
		scope.findAll(orgs).forEach(o -> orgNames.put(o.id(), o.name()));
		List<Pocket> found = new ArrayList<>();
		// letters out, lapsed, no 回执 (the member has not left: they are still ours, and nowhere else)
		jdbc.query("""
				select t.member_id, t.from_org_id, t.valid_until from transfer t
				where t.state = 'ISSUED' and t.valid_until < ? and t.from_org_id = any(?)""", rs -> {
			long member = rs.getLong(1);
			found.add(new Pocket(member, "", rs.getLong(2), orgNames.getOrDefault(rs.getLong(2), ""), Why.LETTER_LAPSED,
					rs.getDate(3).toLocalDate().plusDays(1), "党委（介绍信未回执）"));
		}, Date.valueOf(today), orgs.toArray(Long[]::new));
		// graduates kept at the school beyond the limit: listed from the day after it
		jdbc.query("""
				select s.member_id, s.organization_id, s.since, s.contact_name from graduate_stay s
				where s.ended_on is null and s.since < ? and s.organization_id = any(?)""", rs -> {
			long org = rs.getLong(2);
			found.add(new Pocket(rs.getLong(1), "", org, orgNames.getOrDefault(org, ""), Why.STAY_OVERDUE,
					rs.getDate(3).toLocalDate().plusYears(stayYears).plusDays(1),
					"党支部（" + orgNames.getOrDefault(org, "") + "，联系人 " + rs.getString(4) + "）"));
		}, Date.valueOf(today.minusYears(stayYears)), orgs.toArray(Long[]::new));
		// no contact for months: the last sign, or the registration when there was none
		LocalDate limit = today.minusMonths(contactMonths);
		Set<Long> lettered = new HashSet<>(found.stream().map(Pocket::memberId).toList());
		Map<Long, String> names = new HashMap<>();
		for (List<Long> batch : members.inBatchesOf(orgs, size)) {
			noContact(members.summaries(batch), limit, lettered, orgNames, found, names);
		}
		return found.stream().map(p -> p.name().isEmpty() ? new Pocket(p.memberId(), names.getOrDefault(p.memberId(), ""),
				p.organizationId(), p.organizationName(), p.why(), p.since(), p.responsible()) : p)
			.sorted(Comparator.comparing(Pocket::since)).toList();
	}

	/**
	 * The members of one batch without contact since before {@code limit} (those with a lapsed letter or a stay are
	 * listed for that), added to {@code found}; the names of the lettered ones kept in {@code names}.
	 */
	private void noContact(List<MemberSummary> people, LocalDate limit, Set<Long> lettered, Map<Long, String> orgNames,
			List<Pocket> found, Map<Long, String> names) {
		Map<Long, Instant> last = new HashMap<>();
		jdbc.query("select member_id, last_at from transfer_last_contact where member_id = any(?)", rs -> {
			last.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
		}, (Object) people.stream().map(MemberSummary::id).toArray(Long[]::new));
		Map<Long, String> abroad = new HashMap<>();
		jdbc.query("select member_id, country from transfer_member_abroad where member_id = any(?)", rs -> {
			abroad.put(rs.getLong(1), rs.getString(2));
		}, (Object) people.stream().map(MemberSummary::id).toArray(Long[]::new));
		for (MemberSummary m : people) {
			if (lettered.contains(m.id())) {
				names.put(m.id(), m.name());
			}
			Instant seen = last.getOrDefault(m.id(), m.registeredAt());
			LocalDate since = seen == null ? null : LocalDate.ofInstant(seen, PlatformZone.ZONE);
			if (since != null && since.isBefore(limit) && !lettered.contains(m.id())) {
				found.add(new Pocket(m.id(), m.name(), m.organizationId(), orgNames.getOrDefault(m.organizationId(), ""),
						abroad.containsKey(m.id()) ? Why.ABROAD_NO_CONTACT : Why.NO_CONTACT, since,
						"党支部（" + orgNames.getOrDefault(m.organizationId(), "") + "）"
								+ (abroad.containsKey(m.id()) ? "，在" + abroad.get(m.id()) : "")));
			}
		}
	}

	/** How many each college (general branch; the committee for a branch directly under it) has, for the committee's page. */
	Map<String, Long> countsByCollege(List<Pocket> rows) {
		Map<Long, String> names = new HashMap<>();
		Map<String, Long> counts = new TreeMap<>();
		for (Pocket p : rows) {
			String college = names.computeIfAbsent(p.organizationId(), id -> {
				List<OrgRef> lineage = scope.lineage(id);
				// the first below the school's 党委; a branch right under it counts as its own college here
				List<Long> below = OrganizationScope.pathBelowSchool(lineage);
				return lineage.isEmpty() ? "" : lineage.get(lineage.size() - Math.max(below.size(), 1)).name();
			});
			counts.merge(college, 1L, Long::sum);
		}
		return counts;
	}

	/**
	 * The secretary reached the member (a call, a visit): their last contact, now — or on the day it
	 * happened ({@code on}, not after today), unless a later one is known.
	 */
	@Transactional
	void recordContact(Caller caller, long memberId, String how, LocalDate on) {
		MemberSummary member = members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		scope.requireReach(caller, member.organizationId(), TransferPermissions.MANAGE);
		String text = PlainText.clean(how);
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (text.isEmpty() || text.length() > 100) {
			problems.add(new FieldProblem.Problem("how", "transfer.contact.how", new Object[0]));
		}
		LocalDate today = LocalDate.now(clock);
		if (on != null && on.isAfter(today)) {
			problems.add(new FieldProblem.Problem("on", "transfer.contact.on", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		touch(memberId, on == null || on.equals(today) ? clock.instant() : on.atStartOfDay(PlatformZone.ZONE).toInstant(), text);
	}

	/** The member is abroad (study, work): the branch keeps in touch at least every six months. */
	@Transactional
	void markAbroad(Caller caller, long memberId, String country, LocalDate since) {
		MemberSummary member = members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		scope.requireReach(caller, member.organizationId(), TransferPermissions.MANAGE);
		String where = PlainText.clean(country);
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (where.isEmpty() || where.length() > 50) {
			problems.add(new FieldProblem.Problem("country", "transfer.abroad.country", new Object[0]));
		}
		if (since == null || since.isAfter(LocalDate.now(clock))) {
			problems.add(new FieldProblem.Problem("since", "transfer.abroad.since", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		jdbc.update("""
				insert into transfer_member_abroad (member_id, country, since, recorded_by) values (?, ?, ?, ?)
				on conflict (member_id) do update set country = excluded.country, since = excluded.since, recorded_by = excluded.recorded_by""",
				memberId, where, Date.valueOf(since), caller.username());
	}

	record AbroadMember(long memberId, String name, String country, LocalDate since) {
	}

	/** Members of the caller's organisations marked abroad, the longest away first. */
	List<AbroadMember> abroad(Caller caller) {
		List<MemberSummary> people = members.summaries(scope.covered(caller, null, "pocket-members", TransferPermissions.MANAGE));
		Map<Long, String> names = new HashMap<>();
		people.forEach(m -> names.put(m.id(), m.name()));
		return jdbc.query("select member_id, country, since from transfer_member_abroad where member_id = any(?) order by since",
				(rs, n) -> new AbroadMember(rs.getLong(1), names.get(rs.getLong(1)), rs.getString(2), rs.getDate(3).toLocalDate()),
				(Object) names.keySet().toArray(Long[]::new));
	}

	/** The member of the caller's organisations with this 学号/工号, if any. */
	Optional<Long> byStaffNumber(Caller caller, String staffNumber) {
		return members.findByStaffNumber(caller, staffNumber);
	}

	/** Back from abroad. */
	@Transactional
	void clearAbroad(Caller caller, long memberId) {
		MemberSummary member = members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		scope.requireReach(caller, member.organizationId(), TransferPermissions.MANAGE);
		jdbc.update("delete from transfer_member_abroad where member_id = ?", memberId);
	}

	@Scheduled(cron = "${party.transfer.pocket-reminder-cron:0 0 8 * * MON}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "pocket-reminder", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void remindWeekly() {
		events.publishEvent(reminder());
	}

	/** The week's counts: lapsed letters are the committee's, the rest their branch's. */
	PocketMembersReminded reminder() {
		Set<Long> all = scope.activeOfTypes(OrgType.values()).stream().map(OrgRef::id).collect(Collectors.toSet());
		Map<Long, Integer> byBranch = new TreeMap<>();
		Map<Long, Integer> byCommittee = new TreeMap<>();
		Map<Long, OrgRef> known = new HashMap<>();
		for (Pocket p : in(all)) {
			Long responsible = responsible(p, id -> known.computeIfAbsent(id, i -> scope.find(i).orElse(null)));
			if (responsible == null) {
				continue;
			}
			(p.why() == Why.LETTER_LAPSED ? byCommittee : byBranch).merge(responsible, 1, Integer::sum);
		}
		return new PocketMembersReminded(byBranch, byCommittee);
	}

	/**
	 * Who answers for a pocket member (DOMAIN.md: each is listed with who is responsible): for a lapsed letter the
	 * school's committee above them (the nearest 党委; in a province not the 教育工委), which issued it; else their branch (a member of a 党小组 is their branch's to reach; a
	 * member kept above any branch, that organisation's). {@code organisations} looks an organisation up (null:
	 * unknown, then so is the answer).
	 */
	static Long responsible(Pocket p, java.util.function.Function<Long, OrgRef> organisations) {
		OrgRef at = organisations.apply(p.organizationId());
		if (p.why() == Why.LETTER_LAPSED) {
			while (at != null && at.type() != OrgType.COMMITTEE && at.parentId() != null) {
				at = organisations.apply(at.parentId());
			}
			return at == null ? null : at.id();
		}
		if (at == null) {
			return null;
		}
		// a 党小组 hangs under its branch only
		return at.type() == OrgType.GROUP ? at.parentId() : at.id();
	}

	@ApplicationModuleListener
	void on(MeetingAttended event) {
		// kept in Chinese, like the rest of the contact's text
		touch(event.memberId(), event.at(), "参加" + messages.getMessage(event.type().messageKey(), null, Locale.SIMPLIFIED_CHINESE));
	}

	@ApplicationModuleListener
	void on(DuesPaid event) {
		touch(event.memberId(), clock.instant(), "交纳党费");
	}

	/** A lesson studied to the end is contact too: the member is using their branch's platform. */
	@ApplicationModuleListener(condition = "#event.memberId() != null")
	void on(MaterialStudied event) {
		String title = event.title().length() > 80 ? event.title().substring(0, 80) + "…" : event.title();
		touch(event.memberId(), event.at(), "完成学习《" + title + "》");
	}

	/** Volunteer service is contact: the member turned up where their organisation asked. */
	@ApplicationModuleListener(condition = "#event.memberId() != null && #event.first()")
	void on(VolunteerHoursConfirmed event) {
		String title = event.activityTitle().length() > 80 ? event.activityTitle().substring(0, 80) + "…"
				: event.activityTitle();
		touch(event.memberId(), event.attendedAt(), "参加志愿服务《" + title + "》");
	}

	private void touch(long memberId, Instant at, String how) {
		jdbc.update("""
				insert into transfer_last_contact (member_id, last_at, how) values (?, ?, ?)
				on conflict (member_id) do update set last_at = excluded.last_at, how = excluded.how
				where transfer_last_contact.last_at < excluded.last_at""", memberId, Timestamp.from(at), how);
	}

}
