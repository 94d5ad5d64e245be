package cn.partybuilding.organization;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CommitteePositions extends JpaRepository<CommitteePosition, Long> {

	@Query("select p from CommitteePosition p where p.organizationId = ?1 order by p.termEnd desc, p.position")
	List<CommitteePosition> findByOrganization(long organizationId);

	@Query("select p from CommitteePosition p where p.organizationId in ?1")
	List<CommitteePosition> findByOrganizations(Collection<Long> organizationIds);
}
