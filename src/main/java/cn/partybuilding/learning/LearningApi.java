package cn.partybuilding.learning;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.data.domain.Page;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/** JSON for 学习: materials and their files, heartbeats, points, weekly outlines. */
@RestController
class LearningApi {

	private final MaterialLibrary library;

	private final StudyProgress progress;

	private final StudyPoints points;

	private final StudyOutlines outlines;

	private final LearningRules rules;

	private final PointsRanking ranking;

	private final Clock clock;

	LearningApi(MaterialLibrary library, StudyProgress progress, StudyPoints points, StudyOutlines outlines,
			LearningRules rules, PointsRanking ranking, Clock clock) {
		this.ranking = ranking;
		this.library = library;
		this.progress = progress;
		this.points = points;
		this.outlines = outlines;
		this.rules = rules;
		this.clock = clock;
	}

	@PostMapping(path = "/api/v1/learning/materials", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	MaterialLibrary.MaterialView publish(@Valid @RequestBody MaterialLibrary.NewMaterial form) {
		return library.publish(Caller.require(), form, null);
	}

	/** A PDF, video or audio: the file plus the same fields as form fields. */
	@PostMapping(path = "/api/v1/learning/materials", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	MaterialLibrary.MaterialView upload(@Valid @ModelAttribute MaterialLibrary.NewMaterial form,
			@RequestParam(name = "file", required = false) MultipartFile file) {
		return library.publish(Caller.require(), form, file);
	}

	@GetMapping("/api/v1/learning/materials/{id}")
	MaterialLibrary.MaterialView material(@PathVariable long id) {
		return library.find(Caller.require(), id);
	}

	record MaterialPage(List<MaterialLibrary.MaterialLine> content, long totalElements, int page, int size) {
	}

	@GetMapping("/api/v1/learning/materials")
	MaterialPage materials(@RequestParam(required = false) Long orgId, @RequestParam(required = false) MaterialKind kind,
			@RequestParam(required = false) String tag, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		Page<MaterialLibrary.MaterialLine> found = library.list(Caller.require(), orgId, kind, tag, Math.max(page, 0),
				Math.min(Math.max(size, 1), 100));
		return new MaterialPage(found.getContent(), found.getTotalElements(), found.getNumber(), found.getSize());
	}

	@PostMapping("/api/v1/learning/materials/{id}/withdraw")
	ResponseEntity<Void> withdraw(@PathVariable long id) {
		library.withdraw(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	/** A PDF's own policy: nothing loads from it, its viewer may show it, and only this site's pages frame it. */
	static final String PDF_POLICY = "default-src 'none'; object-src 'self'; "
			+ "frame-ancestors 'self'";

	/**
	 * The material's file, streamed: a Range request gets 206 with only its bytes (phones seek in videos), read
	 * from the store without loading the file.
	 */
	@GetMapping("/api/v1/learning/materials/{id}/file")
	ResponseEntity<Resource> file(@PathVariable long id) {
		MaterialLibrary.FileContent file = library.file(Caller.require(), id);
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (MediaType.APPLICATION_PDF_VALUE.equals(file.contentType())) {
			// the reader shows a PDF in a frame of its own page: this answer alone may be framed, by this site only
			// (the security headers keep what is set here); the browser's PDF viewer is a plugin for object-src
			answer.header("X-Frame-Options", "SAMEORIGIN")
				.header("Content-Security-Policy", PDF_POLICY);
		}
		return answer
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.cacheControl(CacheControl.noCache().cachePrivate())
			.body(file.resource());
	}

	@PostMapping("/api/v1/learning/materials/{id}/heartbeats")
	StudyProgress.ProgressView heartbeat(@PathVariable long id, @Valid @RequestBody StudyProgress.Beat beat) {
		return progress.beat(Caller.require(), id, beat);
	}

	@GetMapping("/api/v1/learning/materials/{id}/progress")
	StudyProgress.ProgressView progress(@PathVariable long id) {
		return progress.progress(Caller.require(), id);
	}

	@GetMapping("/api/v1/me/points")
	StudyPoints.DayPoints myPoints(@RequestParam(required = false) LocalDate date) {
		return points.of(Caller.require().accountId(), date == null ? LocalDate.now(clock.withZone(PlatformZone.ZONE)) : date);
	}

	record RuleView(PointRule rule, int points, int cap, Integer perSeconds) {
	}

	/** How a material is finished, per kind, and what each rule earns: members can see how points come. */
	record PointRules(List<RuleView> rules, int heartbeatSeconds, int articleMinSeconds, int articleMaxSeconds,
			int readingCharsPerMinute, int pdfMinSeconds, double mediaShare, boolean personalRanking) {
	}

	@GetMapping("/api/v1/learning/point-rules")
	PointRules pointRules() {
		return new PointRules(Arrays.stream(PointRule.values()).map(r -> {
			LearningRules.Points p = rules.of(r);
			return new RuleView(r, p.points(), p.cap(), p.perSeconds() > 0 ? p.perSeconds() : null);
		}).toList(), rules.heartbeatSeconds(), rules.articleMinSeconds(), rules.articleMaxSeconds(),
				rules.readingCharsPerMinute(), rules.pdfMinSeconds(), rules.mediaShare(), rules.personalRanking());
	}

	/** Only when the setting turns the ranking on (404 otherwise); names of those who hide them are null. */
	@GetMapping("/api/v1/learning/ranking")
	PointsRanking.Ranking ranking() {
		return ranking.thisWeek(Caller.require());
	}

	record Privacy(Boolean hideName) {
	}

	@GetMapping("/api/v1/me/learning-privacy")
	Privacy privacy() {
		return new Privacy(ranking.hidesName(Caller.require()));
	}

	@PostMapping("/api/v1/me/learning-privacy")
	Privacy setPrivacy(@RequestBody Privacy privacy) {
		Caller caller = Caller.require();
		ranking.hideName(caller, Boolean.TRUE.equals(privacy.hideName()));
		return new Privacy(ranking.hidesName(caller));
	}

	@PostMapping("/api/v1/learning/outlines")
	@ResponseStatus(HttpStatus.CREATED)
	StudyOutlines.OutlineView publishOutline(@Valid @RequestBody StudyOutlines.NewOutline form) {
		return outlines.publish(Caller.require(), form);
	}

	@GetMapping("/api/v1/learning/outlines")
	List<StudyOutlines.OutlineLine> outlines() {
		return outlines.list(Caller.require(), 200);
	}

	@GetMapping("/api/v1/learning/outlines/{id}")
	StudyOutlines.OutlineView outline(@PathVariable long id) {
		return outlines.find(Caller.require(), id);
	}

	@GetMapping("/api/v1/learning/outlines/{id}/completion")
	StudyOutlines.Completion completion(@PathVariable long id, @RequestParam(required = false) Long orgId) {
		return outlines.completion(Caller.require(), id, orgId);
	}

	@PostMapping("/api/v1/learning/outlines/{id}/withdraw")
	ResponseEntity<Void> withdrawOutline(@PathVariable long id) {
		outlines.withdraw(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/me/outlines/current")
	List<StudyOutlines.MyOutline> currentOutlines() {
		return outlines.current(Caller.require());
	}
}
