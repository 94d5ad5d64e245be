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

	/** Those of these organisations with a seat other than 书记 and 副书记 held on the day: one query, the ids as an array. */
	@Query(value = """
			select distinct organization_id from committee_position
			where organization_id = any(cast(?1 as bigint[])) and position not in ('SECRETARY', 'DEPUTY_SECRETARY')
			  and term_start <= ?2 and term_end > ?2""", nativeQuery = true)
	List<Long> withCommitteeSeatOn(Long[] organizationIds, java.time.LocalDate day);
}
