package cn.partybuilding.orglife;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** A member's year of organisational life as JSON (this year unless asked): theirs, or one in the caller's scope. */
@RestController
class AttendanceApi {

	private final AttendanceStatistics statistics;

	private final Clock clock;

	AttendanceApi(AttendanceStatistics statistics, Clock clock) {
		this.statistics = statistics;
		this.clock = clock;
	}

	@GetMapping("/api/v1/members/{id}/attendance")
	AttendanceStatistics.Year ofMember(@PathVariable long id, @RequestParam(required = false) Integer year) {
		return statistics.of(Caller.require(), id, year(year));
	}

	@GetMapping("/api/v1/me/attendance")
	AttendanceStatistics.Year mine(@RequestParam(required = false) Integer year) {
		return statistics.mine(Caller.require(), year(year));
	}

	private int year(Integer year) {
		return year == null ? LocalDate.now(clock).getYear() : year;
	}
}
