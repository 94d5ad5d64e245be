package cn.partybuilding.interaction;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anonymous letters on their way: held in this node's memory when written and written to the database in batches,
 * shuffled, by a timer — never in the writer's request. So no row version, transaction id or physical position
 * dates a letter finer than the batch it went out with, let alone lines it up with the writer's session or the
 * other rows of that moment. Each node flushes its own letters (no lock: they are in its memory), and flushes once
 * more when it shuts down.
 */
@Component
class AnonymousLetters {

	private static final Logger log = LoggerFactory.getLogger(AnonymousLetters.class);

	record Pending(long id, LetterTo to, long organizationId, String codeHash, String subject, String body, LocalDate day,
			Instant dayStart) {
	}

	private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate tx;

	private final SecureRandom random = new SecureRandom();

	AnonymousLetters(JdbcTemplate jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	void hold(Pending letter) {
		queue.add(letter);
	}

	/** A letter of this node not yet written out, by its code's hash. */
	Optional<Pending> pending(String codeHash) {
		return queue.stream().filter(p -> p.codeHash().equals(codeHash)).findFirst();
	}

	/** Writes every held letter, in a random order, in one transaction; how many. */
	@Scheduled(fixedDelayString = "${party.interaction.mailbox.anonymous-batch-minutes:60}",
			initialDelayString = "${party.interaction.mailbox.anonymous-batch-minutes:60}", timeUnit = TimeUnit.MINUTES)
	int flush() {
		List<Pending> batch = new ArrayList<>();
		for (Pending p; (p = queue.poll()) != null;) {
			batch.add(p);
		}
		if (batch.isEmpty()) {
			return 0;
		}
		Collections.shuffle(batch, random);
		try {
			tx.executeWithoutResult(status -> jdbc.batchUpdate("""
					insert into interaction_letter (id, addressed_to, organization_id, anonymous, code_hash, subject, body,
					    state, written_on, waiting_since)
					values (?, ?, ?, true, ?, ?, ?, 'WAITING', ?, ?)""",
					batch.stream().map(p -> new Object[] { p.id(), p.to().name(), p.organizationId(), p.codeHash(), p.subject(),
							p.body(), p.day(), Timestamp.from(p.dayStart()) }).toList()));
			return batch.size();
		}
		catch (RuntimeException e) {
			// kept for the next batch rather than lost
			queue.addAll(batch);
			log.error("Anonymous letters not written, kept for the next batch: {}", e.toString());
			return 0;
		}
	}

	@PreDestroy
	void close() {
		flush();
	}
}
