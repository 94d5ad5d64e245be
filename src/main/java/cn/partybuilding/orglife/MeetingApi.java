package cn.partybuilding.orglife;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.Keyset;

/** JSON for meetings and check-in, scoped like everything else (a meeting out of reach is a 404). */
@RestController
@RequestMapping("/api/v1/meetings")
class MeetingApi {

	private final MeetingPlanner planner;

	private final MeetingRecords records;

	private final MeetingAttachments attachments;

	MeetingApi(MeetingPlanner planner, MeetingRecords records, MeetingAttachments attachments) {
		this.planner = planner;
		this.records = records;
		this.attachments = attachments;
	}

	@PostMapping(path = "/{id}/attachments", consumes = "multipart/form-data")
	ResponseEntity<MeetingAttachments.Attachment> attach(@PathVariable long id,
			@RequestParam("file") MultipartFile file) throws IOException {
		return ResponseEntity.status(201).body(attachments.add(Caller.require(), id, file.getOriginalFilename(), file.getBytes()));
	}

	@GetMapping("/{id}/attachments")
	List<MeetingAttachments.Attachment> attachments(@PathVariable long id) {
		return attachments.list(Caller.require(), id);
	}

	/** The file as it was uploaded, with the type its bytes showed (never executed by the browser). */
	@GetMapping("/{id}/attachments/{attachmentId}")
	ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long attachmentId) {
		MeetingAttachments.Content c = attachments.content(Caller.require(), id, attachmentId);
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(c.fileName(), "attachment"))
			.contentType(MediaType.parseMediaType(c.contentType()))
			.body(c.bytes());
	}

	record MinutesBody(@Size(max = 20000) String text, @Size(max = 20000) String resolutions,
			@Size(max = 200) String reason) {
	}

	@GetMapping("/{id}/minutes")
	MeetingRecords.MinutesView minutes(@PathVariable long id) {
		return records.minutes(Caller.require(), id);
	}

	/** Writes the minutes until they are signed off (then 400: amend instead). */
	@PutMapping("/{id}/minutes")
	MeetingRecords.MinutesView write(@PathVariable long id, @RequestBody @Valid MinutesBody body) {
		return records.write(Caller.require(), id, body.text(), body.resolutions());
	}

	@PostMapping("/{id}/minutes/sign-off")
	MeetingRecords.MinutesView signOff(@PathVariable long id) {
		return records.signOff(Caller.require(), id);
	}

	@PostMapping("/{id}/minutes/amendments")
	ResponseEntity<MeetingRecords.MinutesView> amend(@PathVariable long id, @RequestBody @Valid MinutesBody body) {
		return ResponseEntity.status(201).body(records.amend(Caller.require(), id, body.text(), body.resolutions(), body.reason()));
	}

	@PostMapping
	ResponseEntity<MeetingPlanner.MeetingView> plan(@RequestBody @Valid MeetingPlanner.MeetingForm form) {
		MeetingPlanner.MeetingView planned = planner.plan(Caller.require(), form);
		return ResponseEntity.created(URI.create("/api/v1/meetings/" + planned.id())).body(planned);
	}

	/**
	 * The meetings in scope, newest first, at most {@code size} (1 to 500, default 500) a page; the next page is
	 * asked with the {@code after} the response's {@code X-Next-After} (or its {@code Link}) gives, the total is in
	 * {@code X-Total-Count}, exact or an estimate as {@code X-Total-Exact} says.
	 */
	@GetMapping
	ResponseEntity<List<MeetingPlanner.MeetingView>> list(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) MeetingType type, @RequestParam(required = false) @Size(max = 40) String after,
			@RequestParam(defaultValue = "500") int size) {
		MeetingPlanner.MeetingPage page = planner.list(Caller.require(), orgId, from, to, type, Keyset.parse(after),
				Math.max(1, Math.min(size, 500)));
		return page.total().respond(page.meetings(), page.next());
	}

	/** The signed-in member's upcoming meetings. */
	@GetMapping("/mine")
	List<MeetingPlanner.MeetingView> mine() {
		return planner.mine(Caller.require(), Instant.now());
	}

	@GetMapping("/{id}")
	MeetingPlanner.MeetingView one(@PathVariable long id) {
		return planner.find(Caller.require(), id);
	}

	@GetMapping("/{id}/checkin-token")
	CheckinTokens.Token token(@PathVariable long id) {
		return planner.token(Caller.require(), id);
	}

	record TokenBody(@Size(max = 200) String token) {
	}

	/** 201 for a new check-in, 200 when the member had checked in already. */
	@PostMapping("/{id}/checkins")
	ResponseEntity<MeetingPlanner.CheckedIn> checkIn(@PathVariable long id, @RequestBody @Valid TokenBody body) {
		MeetingPlanner.CheckedIn done = planner.checkIn(Caller.require(), id, body == null ? null : body.token());
		return done.already() ? ResponseEntity.ok(done) : ResponseEntity.status(201).body(done);
	}

	record ManualBody(long memberId) {
	}

	@PostMapping("/{id}/checkins/manual")
	ResponseEntity<MeetingPlanner.CheckedIn> byHand(@PathVariable long id, @RequestBody @Valid ManualBody body) {
		MeetingPlanner.CheckedIn done = planner.checkInByHand(Caller.require(), id, body.memberId());
		return done.already() ? ResponseEntity.ok(done) : ResponseEntity.status(201).body(done);
	}

	record GuestManualBody(long personId) {
	}

	/** The organiser ticks a guest (an activist or 发展对象, by their development file) present. */
	@PostMapping("/{id}/guests/checkins/manual")
	ResponseEntity<MeetingPlanner.CheckedIn> guestByHand(@PathVariable long id, @RequestBody @Valid GuestManualBody body) {
		MeetingPlanner.CheckedIn done = planner.checkInGuestByHand(Caller.require(), id, body.personId());
		return done.already() ? ResponseEntity.ok(done) : ResponseEntity.status(201).body(done);
	}

	/** The guests (activists and 发展对象) apart from the members. */
	@GetMapping("/{id}/guests")
	List<MeetingGuestList.GuestRow> guests(@PathVariable long id) {
		return planner.guestAttendance(Caller.require(), id);
	}

	@GetMapping("/{id}/attendance")
	List<MeetingPlanner.AttendanceRow> attendance(@PathVariable long id) {
		return planner.attendance(Caller.require(), id);
	}

	record LeaveBody(@Size(max = 200) String reason) {
	}

	@PostMapping("/{id}/leave")
	ResponseEntity<Void> askForLeave(@PathVariable long id, @RequestBody @Valid LeaveBody body) {
		planner.askForLeave(Caller.require(), id, body == null ? null : body.reason());
		return ResponseEntity.noContent().build();
	}

	record LeaveDecision(boolean approve) {
	}

	@PostMapping("/{id}/leave/{memberId}")
	ResponseEntity<Void> decideLeave(@PathVariable long id, @PathVariable long memberId, @RequestBody @Valid LeaveDecision body) {
		planner.decideLeave(Caller.require(), id, memberId, body.approve());
		return ResponseEntity.noContent().build();
	}
}
