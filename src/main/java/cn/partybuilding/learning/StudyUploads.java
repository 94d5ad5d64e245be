package cn.partybuilding.learning;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.shared.UploadLimit;

/** Study files (videos above all) may be larger than other uploads, on the paths that publish materials. */
@Component
class StudyUploads implements UploadLimit {

	private final long maxBytes;

	StudyUploads(@Value("${party.learning.max-file-size:500MB}") DataSize maxFileSize) {
		this.maxBytes = maxFileSize.toBytes();
	}

	@Override
	public boolean covers(String path) {
		return path.equals("/api/v1/learning/materials") || path.equals("/learning/materials/new");
	}

	@Override
	public long maxBytes() {
		return maxBytes;
	}
}
