package cn.partybuilding.member;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Members extends JpaRepository<Member, Long>, MembersInScope {

	@Query("select count(m) > 0 from Member m where lower(m.staffNumber) = lower(?1) and m.id <> ?2")
	boolean staffNumberTaken(String staffNumber, long exceptId);

	/** The lower-case like narrows by member_staff_prefix_idx (V97); the exact one keeps the count case-sensitive. */
	@Query("select count(m) from Member m where lower(m.staffNumber) like lower(?1) escape '\\' and m.staffNumber like ?1 escape '\\'")
	long countWithStaffNumberPrefix(String pattern);

	@Query("select count(m) > 0 from Member m where m.idCardHash in ?1 and m.id <> ?2")
	boolean idCardTaken(Collection<String> idCardHashes, long exceptId);

	@Query("select m.id from Member m where m.accountId = ?1")
	Optional<Long> idOfAccount(long accountId);

	@Query("select new cn.partybuilding.member.MemberRef(m.id, m.name, m.organizationId) from Member m where m.accountId in ?1 order by m.name, m.id")
	List<MemberRef> refsOfAccounts(Collection<Long> accountIds);

	@Query("select new cn.partybuilding.member.MemberSummary(m.id, m.name, m.organizationId, m.category, m.status, m.joinDate, m.graduationYear, m.accountId, m.createdAt) from Member m where m.departedOn is null")
	List<MemberSummary> summaries();

	@Query("select new cn.partybuilding.member.MemberSummary(m.id, m.name, m.organizationId, m.category, m.status, m.joinDate, m.graduationYear, m.accountId, m.createdAt) from Member m where m.id in ?1")
	List<MemberSummary> summaries(Collection<Long> ids);

	/**
	 * The members with these ids, as the lists' pages read them. The ids as one array: Spring Data's {@code findAllById}
	 * (criteria) and a JPQL {@code in} list were translated again on every call for their number of ids, a tenth of the
	 * member list page's time (sampled).
	 */
	@Query(value = "select * from member where id = any(cast(?1 as bigint[]))", nativeQuery = true)
	List<Member> withIds(Long[] ids);

	@Query("select m.accountId from Member m where m.id in ?1 and m.accountId is not null")
	List<Long> accountsOf(Collection<Long> ids);

	/**
	 * Members per organisation and status (its name), for the size rules of many branches at once: the organisations
	 * as one array (a province asks for 20 000 branches), read from the counts the database keeps
	 * (member_status_count, V129) instead of counting a province's members on every request.
	 */
	@Query(value = """
			select organization_id, status, members from member_status_count
			where organization_id = any(cast(?1 as bigint[])) and members <> 0""",
			nativeQuery = true)
	List<Object[]> countsByStatusIn(Long[] organizationIds);
}
