package cn.partybuilding.assessment;

import java.io.ByteArrayInputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;
import cn.partybuilding.shared.FileStore;

/**
 * The evidence of a claim: PDF, Word, Excel and photos recognised by their bytes (a renamed script is refused), at
 * most {@code party.assessment.evidence-max-files} files of {@code party.assessment.evidence-max-size} each, kept in
 * the file store. A file whose row is not written is removed again, so nothing is left half-written.
 */
@Component
class ClaimEvidence {

	private final Claims claims;

	private final FileStore store;

	private final long maxBytes;

	private final int maxFiles;

	ClaimEvidence(Claims claims, FileStore store,
			@Value("${party.assessment.evidence-max-size:10MB}") DataSize maxSize,
			@Value("${party.assessment.evidence-max-files:5}") int maxFiles) {
		this.claims = claims;
		this.store = store;
		this.maxBytes = maxSize.toBytes();
		this.maxFiles = maxFiles;
	}

	long attach(Caller caller, long claimId, String fileName, byte[] bytes) {
		claims.requireEvidenceAllowed(caller, claimId);
		if (bytes == null || bytes.length == 0) {
			throw new FieldProblem("file", "assessment.claim.file-empty");
		}
		if (bytes.length > maxBytes) {
			throw new FieldProblem("file", "assessment.claim.file-too-large", maxBytes / (1024 * 1024));
		}
		String type = FileKinds.of(bytes).orElseThrow(() -> new FieldProblem("file", "assessment.claim.file-type"));
		String name = FileKinds.fileName(fileName, "evidence");
		FileStore.StoredFile stored = store.putUnchecked("assessment", new ByteArrayInputStream(bytes), type);
		try {
			return claims.addFile(caller, claimId, stored.key(), name, type, stored.size(), maxFiles);
		}
		catch (RuntimeException refused) {
			store.delete(stored.key());
			throw refused;
		}
	}

	Resource open(Claims.StoredEvidence file) {
		return store.open(file.key());
	}
}
