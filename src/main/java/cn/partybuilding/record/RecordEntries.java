package cn.partybuilding.record;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RecordEntries extends JpaRepository<RecordEntry, Long> {

	@Query("select e from RecordEntry e where e.memberId = ?1 order by e.occurredAt desc, e.id desc")
	List<RecordEntry> findByMember(long memberId);
}
