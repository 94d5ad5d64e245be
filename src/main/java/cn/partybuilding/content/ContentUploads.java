package cn.partybuilding.content;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.UploadLimit;

/** Attachments of items may be larger than other uploads, on the paths that add them. */
@Component
class ContentUploads implements UploadLimit {

	private final ContentSettings settings;

	ContentUploads(ContentSettings settings) {
		this.settings = settings;
	}

	@Override
	public boolean covers(String path) {
		return (path.startsWith("/api/v1/content/items/") || path.startsWith("/content/items/"))
				&& path.endsWith("/attachments");
	}

	@Override
	public long maxBytes() {
		return settings.maxAttachmentSize() * 1024L * 1024L;
	}
}
