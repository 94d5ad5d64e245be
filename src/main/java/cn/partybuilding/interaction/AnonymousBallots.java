package cn.partybuilding.interaction;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * Secret, single ballots: a vote is recorded as two facts nobody can join. The voter row (box, account, their
 * organisation) has no time; the ballot row (box, content) has no id, no key, no time and no sequence. In the
 * voter's transaction the content is only held, sealed under a key the database does not hold; once twice the box's
 * batch size are held, that many chosen at random are opened and written in a shuffled order by one statement, and
 * every held one when the box closes. So neither the columns, nor the physical order (ctid), nor the writing
 * transaction (xmin) of a ballot line it up with its voter beyond the crowd it was counted with.
 * <p>
 * Callers: never log, audit or publish the content; put nothing in it that names the voter; cast within the
 * transaction that checks the voter may vote. A second cast by the same voter, or a cast into a closed box, is a
 * {@link ConflictProblem} (409): check {@link #hasVoted} first to answer without rolling the transaction back.
 */
@Facade("secret single ballots: who voted kept apart from what was voted, for surveys and the 民主评议")
@Service
@Transactional
public class AnonymousBallots {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcTemplate jdbc;

	private final BallotSeal seal;

	private final SurveySettings settings;

	AnonymousBallots(JdbcTemplate jdbc, BallotSeal seal, SurveySettings settings) {
		this.jdbc = jdbc;
		this.seal = seal;
		this.settings = settings;
	}

	/** The box of this purpose and reference (e.g. evaluation, 42), opened now if it does not exist yet. */
	public long open(String purpose, String reference) {
		return open(purpose, reference, settings.batchSize());
	}

	/**
	 * Like {@link #open(String, String)} with the smallest crowd a ballot is counted in (at least 2): ballots are
	 * held until twice this many have gathered, then this many chosen at random are counted.
	 */
	public long open(String purpose, String reference, int batchSize) {
		jdbc.update("""
				insert into interaction_ballot_box (purpose, reference, batch_size) values (?, ?, ?)
				on conflict (purpose, reference) do nothing""", purpose, reference, Math.max(2, batchSize));
		return jdbc.queryForObject("select id from interaction_ballot_box where purpose = ? and reference = ?",
				Long.class, purpose, reference);
	}

	/**
	 * Records that the voter voted and holds their ballot, sealed, to be counted later among others. The voter's
	 * organisation (may be null) serves the participation rates; it is kept with the voter, never with the ballot.
	 */
	public void cast(long boxId, long voterAccountId, Long voterOrganizationId, String content) {
		participate(boxId, voterAccountId, voterOrganizationId);
		jdbc.update("insert into interaction_ballot_pending (box_id, sealed) values (?, ?)", boxId,
				seal.seal(boxId, content));
		int batch = jdbc.queryForObject("select batch_size from interaction_ballot_box where id = ?", Integer.class, boxId);
		Integer held = jdbc.queryForObject("select count(*) from interaction_ballot_pending where box_id = ?",
				Integer.class, boxId);
		if (held != null && held >= 2 * batch) {
			count(boxId, batch);
		}
	}

	/**
	 * Records only that the voter took part, for a vote whose content is kept by name elsewhere (a named survey):
	 * the same one-per-voter rule and the same participation rates.
	 */
	public void participate(long boxId, long voterAccountId, Long voterOrganizationId) {
		List<Boolean> open = jdbc.query("select closed_at is null from interaction_ballot_box where id = ? for share",
				(rs, n) -> rs.getBoolean(1), boxId);
		if (open.isEmpty()) {
			throw new OutOfScopeException("ballot-box", boxId);
		}
		if (!open.get(0)) {
			throw new ConflictProblem("box", "interaction.ballot.closed");
		}
		int added = jdbc.update("""
				insert into interaction_ballot_voter (box_id, account_id, org_id) values (?, ?, ?)
				on conflict do nothing""", boxId, voterAccountId, voterOrganizationId);
		if (added == 0) {
			throw new ConflictProblem("voter", "interaction.ballot.already");
		}
	}

	@Transactional(readOnly = true)
	public boolean hasVoted(long boxId, long voterAccountId) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from interaction_ballot_voter where box_id = ? and account_id = ?)",
				Boolean.class, boxId, voterAccountId));
	}

	/** Which of these accounts have voted in the box. */
	@Transactional(readOnly = true)
	public Set<Long> votersAmong(long boxId, Collection<Long> accountIds) {
		if (accountIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.queryForList(
				"select account_id from interaction_ballot_voter where box_id = ? and account_id = any (?)", Long.class,
				boxId, accountIds.toArray(Long[]::new)));
	}

	/** How many have voted, per organisation they voted from (an organisation of null is left out). */
	@Transactional(readOnly = true)
	public Map<Long, Integer> votersPerOrganization(long boxId) {
		Map<Long, Integer> counts = new HashMap<>();
		jdbc.query("""
				select org_id, count(*) from interaction_ballot_voter where box_id = ? and org_id is not null
				group by org_id""", rs -> {
			counts.put(rs.getLong(1), rs.getInt(2));
		}, boxId);
		return counts;
	}

	@Transactional(readOnly = true)
	public Optional<BallotBox> box(long boxId) {
		return jdbc.query("""
				select b.id, b.purpose, b.reference, b.batch_size,
				    (select count(*) from interaction_ballot_voter v where v.box_id = b.id),
				    (select count(*) from interaction_ballot c where c.box_id = b.id),
				    (select count(*) from interaction_ballot_pending p where p.box_id = b.id), b.closed_at
				from interaction_ballot_box b where b.id = ?""", (rs, n) -> new BallotBox(rs.getLong(1),
				rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
				rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()), boxId).stream().findFirst();
	}

	/**
	 * Closes the box: every held ballot is counted (in a shuffled order) and no one votes any more. Closing a closed
	 * box does nothing.
	 */
	public void close(long boxId) {
		List<Long> found = jdbc.queryForList("select id from interaction_ballot_box where id = ? for update", Long.class,
				boxId);
		if (found.isEmpty()) {
			throw new OutOfScopeException("ballot-box", boxId);
		}
		count(boxId, Integer.MAX_VALUE);
		jdbc.update("update interaction_ballot_box set closed_at = coalesce(closed_at, now()) where id = ?", boxId);
	}

	/** The contents of the counted ballots, in their stored order (which is random): the held ones are not here. */
	@Transactional(readOnly = true)
	public List<String> counted(long boxId) {
		return jdbc.queryForList("select content from interaction_ballot where box_id = ?", String.class, boxId);
	}

	/** Counts up to {@code n} held ballots chosen at random, written by one statement in a shuffled order. */
	private void count(long boxId, int n) {
		List<byte[]> sealed = jdbc.query("""
				delete from interaction_ballot_pending where id in (
				    select id from interaction_ballot_pending where box_id = ? order by random() limit ?
				    for update skip locked)
				returning sealed""", (rs, i) -> rs.getBytes(1), boxId, n);
		if (sealed.isEmpty()) {
			return;
		}
		List<String> contents = new ArrayList<>(sealed.size());
		sealed.forEach(s -> contents.add(seal.open(boxId, s)));
		Collections.shuffle(contents, RANDOM);
		jdbc.update("insert into interaction_ballot (box_id, content) select ?, unnest(?::text[])", boxId,
				contents.toArray(String[]::new));
	}
}
