package cn.partybuilding.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberRegistry;
import cn.partybuilding.member.MemberRegistry.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * 口袋党员 (this platform's rule, DOMAIN.md): a member whose letter went out and lapsed with no 回执; a member
 * with no sign of contact for {@code party.transfer.pocket-contact-months} (6) — a check-in, a payment, or a
 * contact the secretary recorded (counted from their registration when there was none yet). Each row says
 * why, since when, and who is responsible (the branch; the committee for a letter out).
 */
@Service
@Transactional(readOnly = true)
public class PocketMembers {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final JdbcTemplate jdbc;

	private final MemberRegistry members;

	private final OrganizationScope scope;

	private final Clock clock;

	private final int contactMonths;

	PocketMembers(JdbcTemplate jdbc, MemberRegistry members, OrganizationScope scope, Clock clock,
			@Value("${party.transfer.pocket-contact-months:6}") int contactMonths) {
		this.jdbc = jdbc;
		this.members = members;
		this.scope = scope;
		this.clock = clock;
		this.contactMonths = contactMonths;
	}

	public enum Why { LETTER_LAPSED, NO_CONTACT }

	public record Pocket(long memberId, String name, long organizationId, String organizationName, Why why, LocalDate since,
			String responsible) {
	}

	/** The pocket members of the caller's organisations (or one subtree), the longest-standing first. */
	public List<Pocket> list(Caller caller, Long orgId) {
		Set<Long> orgs = scope.covered(caller, orgId, "pocket-members", Transfers.MANAGE);
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
		}, java.sql.Date.valueOf(today), orgs.toArray(Long[]::new));
		// no contact for months: the last sign, or the registration when there was none
		List<MemberSummary> people = members.summaries(orgs);
		Map<Long, Instant> last = new HashMap<>();
		jdbc.query("select member_id, last_at from member_contact where member_id = any(?)", rs -> {
			last.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
		}, (Object) people.stream().map(MemberSummary::id).toArray(Long[]::new));
		LocalDate limit = today.minusMonths(contactMonths);
		Set<Long> lettered = new java.util.HashSet<>(found.stream().map(Pocket::memberId).toList());
		Map<Long, String> names = new HashMap<>();
		for (MemberSummary m : people) {
			names.put(m.id(), m.name());
			Instant seen = last.getOrDefault(m.id(), m.registeredAt());
			LocalDate since = seen == null ? null : LocalDate.ofInstant(seen, CHINA);
			if (since != null && since.isBefore(limit) && !lettered.contains(m.id())) {
				found.add(new Pocket(m.id(), m.name(), m.organizationId(), orgNames.getOrDefault(m.organizationId(), ""),
						Why.NO_CONTACT, since, "党支部（" + orgNames.getOrDefault(m.organizationId(), "") + "）"));
			}
		}
		return found.stream().map(p -> p.name().isEmpty() ? new Pocket(p.memberId(), names.getOrDefault(p.memberId(), ""),
				p.organizationId(), p.organizationName(), p.why(), p.since(), p.responsible()) : p)
			.sorted(Comparator.comparing(Pocket::since)).toList();
	}

	/** The secretary reached the member (a call, a visit): recorded as their last contact. */
	@Transactional
	public void recordContact(Caller caller, long memberId, String how) {
		MemberSummary member = members.summary(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		scope.requireReach(caller, member.organizationId(), Transfers.MANAGE);
		String text = PlainText.clean(how);
		if (text.isEmpty() || text.length() > 100) {
			throw new FieldProblem("how", "transfer.contact.how");
		}
		touch(memberId, clock.instant(), text);
	}

	@ApplicationModuleListener
	void on(cn.partybuilding.orglife.MeetingAttended event) {
		touch(event.memberId(), event.at(), "参加" + event.type().title());
	}

	@ApplicationModuleListener
	void on(cn.partybuilding.dues.DuesPaid event) {
		touch(event.memberId(), clock.instant(), "交纳党费");
	}

	private void touch(long memberId, Instant at, String how) {
		jdbc.update("""
				insert into member_contact (member_id, last_at, how) values (?, ?, ?)
				on conflict (member_id) do update set last_at = excluded.last_at, how = excluded.how
				where member_contact.last_at < excluded.last_at""", memberId, Timestamp.from(at), how);
	}

}
