package cn.partybuilding.development;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Applicants extends JpaRepository<Applicant, Long> {

	Optional<Applicant> findByAccountId(long accountId);

	/** The file locked until the transaction ends: two steps recorded at once are decided one after the other. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from Applicant a where a.id = ?1")
	Optional<Applicant> lockById(long id);

	/**
	 * The applicants with these ids, as the list's pages read them: the ids as one array, a statement translated once
	 * (Spring Data's {@code findAllById} built its criteria on every call: an eighth of the board page's time, sampled).
	 */
	@Query(value = "select * from applicant where id = any(cast(?1 as bigint[]))", nativeQuery = true)
	List<Applicant> withIds(Long[] ids);

	@Query("select count(a) > 0 from Applicant a where lower(a.staffNumber) = lower(?1)")
	boolean staffNumberTaken(String staffNumber);
}
