package cn.partybuilding.learning;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

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

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * JSON for the 红色教育 halls: a hall, its scenes (PANORAMA materials, uploaded like any material) with hotspots,
 * the visit's heartbeats, and a panorama's sizes for the screen.
 */
@RestController
class HallApi {

	private final Halls halls;

	private final HallVisits visits;

	private final MaterialLibrary library;

	private final Panoramas panoramas;

	HallApi(Halls halls, HallVisits visits, MaterialLibrary library, Panoramas panoramas) {
		this.halls = halls;
		this.visits = visits;
		this.library = library;
		this.panoramas = panoramas;
	}

	@PostMapping("/api/v1/learning/halls")
	@ResponseStatus(HttpStatus.CREATED)
	Halls.Created create(@Valid @RequestBody Halls.NewHall form) {
		return halls.create(Caller.require(), form);
	}

	/** Halls the caller may visit (and those they manage); {@code managed=true} for the managers' list alone. */
	@GetMapping("/api/v1/learning/halls")
	List<Halls.HallLine> list(@RequestParam(defaultValue = "false") boolean managed,
			@RequestParam(required = false) Long orgId) {
		return halls.list(Caller.require(), managed, orgId);
	}

	@GetMapping("/api/v1/learning/halls/{id}")
	Halls.HallView hall(@PathVariable long id) {
		return halls.find(Caller.require(), id);
	}

	@PostMapping("/api/v1/learning/halls/{id}/scenes")
	@ResponseStatus(HttpStatus.CREATED)
	Halls.SceneView addScene(@PathVariable long id, @Valid @RequestBody Halls.NewScene form) {
		return halls.addScene(Caller.require(), id, form);
	}

	record Hotspots(@Size(max = 50) List<@Valid HallHotspot> hotspots) {
	}

	/** Replaces a scene's hotspots: arrows to scenes added after it. */
	@PutMapping("/api/v1/learning/halls/{id}/scenes/{sceneId}/hotspots")
	Halls.SceneView setHotspots(@PathVariable long id, @PathVariable long sceneId, @Valid @RequestBody Hotspots form) {
		return halls.setHotspots(Caller.require(), id, sceneId, form.hotspots());
	}

	@PostMapping("/api/v1/learning/halls/{id}/withdraw")
	ResponseEntity<Void> withdraw(@PathVariable long id) {
		halls.withdraw(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/learning/halls/{id}/heartbeats")
	HallVisits.VisitView heartbeat(@PathVariable long id, @RequestBody HallVisits.Beat beat) {
		return visits.beat(Caller.require(), id, beat);
	}

	@GetMapping("/api/v1/me/halls/{id}")
	HallVisits.VisitView myVisit(@PathVariable long id) {
		return visits.visit(Caller.require(), id);
	}

	/**
	 * A panorama in a size for the screen (preview, phone, desktop; a small original gives its largest below),
	 * JPEG made once at upload: a material is never edited, so the browser keeps it (privately) for a week.
	 */
	@GetMapping("/api/v1/learning/materials/{id}/panorama/{size}")
	ResponseEntity<Resource> panorama(@PathVariable long id, @PathVariable String size) {
		MaterialLibrary.MaterialView material = library.find(Caller.require(), id);
		Panoramas.Size wanted = Panoramas.Size.of(size).orElseThrow(() -> new OutOfScopeException("learning-panorama", id));
		if (material.kind() != MaterialKind.PANORAMA) {
			throw new OutOfScopeException("learning-panorama", id);
		}
		Panoramas.Rendition rendition = panoramas.rendition(id, wanted)
			.orElseThrow(() -> new OutOfScopeException("learning-panorama", id));
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_JPEG)
			.contentLength(rendition.bytes())
			.cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePrivate())
			.eTag("\"" + id + "-" + rendition.size().path() + "\"")
			.body(panoramas.open(rendition));
	}
}
