package cn.partybuilding.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Role;

/**
 * Accounts for members registered in bulk (an import, the benchmark data): one batch of inserts instead
 * of one entity each, and one-time passwords stored with {@link OneTimePasswordEncoder}. Each account
 * has the 党员 role at its branch and must choose its own password at the first sign-in.
 */
@Service
class MemberAccountsInBulk {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int BATCH = 1000;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final OneTimePasswordEncoder oneTime = new OneTimePasswordEncoder();

	MemberAccountsInBulk(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** Which of these usernames (compared without case) an account already has. */
	@Transactional(readOnly = true)
	Set<String> usernamesTaken(Collection<String> usernames) {
		Set<String> taken = new HashSet<>();
		List<String> lower = usernames.stream().map(u -> u.toLowerCase(Locale.ROOT)).distinct().toList();
		for (int i = 0; i < lower.size(); i += BATCH) {
			List<String> chunk = lower.subList(i, Math.min(lower.size(), i + BATCH));
			taken.addAll(jdbc.queryForList("select lower(username) from account where lower(username) = any(?)",
					String.class, (Object) chunk.toArray(String[]::new)));
		}
		return taken;
	}

	/**
	 * Opens the accounts inside the caller's transaction (an import writes all or nothing). Returns them in
	 * the order given, each with its one-time password to hand over once — or, with {@code encodedPassword},
	 * all with that password and no forced change. {@code why} names the source for the audit log.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<CreatedAccount> open(List<MemberAccountOpening> openings, String encodedPassword, String why, String actor) {
		if (openings.isEmpty()) {
			return List.of();
		}
		List<Long> ids = jdbc.queryForList("select nextval(pg_get_serial_sequence('account', 'id')) from generate_series(1, ?)",
				Long.class, openings.size());
		Timestamp now = Timestamp.from(clock.instant());
		List<CreatedAccount> created = new ArrayList<>(openings.size());
		List<Object[]> accountRows = new ArrayList<>(openings.size());
		List<Object[]> grantRows = new ArrayList<>(openings.size());
		for (int i = 0; i < openings.size(); i++) {
			MemberAccountOpening o = openings.get(i);
			String password = encodedPassword == null ? oneTimePassword() : null;
			long id = ids.get(i);
			accountRows.add(new Object[] { id, o.username(), o.displayName(),
					password == null ? encodedPassword : "{" + OneTimePasswordEncoder.ID + "}" + oneTime.encode(password),
					password != null, now });
			grantRows.add(new Object[] { id, Role.MEMBER.name(), o.organizationId(), now });
			created.add(new CreatedAccount(id, o.username(), password));
		}
		jdbc.batchUpdate("""
				insert into account (id, username, display_name, password_hash, must_change_password, created_at)
				values (?, ?, ?, ?, ?, ?)""", accountRows);
		jdbc.batchUpdate("insert into account_grant (account_id, role, organization_id, granted_at) values (?, ?, ?, ?)",
				grantRows);
		events.publishEvent(new MemberAccountsOpened(openings.size(),
				"为 " + openings.size() + " 名党员开通账号（角色：党员" + (encodedPassword == null ? "，首次登录须改密码" : "") + "）：" + why,
				actor));
		return created;
	}

	/** 16 characters of a 56-letter alphabet (about 93 bits), with a mark so the policy's classes are met. */
	private static String oneTimePassword() {
		StringBuilder sb = new StringBuilder("Pb@");
		for (int i = 0; i < 16; i++) {
			sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return sb.toString();
	}
}
