package cn.partybuilding.training;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.orglife.ShownCheckinCode;
import cn.partybuilding.shared.Caller;

/** JSON for 培训班: classes, attendance by hand or by the scanned code, the year's hours. */
@RestController
class TrainingClassApi {

	record HandAttendance(Long memberId) {
	}

	record ScannedCode(@Size(max = 200) String token) {
	}

	record CodeView(String token, java.time.Instant expiresAt, String link) {
	}

	record HoursLine(long memberId, String name, double hours, double requiredHours,
			boolean dualLeader, boolean secretary, long organizationId) {
	}

	private final TrainingClasses classes;

	private final SecretaryHours hours;

	TrainingClassApi(TrainingClasses classes, SecretaryHours hours) {
		this.classes = classes;
		this.hours = hours;
	}

	@PostMapping("/api/v1/training/classes")
	@ResponseStatus(HttpStatus.CREATED)
	TrainingClasses.Created create(@Valid @RequestBody TrainingClasses.NewClass request) {
		return classes.create(Caller.require(), request);
	}

	@GetMapping("/api/v1/training/classes")
	List<TrainingClasses.ClassLine> list(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Integer year) {
		return classes.list(Caller.require(), orgId, year);
	}

	@GetMapping("/api/v1/training/classes/{id}")
	TrainingClasses.ClassView find(@PathVariable long id) {
		return classes.find(Caller.require(), id);
	}

	@GetMapping("/api/v1/training/classes/{id}/attendance")
	List<TrainingClasses.AttendanceRow> attendance(@PathVariable long id) {
		return classes.attendance(Caller.require(), id);
	}

	@PostMapping("/api/v1/training/sessions/{id}/attendance")
	@ResponseStatus(HttpStatus.CREATED)
	TrainingClasses.Attended byHand(@PathVariable long id, @RequestBody(required = false) HandAttendance body) {
		return classes.recordByHand(Caller.require(), id, body == null ? null : body.memberId());
	}

	/** The current code of a session, for an organiser's own screen. */
	@GetMapping("/api/v1/training/sessions/{id}/checkin-token")
	CodeView token(@PathVariable long id) {
		ShownCheckinCode code = classes.code(Caller.require(), id);
		return new CodeView(code.token(), code.expiresAt(), code.link());
	}

	/** A member checks in with the code they scanned. */
	@PostMapping("/api/v1/training/sessions/{id}/checkins")
	@ResponseStatus(HttpStatus.CREATED)
	TrainingClasses.Attended checkIn(@PathVariable long id, @Valid @RequestBody(required = false) ScannedCode body,
			HttpServletRequest request) {
		return classes.checkIn(Caller.require(), id, body == null ? null : body.token(), request.getSession(false));
	}

	@GetMapping("/api/v1/training/hours")
	List<HoursLine> hours(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId) {
		return hours.report(Caller.require(), year, orgId).stream()
			.map(r -> new HoursLine(r.memberId(), r.name(), r.hours(), r.requiredHours(), r.dualLeader(), r.secretary(),
					r.organizationId()))
			.toList();
	}
}
