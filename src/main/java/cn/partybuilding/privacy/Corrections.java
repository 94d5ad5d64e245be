package cn.partybuilding.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * 更正申请 (个人信息保护法 §46): a member names the fields of their data that are wrong and says how; the request
 * waits at the member's organisation, where those who manage member profiles there or above (支部书记, 党总支 and
 * 党委 administrators) answer it, accepted or refused, always with a reason. The member sees the answer. Accepting
 * does not change the profile by itself: the branch corrects it in the member database, as any correction.
 */
@Service
@Transactional
class Corrections {

	/** Who answers: those who manage member profiles (the member database's own rule). */
	static final Role[] ANSWER = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY };

	/** The fields a member may name; anything else goes under {@code other}. */
	static final Set<String> FIELDS = Set.of("name", "gender", "ethnicity", "birthDate", "idCard", "phone", "nativePlace",
			"education", "category", "organization", "status", "joinDate", "conversionDate", "graduationYear", "record",
			"dues", "attendance", "transfer", "other");

	record DataCorrection(long id, long memberId, String memberName, long organizationId, List<String> fields,
			String description, String state, String answer, String answeredBy, Instant answeredAt, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Corrections(JdbcClient jdbc, MemberDirectory members, OrganizationScope scope, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.members = members;
		this.scope = scope;
		this.events = events;
		this.clock = clock;
	}

	long ask(Caller caller, List<String> fields, String description) {
		MemberSummary member = me(caller);
		Set<String> named = new LinkedHashSet<>(fields == null ? List.of() : fields);
		named.remove(null);
		String what = PlainText.clean(description).strip();
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (named.isEmpty() || !FIELDS.containsAll(named)) {
			problems.add(new FieldProblem.Problem("fields", "privacy.correction.fields", new Object[0]));
		}
		if (what.isEmpty() || what.length() > 1000) {
			problems.add(new FieldProblem.Problem("description", "privacy.correction.description", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		long id = jdbc.sql("""
				insert into privacy_correction (member_id, organization_id, fields, description, state, created_at)
				values (:member, :org, :fields, :what, 'OPEN', :now) returning id""")
			.param("member", member.id())
			.param("org", member.organizationId())
			.param("fields", String.join(",", named))
			.param("what", what)
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		events.publishEvent(new CorrectionRequested(id, member.id(), member.organizationId(),
				"申请更正个人信息：" + String.join("、", named)));
		return id;
	}

	@Transactional(readOnly = true)
	List<DataCorrection> mine(Caller caller) {
		MemberSummary member = me(caller);
		return query("where c.member_id = :member order by c.created_at desc, c.id desc", Map.of("member", member.id()));
	}

	/** The requests of members at the organisations the caller answers for: open first, then the latest answered. */
	@Transactional(readOnly = true)
	List<DataCorrection> forCaller(Caller caller, boolean openOnly) {
		Set<Long> orgs = scope.visibleToOrAll(caller, ANSWER);
		if (orgs != null && orgs.isEmpty()) {
			throw new NotPermittedException("data-correction", "*", "list");
		}
		return query("where " + scoped(orgs) + (openOnly ? " and c.state = 'OPEN'" : "")
				+ " order by c.state <> 'OPEN', c.created_at desc, c.id desc limit 500", params(orgs));
	}

	/** How many requests wait for the caller (the home page's 待办). */
	@Transactional(readOnly = true)
	long openFor(Caller caller) {
		Set<Long> orgs = scope.visibleToOrAll(caller, ANSWER);
		return orgs != null && orgs.isEmpty() ? 0
				: jdbc.sql("select count(*) from privacy_correction c where c.state = 'OPEN' and " + scoped(orgs))
					.params(params(orgs)).query(Long.class).single();
	}

	/** The scope's condition, the ids as one array parameter. */
	private static String scoped(Set<Long> orgs) {
		return orgs == null ? "true" : "c.organization_id = any(:orgs)";
	}

	private static Map<String, Object> params(Set<Long> orgs) {
		return orgs == null ? Map.of() : Map.of("orgs", orgs.toArray(Long[]::new));
	}

	/** Accepted or refused with a reason; another organisation's request is not found (404, audited). */
	DataCorrection answer(Caller caller, long id, Boolean accepted, String reason) {
		DataCorrection c = query("where c.id = :id", Map.of("id", id)).stream()
			.filter(x -> scope.reaches(caller, x.organizationId(), ANSWER))
			.findFirst()
			.orElseThrow(() -> new OutOfScopeException("data-correction", id));
		String why = PlainText.clean(reason).strip();
		List<FieldProblem.Problem> problems = new ArrayList<>();
		if (accepted == null) {
			problems.add(new FieldProblem.Problem("accepted", "privacy.correction.accepted", new Object[0]));
		}
		if (why.isEmpty() || why.length() > 500) {
			problems.add(new FieldProblem.Problem("reason", "privacy.correction.reason", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		int updated = jdbc.sql("""
				update privacy_correction set state = :state, answer = :why, answered_by = :by, answered_at = :now
				where id = :id and state = 'OPEN'""")
			.param("state", accepted ? "ACCEPTED" : "REFUSED")
			.param("why", why)
			.param("by", caller.displayName())
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		if (updated == 0) {
			throw new ConflictProblem("state", "privacy.correction.answered");
		}
		events.publishEvent(new CorrectionAnswered(id, c.memberId(), c.organizationId(), accepted,
				(accepted ? "接受" : "不予") + "更正 " + c.memberName() + " 的个人信息（" + String.join("、", c.fields()) + "）：" + why));
		return query("where c.id = :id", Map.of("id", id)).get(0);
	}

	private MemberSummary me(Caller caller) {
		return members.memberOfAccount(caller.accountId()).flatMap(members::summary)
			.orElseThrow(() -> new OutOfScopeException("member", "me"));
	}

	private List<DataCorrection> query(String where, Map<String, ?> params) {
		List<DataCorrection> found = jdbc.sql("""
				select c.id, c.member_id, c.organization_id, c.fields, c.description, c.state, c.answer, c.answered_by,
				       c.answered_at, c.created_at
				from privacy_correction c
				""" + where)
			.params(params)
			.query((rs, i) -> new DataCorrection(rs.getLong("id"), rs.getLong("member_id"), "", rs.getLong("organization_id"),
					List.of(rs.getString("fields").split(",")), rs.getString("description"), rs.getString("state"),
					rs.getString("answer"), rs.getString("answered_by"),
					rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant(),
					rs.getTimestamp("created_at").toInstant()))
			.list();
		Map<Long, String> names = new java.util.HashMap<>();
		members.refs(found.stream().map(DataCorrection::memberId).distinct().toList())
			.forEach(r -> names.put(r.id(), r.name()));
		return found.stream().map(c -> new DataCorrection(c.id(), c.memberId(), names.getOrDefault(c.memberId(), ""),
				c.organizationId(), c.fields(), c.description(), c.state(), c.answer(), c.answeredBy(), c.answeredAt(),
				c.createdAt())).toList();
	}
}
