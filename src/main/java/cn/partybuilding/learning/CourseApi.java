package cn.partybuilding.learning;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;

/** JSON for courses (慕课/微课): publish, assign, the owner's progress view; the member's own standing and enrolment. */
@RestController
class CourseApi {

	private final Courses courses;

	CourseApi(Courses courses) {
		this.courses = courses;
	}

	@PostMapping("/api/v1/learning/courses")
	@ResponseStatus(HttpStatus.CREATED)
	Courses.CourseView publish(@Valid @RequestBody Courses.NewCourse form) {
		return courses.publish(Caller.require(), form);
	}

	/** The courses of the organisations the caller manages ({@code managing=true}) or those they may take. */
	@GetMapping("/api/v1/learning/courses")
	List<Courses.CourseLine> list(@RequestParam(defaultValue = "true") boolean managing,
			@RequestParam(required = false) String tag) {
		return courses.list(Caller.require(), managing, tag);
	}

	@GetMapping("/api/v1/learning/courses/{id}")
	Courses.CourseView course(@PathVariable long id) {
		return courses.find(Caller.require(), id);
	}

	@PostMapping("/api/v1/learning/courses/{id}/withdraw")
	ResponseEntity<Void> withdraw(@PathVariable long id) {
		courses.withdraw(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PutMapping(path = "/api/v1/learning/courses/{id}/cover", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Void> cover(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file) {
		courses.cover(Caller.require(), id, file);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/learning/courses/{id}/cover")
	ResponseEntity<Resource> coverFile(@PathVariable long id) {
		Courses.Cover cover = courses.cover(Caller.require(), id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(cover.contentType()))
			.cacheControl(CacheControl.noCache().cachePrivate())
			.body(cover.resource());
	}

	record Assignment(Long orgId, LocalDate dueOn) {
	}

	/** Enrols everyone with an account in the organisation's subtree, with the due date. */
	@PostMapping("/api/v1/learning/courses/{id}/assignments")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Integer> assign(@PathVariable long id, @RequestBody Assignment assignment) {
		return Map.of("enrolled", courses.assign(Caller.require(), id, assignment.orgId(), assignment.dueOn()));
	}

	@GetMapping("/api/v1/learning/courses/{id}/progress")
	Courses.CourseProgress progress(@PathVariable long id, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return courses.progress(Caller.require(), id, orgId, state, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
	}

	@GetMapping("/api/v1/me/courses")
	List<Courses.CourseLine> mine() {
		return courses.list(Caller.require(), false, null);
	}

	@GetMapping("/api/v1/me/courses/{id}")
	Courses.MyCourse mine(@PathVariable long id) {
		return courses.mine(Caller.require(), id);
	}

	@PostMapping("/api/v1/me/courses/{id}/enrolment")
	@ResponseStatus(HttpStatus.CREATED)
	Courses.MyCourse enrol(@PathVariable long id) {
		return courses.enrol(Caller.require(), id);
	}
}
