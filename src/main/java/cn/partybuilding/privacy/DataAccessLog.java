package cn.partybuilding.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PersonalDataSeen;

/**
 * 谁查看了我的数据: every {@link PersonalDataSeen} kept once, in the publisher's transaction (the reveal and its
 * record commit together), with the caller's highest role and its organisation as they were then. An export of
 * many members is one row holding all their ids; a member's own look at their own data is not kept here.
 */
@Component
class DataAccessLog {

	/** One time someone looked: {@code name} only when the role is one the setting names. */
	record Access(Instant at, String kind, String role, String organization, String name, String reason) {
	}

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final PrivacySettings settings;

	DataAccessLog(JdbcClient jdbc, OrganizationScope scope, MemberDirectory members, PrivacySettings settings) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.members = members;
		this.settings = settings;
	}

	@EventListener
	void on(PersonalDataSeen event) {
		if (event.memberIds().isEmpty()) {
			return;
		}
		Optional<Caller> caller = Caller.current();
		if (caller.isPresent() && event.memberIds().size() == 1
				&& members.memberOfAccount(caller.get().accountId()).filter(event.memberIds().iterator().next()::equals).isPresent()) {
			return;
		}
		Optional<Caller.Grant> grant = caller.flatMap(c -> c.grants().stream().min(Comparator.comparing(Caller.Grant::role)));
		jdbc.sql("""
				insert into privacy_data_access (kind, member_ids, actor_account_id, actor_name, role, organization_id,
				    organization_name, reason)
				values (:kind, :ids, :account, :name, :role, :org, :orgName, :reason)""")
			.param("kind", event.kind().name())
			.param("ids", event.memberIds().toArray(Long[]::new))
			.param("account", caller.map(Caller::accountId).orElse(null))
			.param("name", caller.map(c -> truncate(c.displayName(), 64)).orElse("system"))
			.param("role", grant.map(g -> g.role().name()).orElse(null))
			.param("org", grant.map(Caller.Grant::organizationId).orElse(null))
			.param("orgName", grant.flatMap(g -> scope.find(g.organizationId())).map(OrgRef::name).orElse(null))
			.param("reason", truncate(event.reason(), 300))
			.update();
	}

	/** Who looked at this member's data, newest first, at most {@code limit} times. */
	List<Access> of(long memberId, int limit) {
		return jdbc.sql("""
				select occurred_at, kind, role, organization_name, actor_name, reason from privacy_data_access
				where member_ids @> array[:id]::bigint[] order by occurred_at desc, id desc limit :limit""")
			.param("id", memberId)
			.param("limit", limit)
			.query((rs, i) -> {
				String role = rs.getString("role");
				boolean named = role != null && settings.namedRoles().stream().anyMatch(r -> r.name().equals(role));
				Timestamp at = rs.getTimestamp("occurred_at");
				return new Access(at.toInstant(), rs.getString("kind").toLowerCase(java.util.Locale.ROOT), role,
						rs.getString("organization_name"), named ? rs.getString("actor_name") : null, rs.getString("reason"));
			})
			.list();
	}

	private static String truncate(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}
}
