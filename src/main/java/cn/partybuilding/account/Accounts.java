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

	/** Accounts with a grant inside the given organisations, or with no grant at all yet; filtered by text. */
	@Query("""
			select a from Account a
			where (not exists (select 1 from AccountGrant g0 where g0.account = a)
			       or exists (select 1 from AccountGrant g where g.account = a and g.organizationId in ?1))
			  and (?2 = '' or lower(a.username) like lower(concat('%', ?2, '%')) or a.displayName like concat('%', ?2, '%'))
			order by a.username""")
	Page<Account> findInScope(Collection<Long> organizationIds, String text, Pageable pageable);

	@Query("select count(g) from AccountGrant g where g.organizationId = ?1")
	long countGrantsAt(long organizationId);

	@Query("select g from AccountGrant g where g.organizationId in ?1")
	List<AccountGrant> findGrantsAt(Collection<Long> organizationIds);
}
