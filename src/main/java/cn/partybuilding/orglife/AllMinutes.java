package cn.partybuilding.orglife;

import org.springframework.data.jpa.repository.JpaRepository;

interface AllMinutes extends JpaRepository<Minutes, Long> {
}
