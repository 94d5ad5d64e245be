package cn.partybuilding.development;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface RecordedSteps extends JpaRepository<RecordedStep, Long> {

	List<RecordedStep> findByApplicantIdOrderById(long applicantId);
}
