package cn.partybuilding.content;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.PublicEndpoints;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.UploadLimit;

/**
 * Images for the editor: uploaded (or pasted) by people who may write news and notices, served to anyone (the
 * portal shows them to readers who are not signed in) under their random key, cached for good since a key's image
 * never changes.
 */
@RestController
class ContentImageApi {

	/** Who may put images into content: those who may write or review it. */
	static final Role[] AUTHORS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE, Role.CONTENT_REVIEWER };

	static final String UPLOAD_PATH = "/api/v1/content/images";

	private final ContentImages images;

	ContentImageApi(ContentImages images) {
		this.images = images;
	}

	/** What TinyMCE's upload handler expects (location) and what other clients may want. */
	record Uploaded(String location, String key, int width, int height) {
	}

	@PostMapping(path = UPLOAD_PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Uploaded> upload(@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
		Caller caller = Caller.require();
		if (!caller.has(AUTHORS)) {
			throw new NotPermittedException("content_image", "new", "only authors and reviewers of content upload images");
		}
		if (file == null || file.isEmpty()) {
			throw new FieldProblem("file", "content.image.empty");
		}
		ContentImages.StoredImage stored;
		try (InputStream in = file.getInputStream()) {
			stored = images.store(caller, in, "file");
		}
		return ResponseEntity.created(java.net.URI.create(stored.url()))
			.body(new Uploaded(stored.url(), stored.key(), stored.width(), stored.height()));
	}

	@GetMapping(ContentImages.URL_PREFIX + "{key}")
	ResponseEntity<Resource> image(@PathVariable String key) {
		return images.find(key)
			.map(file -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(file.contentType()))
				.contentLength(file.size())
				.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
				.header("X-Content-Type-Options", "nosniff")
				.body(file.resource()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	/** The images are public: the portal shows them to readers who are not signed in. */
	@Component
	static class Open implements PublicEndpoints {

		@Override
		public List<String> paths() {
			return List.of(ContentImages.URL_PREFIX + "*");
		}
	}

	/** Uploads of images are limited to what the store will take anyway, refused before the bytes are read. */
	@Component
	static class Uploads implements UploadLimit {

		private final long maxBytes;

		Uploads(@Value("${party.content.image-max-file-size:10MB}") DataSize maxFileSize) {
			this.maxBytes = maxFileSize.toBytes();
		}

		@Override
		public boolean covers(String path) {
			return path.equals(UPLOAD_PATH);
		}

		@Override
		public long maxBytes() {
			return maxBytes;
		}
	}
}
