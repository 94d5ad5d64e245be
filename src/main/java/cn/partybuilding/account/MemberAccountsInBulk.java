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

import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.BulkCopy;
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

	private final DataSource dataSource;

	MemberAccountsInBulk(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock, DataSource dataSource) {
		this.dataSource = dataSource;
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

	/**
	 * The generated province's member accounts, written with COPY inside the caller's transaction, all with the
	 * one already encoded password and no forced change (role MEMBER at each branch). Returns their ids in order.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Long> copy(List<MemberAccountOpening> openings, String encodedPassword, String why) {
		if (openings.isEmpty()) {
			return List.of();
		}
		List<Long> ids = jdbc.queryForList("select nextval(pg_get_serial_sequence('account', 'id')) from generate_series(1, ?)",
				Long.class, openings.size());
		String now = clock.instant().toString();
		BulkCopy.copy(dataSource, "account",
				List.of("id", "username", "display_name", "password_hash", "must_change_password", "created_at"),
				IntStream.range(0, openings.size())
					.mapToObj(i -> new Object[] { ids.get(i), openings.get(i).username(), openings.get(i).displayName(),
							encodedPassword, false, now })
					.iterator());
		BulkCopy.copy(dataSource, "account_grant", List.of("account_id", "role", "organization_id", "granted_at"),
				IntStream.range(0, openings.size())
					.mapToObj(i -> new Object[] { ids.get(i), Role.MEMBER.name(), openings.get(i).organizationId(), now })
					.iterator());
		events.publishEvent(new MemberAccountsOpened(openings.size(),
				"为 " + openings.size() + " 名党员开通账号（角色：党员）：" + why, "system"));
		return ids;
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
