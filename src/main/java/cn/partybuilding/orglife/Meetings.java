package cn.partybuilding.orglife;

import org.springframework.data.jpa.repository.JpaRepository;

interface Meetings extends JpaRepository<Meeting, Long> {
}
