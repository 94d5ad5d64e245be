package cn.partybuilding.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Accounts extends JpaRepository<Account, Long> {

	@Query("select a from Account a where lower(a.username) = lower(?1)")
	Optional<Account> findByUsername(String username);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from Account a where lower(a.username) = lower(?1)")
	Optional<Account> findByUsernameForUpdate(String username);

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
			  and (lower(a.username) like lower(?3) escape '\\' or a.displayName like ?3 escape '\\')
			order by a.username""")
	Page<Account> findInScope(Collection<Long> organizationIds, boolean withoutGrants, String likeText, Pageable pageable);

	@Query("select count(g) from AccountGrant g where g.organizationId = ?1")
	long countGrantsAt(long organizationId);

	@Query("select g from AccountGrant g where g.organizationId in ?1")
	List<AccountGrant> findGrantsAt(Collection<Long> organizationIds);
}
