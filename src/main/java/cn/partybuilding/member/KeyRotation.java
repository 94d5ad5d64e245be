package cn.partybuilding.member;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.CryptoSuite;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Key rotation: the members' ID-card numbers and phones, with their look-up hashes, re-encrypted under the newest
 * data key in the background, a batch per transaction in id order from a cursor kept in the database (a restart
 * resumes where it stopped; ShedLock keeps it to one node). Values stay readable throughout (every key of the ring
 * opens its own) and look-ups hash under every key. When the cursor has passed the last member, a rotation ends only
 * if no value is left under an older key (an edit that raced a batch is taken in another pass). Switching the suite
 * is a rotation to a new key of the other suite.
 */
@Component
class KeyRotation {

	private final JdbcTemplate jdbc;

	private final SensitiveData sensitive;

	private final KeyRotationSettings settings;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CryptoSuite configured;

	KeyRotation(JdbcTemplate jdbc, SensitiveData sensitive, KeyRotationSettings settings,
			PlatformTransactionManager transactions, ApplicationEventPublisher events, Clock clock, Environment env) {
		this.jdbc = jdbc;
		this.sensitive = sensitive;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactions);
		this.events = events;
		this.clock = clock;
		this.configured = env.getProperty("party.security.crypto.suite", CryptoSuite.class, CryptoSuite.AES);
	}

	/**
	 * Where the keys stand: the version and suite new values are sealed under, the suite the setting asks for, the
	 * latest rotation's progress, and how many members' ID-card numbers are under each version.
	 */
	record Status(int keyVersion, String suite, String configuredSuite, Integer targetVersion, long done, long total,
			boolean running, Instant startedAt, Instant finishedAt, Map<Integer, Long> membersByKeyVersion,
			Map<Integer, CryptoSuite> keys) {
	}

	Status status() {
		Map<Integer, Long> byVersion = new TreeMap<>();
		jdbc.query("select substring(id_card_encrypted from '^v([0-9]+):')::int, count(*) from member where id_card_encrypted is not null group by 1",
				rs -> {
					byVersion.put(rs.getInt(1), rs.getLong(2));
				});
		SensitiveData.DataKey current = sensitive.current();
		var latest = jdbc.queryForList("select * from member_key_rotation order by id desc limit 1");
		if (latest.isEmpty()) {
			return new Status(current.version(), current.suite().name(), configured.name(), null, 0, 0, false, null, null,
					byVersion, sensitive.versions());
		}
		var row = latest.get(0);
		long total = ((Number) row.get("total")).longValue();
		return new Status(current.version(), current.suite().name(), configured.name(),
				((Number) row.get("target_version")).intValue(), Math.min(((Number) row.get("done")).longValue(), total),
				total, row.get("finished_at") == null, ((Timestamp) row.get("started_at")).toInstant(),
				row.get("finished_at") == null ? null : ((Timestamp) row.get("finished_at")).toInstant(), byVersion,
				sensitive.versions());
	}

	/**
	 * Starts a rotation to a key of this suite (the setting's when none is named). On the embedded default a new key
	 * file is written; with configured keys, the newest configured key is the target, and it must be of that suite and
	 * not yet hold everything.
	 */
	Status start(String by, CryptoSuite suite) {
		CryptoSuite wanted = suite == null ? configured : suite;
		transactions.executeWithoutResult(status -> {
			if (!jdbc.queryForList("select id from member_key_rotation where finished_at is null for update").isEmpty()) {
				throw new ConflictProblem("rotation", "security.keys.running.conflict");
			}
			SensitiveData.DataKey target;
			if (sensitive.keepsKeyFiles()) {
				target = sensitive.addKey(wanted);
			}
			else {
				target = sensitive.current();
				if (target.suite() != wanted) {
					throw new ConflictProblem("rotation", "security.keys.configureSuite", wanted.name());
				}
				if (remaining(target.version()) == 0) {
					throw new ConflictProblem("rotation", "security.keys.configureKey");
				}
			}
			long total = jdbc.queryForObject("select count(*) from member", Long.class);
			jdbc.update("insert into member_key_rotation (target_version, suite, started_at, started_by, total) "
					+ "values (?, ?, ?, ?, ?)", target.version(), target.suite().name(), Timestamp.from(clock.instant()), by,
					total);
			events.publishEvent(new KeyRotationStarted(target.version(), target.suite().name(), total));
		});
		return status();
	}

	@Scheduled(fixedDelayString = "${party.security.key-rotation.sweep-millis:1000}",
			initialDelayString = "${party.security.key-rotation.sweep-millis:1000}")
	@SchedulerLock(name = "member-key-rotation")
	void sweep() {
		step(settings.batchSize());
	}

	/** One batch of the running rotation; false when there is none (left) to do. */
	boolean step(int batchSize) {
		return Boolean.TRUE.equals(transactions.execute(status -> batch(batchSize)));
	}

	private boolean batch(int batchSize) {
		var running = jdbc.queryForList("select id, cursor_id from member_key_rotation where finished_at is null for update");
		if (running.isEmpty()) {
			return false;
		}
		long rotation = ((Number) running.get(0).get("id")).longValue();
		long cursor = ((Number) running.get(0).get("cursor_id")).longValue();
		SensitiveData.DataKey key = sensitive.current();
		List<Object[]> rows = jdbc.query("""
				select id, id_card_encrypted, phone_encrypted from member where id > ? order by id limit ? for update""",
				(rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3) }, cursor, batchSize);
		if (rows.isEmpty()) {
			if (remaining(key.version()) == 0) {
				jdbc.update("update member_key_rotation set finished_at = ?, done = total, target_version = ? where id = ?",
						Timestamp.from(clock.instant()), key.version(), rotation);
				return false;
			}
			jdbc.update("update member_key_rotation set cursor_id = 0, passes = passes + 1 where id = ?", rotation);
			return true;
		}
		List<Object[]> updates = new ArrayList<>();
		for (Object[] row : rows) {
			String idCard = (String) row[1];
			String phone = (String) row[2];
			if (under(idCard, key) && under(phone, key)) {
				continue;
			}
			String plainId = idCard == null ? null : sensitive.decrypt(idCard);
			String plainPhone = phone == null ? null : sensitive.decrypt(phone);
			updates.add(new Object[] { plainId == null ? null : sensitive.encrypt(plainId),
					plainId == null ? null : sensitive.lookupHash(plainId), plainPhone == null ? null : sensitive.encrypt(plainPhone),
					plainPhone == null ? null : sensitive.lookupHash(plainPhone), row[0] });
		}
		jdbc.batchUpdate("""
				update member set id_card_encrypted = coalesce(?, id_card_encrypted), id_card_hash = coalesce(?, id_card_hash),
				    phone_encrypted = ?, phone_hash = ? where id = ?""", updates);
		jdbc.update("update member_key_rotation set cursor_id = ?, done = done + ?, target_version = ? where id = ?",
				rows.get(rows.size() - 1)[0], rows.size(), key.version(), rotation);
		return true;
	}

	private static boolean under(String stored, SensitiveData.DataKey key) {
		return stored == null || stored.startsWith(key.prefix());
	}

	/** Members with a value under another key than this version. */
	private long remaining(int version) {
		String prefix = "v" + version + ":%";
		return jdbc.queryForObject("""
				select count(*) from member where id_card_encrypted not like ? or phone_encrypted not like ?""", Long.class,
				prefix, prefix);
	}
}
