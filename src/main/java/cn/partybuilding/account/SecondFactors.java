package cn.partybuilding.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;

/**
 * The second factor of administrators (the roles of {@code party.security.admin-roles}): a TOTP secret enrolled
 * with an authenticator app and confirmed with a code, ten single-use recovery codes (stored as SHA-256, shown
 * once), and remembered devices. A code is accepted once: the step it belongs to must be later than the last one
 * used (no replay within its window). Wrong codes count towards the password lockout: counted before the code is
 * checked, on the factor's own counter (a good password does not set it back); the attempt that reaches
 * {@code party.security.lockout.max-failures} locks the account for its duration and ends its sessions.
 */
@Component
@Transactional
class SecondFactors {

	/** What a code turned out to be. */
	enum Verdict { PASSED, WRONG, LOCKED }

	/** An enrolment waiting for its first code: the secret as text and its QR link. */
	record Enrolment(String secret, String otpauthUri) {
	}

	static final String ISSUER = "智慧党建";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private final JdbcClient jdbc;

	private final AccountSessions sessions;

	private final SecuritySettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final boolean required;

	private final boolean demoWaived;

	SecondFactors(JdbcClient jdbc, AccountSessions sessions, SecuritySettings settings,
			ApplicationEventPublisher events, Clock clock, @Value("${party.demo:false}") boolean demo) {
		this.jdbc = jdbc;
		this.sessions = sessions;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
		this.required = settings.secondFactor().requiredWith(demo);
		this.demoWaived = demo && settings.secondFactor().required() == null;
	}

	/** The demo switched the requirement off (the setting not given): the sign-in page says so. */
	boolean demoWaived() {
		return demoWaived;
	}

	/** Must this caller give the second factor before reaching anything? */
	boolean requiredFor(Caller caller) {
		return required && settings.isAdministrator(caller);
	}

	@Transactional(readOnly = true)
	boolean enrolled(long accountId) {
		return secret(accountId, true).isPresent();
	}

	/** The pending enrolment of the account (a fresh secret unless one waits already); empty once enrolled. */
	Optional<Enrolment> enrolment(Caller caller) {
		if (enrolled(caller.accountId())) {
			return Optional.empty();
		}
		jdbc.sql("insert into account_second_factor (account_id, secret) values (?, ?) on conflict do nothing")
			.params(caller.accountId(), Totp.newSecret())
			.update();
		String secret = secret(caller.accountId(), false).orElseThrow();
		return Optional.of(new Enrolment(secret, Totp.otpauthUri(ISSUER, caller.username(), secret)));
	}

	/**
	 * Confirms the enrolment with the first code from the app: the factor is on, and the ten recovery codes are
	 * returned (the only time they are shown). Empty when the code is wrong (counted like any wrong code).
	 */
	Optional<List<String>> confirmEnrolment(Caller caller, String code) {
		String secret = secret(caller.accountId(), false).orElse(null);
		if (secret == null || enrolled(caller.accountId())) {
			return Optional.empty();
		}
		if (!countAttempt(caller)) {
			return Optional.empty();
		}
		long step = Totp.matchingStep(secret, clean(code), Totp.step(clock.instant().getEpochSecond()));
		if (step < 0) {
			failed(caller, "启用第二因素时动态口令错误");
			return Optional.empty();
		}
		jdbc.sql("update account_second_factor set confirmed_at = ?, last_step = ?, failures = 0 where account_id = ?")
			.params(java.sql.Timestamp.from(clock.instant()), step, caller.accountId())
			.update();
		List<String> codes = newRecoveryCodes(caller.accountId());
		events.publishEvent(SignInAttempted.secondFactorEnrolled(caller.username()));
		return Optional.of(codes);
	}

	/**
	 * Checks a code from the app (six digits) or a recovery code. A code is good once; a recovery code is used up.
	 */
	Verdict verify(Caller caller, String code) {
		String given = clean(code);
		String secret = secret(caller.accountId(), true).orElse(null);
		if (secret == null) {
			return Verdict.WRONG;
		}
		if (!countAttempt(caller)) {
			return Verdict.LOCKED;
		}
		if (given.matches("\\d{6}")) {
			long step = Totp.matchingStep(secret, given, Totp.step(clock.instant().getEpochSecond()));
			if (step >= 0 && jdbc.sql("""
					update account_second_factor set last_step = ? where account_id = ? and last_step < ?""")
				.params(step, caller.accountId(), step)
				.update() == 1) {
				return passed(caller, "动态口令");
			}
			return failed(caller, step >= 0 ? "动态口令已使用过（重放）" : "动态口令错误");
		}
		if (jdbc.sql("""
				update account_recovery_code set used_at = now()
				where account_id = ? and code_hash = ? and used_at is null""")
			.params(caller.accountId(), sha256(given.replace("-", "")))
			.update() == 1) {
			events.publishEvent(SignInAttempted.recoveryCodeUsed(caller.username(), recoveryCodesLeft(caller.accountId())));
			return passed(caller, "恢复码");
		}
		return failed(caller, "恢复码错误或已使用");
	}

	/** Is the account locked (by wrong codes or passwords)? */
	@Transactional(readOnly = true)
	boolean isLocked(Caller caller) {
		return jdbc.sql("select coalesce(locked_until > now(), false) from account where id = ?")
			.param(caller.accountId()).query(Boolean.class).single();
	}

	/** How many recovery codes are left unused. */
	@Transactional(readOnly = true)
	int recoveryCodesLeft(long accountId) {
		return jdbc.sql("select count(*) from account_recovery_code where account_id = ? and used_at is null")
			.param(accountId).query(Integer.class).single();
	}

	// ---- remembered devices ----

	/** The days a device may be remembered (0: never). */
	int rememberDays() {
		return settings.secondFactor().rememberDays();
	}

	/**
	 * Remembers this device: a random token, stored as its SHA-256, sent back signed (HMAC-SHA256 under the
	 * account's TOTP secret, so a reset of the factor voids every cookie even before its rows are gone).
	 */
	Optional<String> remember(Caller caller) {
		int days = rememberDays();
		String secret = secret(caller.accountId(), true).orElse(null);
		if (days == 0 || secret == null) {
			return Optional.empty();
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = HexFormat.of().formatHex(random);
		jdbc.sql("insert into account_remembered_device (account_id, token_hash, expires_at) values (?, ?, ?)")
			.params(caller.accountId(), sha256(token), java.sql.Timestamp.from(clock.instant().plus(Duration.ofDays(days))))
			.update();
		String body = caller.accountId() + "." + token;
		return Optional.of(body + "." + sign(secret, body));
	}

	/** Is this cookie value a device the account remembered, not yet expired? */
	@Transactional(readOnly = true)
	boolean remembered(Caller caller, String cookie) {
		if (cookie == null || rememberDays() == 0) {
			return false;
		}
		String[] parts = cookie.split("\\.");
		if (parts.length != 3 || !parts[0].equals(Long.toString(caller.accountId()))) {
			return false;
		}
		String secret = secret(caller.accountId(), true).orElse(null);
		if (secret == null || !MessageDigest.isEqual(sign(secret, parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
				parts[2].getBytes(StandardCharsets.US_ASCII))) {
			return false;
		}
		return jdbc.sql("""
				select count(*) from account_remembered_device
				where account_id = ? and token_hash = ? and expires_at > ? and created_at > ?""")
			// a shorter remember-days setting shortens devices already remembered too
			.params(caller.accountId(), sha256(parts[1]), java.sql.Timestamp.from(clock.instant()),
					java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(rememberDays()))))
			.query(Integer.class).single() > 0;
	}

	/** Removes the factor, its recovery codes and remembered devices: the account enrols anew at next sign-in. */
	void remove(long accountId) {
		jdbc.sql("delete from account_remembered_device where account_id = ?").param(accountId).update();
		jdbc.sql("delete from account_recovery_code where account_id = ?").param(accountId).update();
		jdbc.sql("delete from account_second_factor where account_id = ?").param(accountId).update();
	}

	// ---- rules ----

	private Optional<String> secret(long accountId, boolean confirmed) {
		return jdbc.sql("select secret from account_second_factor where account_id = ? and (confirmed_at is not null) = ?")
			.params(accountId, confirmed)
			.query(String.class)
			.optional();
	}

	/**
	 * Counts the attempt before the code is checked (as sign-in does), on the factor's own counter: a good password
	 * does not set it back, so signing in again gives no fresh guesses. False when the account is locked.
	 */
	private boolean countAttempt(Caller caller) {
		int failures = jdbc.sql("update account_second_factor set failures = failures + 1 where account_id = ? returning failures")
			.param(caller.accountId()).query(Integer.class).optional().orElse(Integer.MAX_VALUE);
		if (isLocked(caller) || failures > settings.lockout().maxFailures()) {
			sessions.endAllOf(caller.username());
			return false;
		}
		return true;
	}

	private Verdict passed(Caller caller, String how) {
		jdbc.sql("update account_second_factor set failures = 0 where account_id = ?").param(caller.accountId()).update();
		events.publishEvent(SignInAttempted.secondFactorPassed(caller.username(), how));
		return Verdict.PASSED;
	}

	/** A wrong code; the one that reaches the limit locks the account (the password lockout) and ends its sessions. */
	private Verdict failed(Caller caller, String why) {
		events.publishEvent(SignInAttempted.secondFactorFailed(caller.username(), why));
		int failures = jdbc.sql("select failures from account_second_factor where account_id = ?")
			.param(caller.accountId()).query(Integer.class).single();
		if (failures < settings.lockout().maxFailures()) {
			return Verdict.WRONG;
		}
		Instant until = clock.instant().plus(settings.lockout().duration());
		jdbc.sql("update account set locked_until = ? where id = ?").params(java.sql.Timestamp.from(until), caller.accountId())
			.update();
		jdbc.sql("update account_second_factor set failures = 0 where account_id = ?").param(caller.accountId()).update();
		events.publishEvent(SignInAttempted.locked(caller.username(), until));
		sessions.endAllOf(caller.username());
		return Verdict.LOCKED;
	}

	private List<String> newRecoveryCodes(long accountId) {
		jdbc.sql("delete from account_recovery_code where account_id = ?").param(accountId).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < 10; c++) {
				code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
			}
			codes.add(code.substring(0, 5) + "-" + code.substring(5));
			jdbc.sql("insert into account_recovery_code (account_id, code_hash) values (?, ?)")
				.params(accountId, sha256(code.toString()))
				.update();
		}
		return codes;
	}

	private static String clean(String code) {
		return code == null ? "" : code.replace(" ", "").trim().toLowerCase();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Totp.decode(secret), "HmacSHA256"));
			return java.util.Base64.getUrlEncoder().withoutPadding()
				.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
