package cn.partybuilding.orglife;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Meetings extends JpaRepository<Meeting, Long> {

	@Query("""
			select m from Meeting m where m.organizationId in ?1 and m.startAt >= ?2 and m.startAt < ?3
			  and (?4 is null or m.type = ?4)
			order by m.startAt desc, m.id desc""")
	List<Meeting> find(Collection<Long> organizationIds, Instant from, Instant to, MeetingType type);
}
