package cn.partybuilding.organization;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CommitteePositions extends JpaRepository<CommitteePosition, Long> {

	@Query("select p from CommitteePosition p where p.organizationId = ?1 order by p.termEnd desc, p.position")
	List<CommitteePosition> findByOrganization(long organizationId);

	/** The positions of these organisations: one query, the ids as one array (a province passes 25 000). */
	@Query(value = "select * from committee_position where organization_id = any(cast(?1 as bigint[]))", nativeQuery = true)
	List<CommitteePosition> findByOrganizations(Long[] organizationIds);

	/**
	 * The positions of the active organisations under the path prefixes whose committee may be due for 换届 on the
	 * day: none of their positions starts after it (the next committee is not yet elected) and none ends after
	 * {@code quiet} (the last day that needs no reminder) — those {@link BranchRules#termWarnings} decides on. The
	 * others, most of a province, are never read.
	 */
	@Query(value = """
			select p.* from committee_position p join organization o on o.id = p.organization_id
			where o.dissolved_at is null and o.path like any (cast(?1 as text[]))
			  and not exists (select 1 from committee_position q where q.organization_id = p.organization_id
			                  and (q.term_start > ?2 or (q.term_end > ?2 and q.term_end > ?3)))""", nativeQuery = true)
	List<CommitteePosition> findDueForElection(String[] likePatterns, java.time.LocalDate day, java.time.LocalDate quiet);

	/** Those of these organisations with a seat other than 书记 and 副书记 held on the day: one query, the ids as an array. */
	@Query(value = """
			select distinct organization_id from committee_position
			where organization_id = any(cast(?1 as bigint[])) and position not in ('SECRETARY', 'DEPUTY_SECRETARY')
			  and term_start <= ?2 and term_end > ?2""", nativeQuery = true)
	List<Long> withCommitteeSeatOn(Long[] organizationIds, java.time.LocalDate day);
}
