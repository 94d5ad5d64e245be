package cn.partybuilding.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Role;

interface Accounts extends JpaRepository<Account, Long> {

	@Query("select a from Account a where lower(a.username) = lower(?1)")
	Optional<Account> findByUsername(String username);

	/** Serialises changes to one account (two grants at once must not both pass the 三员分立 check). */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from Account a where a.id = ?1")
	Optional<Account> findByIdForUpdate(long id);

	/** What sign-in needs to know after counting this attempt. */
	interface AttemptCount {
		int getFailedAttempts();

		boolean getLocked();
	}

	/**
	 * Counts a sign-in attempt <em>before</em> the password is checked, in one statement, so parallel
	 * guesses cannot all slip under the limit; a success resets the count. A lock that has run out
	 * starts the count afresh.
	 */
	@Transactional
	@Query(value = """
			update account set
			  failed_attempts = case when locked_until is not null and locked_until <= now() then 1 else failed_attempts + 1 end,
			  locked_until = case when locked_until <= now() then null else locked_until end
			where lower(username) = lower(?1)
			returning failed_attempts as "failedAttempts", coalesce(locked_until > now(), false) as "locked\"""", nativeQuery = true)
	Optional<AttemptCount> countAttempt(String username);

	/** Locks the account once the failures reach the limit; true only for the request that locked it. */
	@Transactional
	@Modifying
	@Query(value = """
			update account set locked_until = ?3
			where lower(username) = lower(?1) and failed_attempts >= ?2 and locked_until is null""", nativeQuery = true)
	int lockIfReached(String username, int maxFailures, Instant until);

	@Transactional
	@Modifying
	@Query(value = "update account set failed_attempts = 0, locked_until = null where lower(username) = lower(?1)",
			nativeQuery = true)
	int resetAttempts(String username);

	/**
	 * Accounts all of whose grants lie inside the given organisations (and, when {@code withoutGrants},
	 * accounts that hold no grant at all), whose username or name contains {@code likeText}
	 * (an escaped LIKE pattern).
	 */
	@Query("""
			select a from Account a
			where ((exists (select 1 from AccountGrant g where g.account = a)
			        and not exists (select 1 from AccountGrant g where g.account = a and g.organizationId not in ?1))
			       or (?2 = true and not exists (select 1 from AccountGrant g where g.account = a)))
			  and (lower(a.username) like lower(?3) escape '\\' or (?4 = true and a.displayName like ?3 escape '\\'))
			order by a.username""")
	Page<Account> findInScope(Collection<Long> organizationIds, boolean withoutGrants, String likeText,
			boolean searchNames, Pageable pageable);

	@Query("""
			select g.account.id, g.role, g.organizationId from AccountGrant g
			where g.organizationId in ?1 and g.role in ?2 and g.pending = false and g.account.enabled = true""")
	List<Object[]> grantsAt(Collection<Long> organizationIds, Collection<Role> roles);

	@Query("select g from AccountGrant g where g.organizationId in ?1")
	List<AccountGrant> findGrantsAt(Collection<Long> organizationIds);

	/**
	 * Pending grants a confirming administrator may confirm: not on their own account ({@code ?1}), and every role of
	 * the account lies among the organisations {@code ?3} — or anywhere when {@code ?2} says the caller's scope is the
	 * whole tree (no array of a province's 25 000 ids then). A grant's organisation is always active (dissolving one
	 * with roles at it is refused).
	 */
	String CONFIRMABLE_GRANTS = """
			from account_grant g where g.pending and g.account_id <> ?1
			  and (?2 or not exists (select 1 from account_grant h where h.account_id = g.account_id
			                         and h.organization_id <> all(cast(?3 as bigint[]))))""";

	/** Accounts waiting for a password hand-over, under the same conditions as {@link #CONFIRMABLE_GRANTS}, with a role. */
	String CONFIRMABLE_HANDOVERS = """
			from account a where a.handover_requested_at is not null and a.id <> ?1
			  and exists (select 1 from account_grant g where g.account_id = a.id)
			  and (?2 or not exists (select 1 from account_grant h where h.account_id = a.id
			                         and h.organization_id <> all(cast(?3 as bigint[]))))""";

	/** The grants of {@link #CONFIRMABLE_GRANTS}, oldest first. */
	@Query(value = "select g.* " + CONFIRMABLE_GRANTS + " order by g.granted_at, g.id", nativeQuery = true)
	List<AccountGrant> findConfirmableGrants(long caller, boolean wholeTree, Long[] organizationIds);

	/** The accounts of {@link #CONFIRMABLE_HANDOVERS}, longest waiting first. */
	@Query(value = "select a.* " + CONFIRMABLE_HANDOVERS + " order by a.handover_requested_at, a.id", nativeQuery = true)
	List<Account> findConfirmableHandovers(long caller, boolean wholeTree, Long[] organizationIds);

	@Query("select g.account.id from AccountGrant g where g.id = ?1")
	Optional<Long> accountOfGrant(long grantId);
}
