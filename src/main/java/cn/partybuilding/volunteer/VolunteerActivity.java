package cn.partybuilding.volunteer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Facade;

/**
 * What other modules (the assessment) ask of volunteer service: confirmed hours per organisation and per member,
 * counted for the day of the shift and the organisation the person belonged to when they signed up.
 */
@Facade("confirmed volunteer service hours per organisation and per member, for assessment and reports")
@Service
@Transactional(readOnly = true)
public class VolunteerActivity {

	private final VolunteerHours hours;

	VolunteerActivity(VolunteerHours hours) {
		this.hours = hours;
	}

	/** For each given organisation, the hours of the people of its subtree on days from {@code from} to {@code to}. */
	public Map<Long, BigDecimal> hoursPerOrganization(Collection<Long> orgIds, LocalDate from, LocalDate to) {
		return hours.perOrganization(orgIds, from, to);
	}

	/** Each member's hours (by member id) served while in the organisation's subtree (a branch), in the period. */
	public Map<Long, BigDecimal> hoursPerMember(long orgId, LocalDate from, LocalDate to) {
		return hours.perMember(orgId, from, to);
	}
}
