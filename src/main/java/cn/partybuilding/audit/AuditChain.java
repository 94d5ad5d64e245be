package cn.partybuilding.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.shared.CryptoSuite;
import cn.partybuilding.shared.KeyFiles;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The audit log's chain. Entries are written inside business transactions that commit in any order, so they are
 * sealed afterwards: every few seconds the entries committed but not yet sealed get, in id order, the next place in
 * the chain ({@code chain_seq}) and a MAC (HMAC-SHA256 or HMAC-SM3 by {@code party.security.crypto.suite}, under the
 * audit key, which is not the data key) over their place, id, time, actor, address, action, object, summary,
 * outcome, tally key, and the previous entry's MAC. Not covered: the counter of a repeated refusal
 * ({@code occurrences}, {@code last_occurred_at}), which the database lets grow by one within the entry's two minutes
 * and nothing else. The database lets a sealed entry change in no other way, and an unsealed one only by being sealed.
 * A check walks the chain in batches and names the first entry whose MAC does not match; it also finds the head
 * the previous check saw, so a cut-off tail shows.
 */
@Component
class AuditChain {

	private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

	/** The advisory lock that lets one sealer at a time extend the chain, whichever node it runs on. */
	private static final long SEAL_LOCK = 0x61756469745fL;

	static final int BATCH = 5000;

	private static final String COLUMNS = "id, chain_seq, mac, occurred_at, actor, ip, action, entity_type, entity_id, "
			+ "summary, outcome, tally_key";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final CryptoSuite suite;

	private final byte[] key;

	AuditChain(JdbcTemplate jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events,
			Environment env) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.events = events;
		this.suite = env.getProperty("party.security.crypto.suite", CryptoSuite.class, CryptoSuite.AES);
		this.key = auditKey(env);
	}

	/** The audit key: the setting; else the key file on the embedded default; else derived from the data key. */
	private static byte[] auditKey(Environment env) {
		var configured = KeyFiles.configured(env, "party.security.audit-key");
		if (configured.isPresent()) {
			return configured.get();
		}
		if (env.getProperty("party.embedded.active", Boolean.class, false)) {
			return KeyFiles.readOrCreate(env, "audit.key");
		}
		var data = KeyFiles.configured(env, "party.security.data-key");
		if (data.isEmpty()) {
			throw new IllegalStateException("Set party.security.audit-key (32 random bytes, base64) to seal the audit log");
		}
		log.warn("party.security.audit-key is not set: the audit chain's key is derived from the data key; set a key of its own");
		return CryptoSuite.AES.macKey(data.get(), "audit-chain");
	}

	/** An entry as read for sealing or checking. */
	record Link(long id, Long seq, String mac, Instant at, String actor, String ip, String action, String entityType,
			String entityId, String summary, String outcome, String tallyKey) {

		static Link of(ResultSet rs) throws SQLException {
			long seq = rs.getLong("chain_seq");
			return new Link(rs.getLong("id"), rs.wasNull() ? null : seq, rs.getString("mac"),
					rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("ip"),
					rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("summary"),
					rs.getString("outcome"), rs.getString("tally_key"));
		}
	}

	/** The MAC of an entry at a place after the previous MAC, as stored: the suite's name, a colon, hex. */
	static String mac(CryptoSuite suite, byte[] key, long seq, Link link, String previous) {
		CryptoSuite.Keyed mac = suite.mac(key);
		long micros = link.at().getEpochSecond() * 1_000_000 + link.at().getNano() / 1000;
		for (String part : new String[] { Long.toString(seq), Long.toString(link.id()), Long.toString(micros), link.actor(),
				link.ip(), link.action(), link.entityType(), link.entityId(), link.summary(), link.outcome(), link.tallyKey(),
				previous }) {
			byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
			// each part with its length (-1 for none): no two different entries give the same input
			mac.update(ByteBuffer.allocate(4).putInt(part == null ? -1 : bytes.length).array()).update(bytes);
		}
		return suite.name() + ":" + HexFormat.of().formatHex(mac.finish());
	}

	/** Seals what has committed since; several nodes may call it at once, one extends the chain at a time. */
	int seal() {
		int total = 0;
		int sealed;
		do {
			sealed = transactions.execute(status -> sealBatch());
			total += sealed;
		}
		while (sealed == BATCH);
		return total;
	}

	@Scheduled(fixedDelayString = "${party.audit.seal-millis:5000}", initialDelay = 5000)
	@SchedulerLock(name = "audit-chain-seal")
	void sealInBackground() {
		seal();
	}

	private int sealBatch() {
		jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, SEAL_LOCK);
		List<Object[]> head = jdbc.query("select chain_seq, mac from audit_event where chain_seq is not null "
				+ "order by chain_seq desc limit 1", (rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) });
		long seq = head.isEmpty() ? 0 : (long) head.get(0)[0];
		String previous = head.isEmpty() ? "" : (String) head.get(0)[1];
		List<Link> waiting = jdbc.query("select " + COLUMNS + " from audit_event where chain_seq is null order by id limit ?",
				(rs, n) -> Link.of(rs), BATCH);
		List<Object[]> updates = new ArrayList<>(waiting.size());
		for (Link link : waiting) {
			seq++;
			previous = mac(suite, key, seq, link, previous);
			updates.add(new Object[] { seq, previous, link.id() });
		}
		jdbc.batchUpdate("update audit_event set chain_seq = ?, mac = ? where id = ? and chain_seq is null", updates);
		return waiting.size();
	}

	/** What a check found; {@code firstBroken} is the id of the first entry that does not match, if one. */
	record Verification(boolean valid, long checked, Long firstBroken, Long firstBrokenSeq, long broken,
			boolean headMissing, long unsealed, Instant checkedAt, long millis, String suite) {
	}

	/** A walk along the chain: where it stands after each entry read. */
	private final class Walk {

		long checked;

		long broken;

		Long firstBroken;

		Long firstBrokenSeq;

		long lastSeq;

		String previous = "";

		void take(Link link) {
			if (link.seq() != lastSeq + 1 || !matches(link, previous)) {
				broken++;
				if (firstBroken == null) {
					firstBroken = link.id();
					firstBrokenSeq = link.seq();
				}
			}
			checked++;
			lastSeq = link.seq();
			// the next entry is checked against the MAC as stored: one altered entry breaks itself only
			previous = link.mac();
		}
	}

	/** Seals what waits, then walks the whole chain in batches; the result is kept (the home page warns of a broken one). */
	Verification verify(String checkedBy) {
		seal();
		long started = System.nanoTime();
		Walk walk = new Walk();
		long before;
		do {
			before = walk.checked;
			jdbc.query("select " + COLUMNS + " from audit_event where chain_seq > ? order by chain_seq limit ?",
					(RowCallbackHandler) rs -> walk.take(Link.of(rs)), walk.lastSeq, BATCH);
		}
		while (walk.checked - before == BATCH);
		boolean headMissing = headMissing();
		long unsealed = jdbc.queryForObject("select count(*) from audit_event where chain_seq is null", Long.class);
		long millis = (System.nanoTime() - started) / 1_000_000;
		boolean valid = walk.broken == 0 && !headMissing;
		Instant now = Instant.now();
		jdbc.update("""
				insert into audit_verification (checked_at, checked_by, valid, checked, first_broken, unsealed, head_seq,
				    head_mac, millis) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Timestamp.from(now), checkedBy, valid,
				walk.checked, walk.firstBroken, unsealed, walk.checked == 0 ? null : walk.lastSeq,
				walk.checked == 0 ? null : walk.previous, millis);
		events.publishEvent(new AuditChainVerified(valid, walk.checked, walk.firstBroken));
		if (!valid) {
			log.error("The audit chain is broken: first entry not matching id={}, {} entries not matching, head missing: {}",
					walk.firstBroken, walk.broken, headMissing);
		}
		return new Verification(valid, walk.checked, walk.firstBroken, walk.firstBrokenSeq, walk.broken, headMissing,
				unsealed, now, millis, suite.name());
	}

	private boolean matches(Link link, String previous) {
		if (link.mac() == null || link.mac().indexOf(':') < 0) {
			return false;
		}
		CryptoSuite sealedWith;
		try {
			sealedWith = CryptoSuite.valueOf(link.mac().substring(0, link.mac().indexOf(':')));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		String expected = mac(sealedWith, key, link.seq(), link, previous);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				link.mac().getBytes(StandardCharsets.US_ASCII));
	}

	/** The head an earlier check saw is gone or changed: entries at the chain's end were removed. */
	private boolean headMissing() {
		List<Object[]> last = jdbc.query("select head_seq, head_mac from audit_verification where head_seq is not null "
				+ "order by id desc limit 1", (rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) });
		if (last.isEmpty()) {
			return false;
		}
		List<String> now = jdbc.queryForList("select mac from audit_event where chain_seq = ?", String.class, last.get(0)[0]);
		return now.isEmpty() || !now.get(0).equals(last.get(0)[1]);
	}

	/** The latest check, if any. */
	Verification latest() {
		return jdbc.query("select * from audit_verification order by id desc limit 1", (rs, n) -> {
			long first = rs.getLong("first_broken");
			Long firstBroken = rs.wasNull() ? null : first;
			return new Verification(rs.getBoolean("valid"), rs.getLong("checked"), firstBroken, null, 0, false,
					rs.getLong("unsealed"), rs.getTimestamp("checked_at").toInstant(), rs.getLong("millis"), suite.name());
		}).stream().findFirst().orElse(null);
	}

	/** The nightly check; a broken chain shows on the auditor's and the security administrator's home page. */
	@Scheduled(cron = "${party.audit.verify-cron:0 30 2 * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "audit-chain-verify", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void nightly() {
		verify("system");
	}
}
