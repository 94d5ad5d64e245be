package cn.partybuilding.development;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;

/**
 * The evidence of a person's steps: scans, photos, PDF and Word files, recognised by their bytes (a renamed
 * script is refused), kept with the file. Whoever may read the file may add to it; the applicant adds to their own.
 */
@Component
@Transactional
class DevelopmentEvidence {

	record EvidenceView(long id, int step, String fileName, String contentType, int sizeBytes, String uploadedBy,
			Instant uploadedAt) {
	}

	record Content(String fileName, String contentType, byte[] bytes) {
	}

	private final DevelopmentPeople people;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final long maxBytes;

	DevelopmentEvidence(DevelopmentPeople people, JdbcTemplate jdbc, Clock clock,
			@Value("${party.development.evidence-max-size:10MB}") DataSize maxSize) {
		this.people = people;
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxBytes = maxSize.toBytes();
	}

	EvidenceView add(Caller caller, long personId, Integer step, String fileName, byte[] bytes) {
		people.find(caller, personId);
		if (step == null || step < 1 || step > 25) {
			throw new FieldProblem("step", "development.rule.stepNumber");
		}
		if (bytes == null || bytes.length == 0) {
			throw new FieldProblem("file", "member.import.empty");
		}
		if (bytes.length > maxBytes) {
			throw new FieldProblem("file", "orglife.attachment.tooLarge", maxBytes / (1024 * 1024));
		}
		String type = FileKinds.of(bytes).orElseThrow(() -> new FieldProblem("file", "development.evidence.type"));
		String name = FileKinds.fileName(fileName, "材料");
		Instant now = clock.instant();
		Long id = jdbc.queryForObject("""
				insert into development_evidence (applicant_id, step, file_name, content_type, size_bytes, content, uploaded_by, uploaded_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, personId, step, name, type, bytes.length,
				bytes, caller.username(), Timestamp.from(now));
		return new EvidenceView(id, step, name, type, bytes.length, caller.username(), now);
	}

	@Transactional(readOnly = true)
	List<EvidenceView> list(Caller caller, long personId) {
		people.find(caller, personId);
		return jdbc.query("""
				select id, step, file_name, content_type, size_bytes, uploaded_by, uploaded_at from development_evidence
				where applicant_id = ? order by step, id""", (rs, n) -> new EvidenceView(rs.getLong(1), rs.getInt(2),
				rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getTimestamp(7).toInstant()), personId);
	}

	@Transactional(readOnly = true)
	Optional<Content> content(Caller caller, long personId, long evidenceId) {
		people.find(caller, personId);
		return jdbc.query("select file_name, content_type, content from development_evidence where applicant_id = ? and id = ?",
				(rs, n) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3)), personId, evidenceId)
			.stream().findFirst();
	}
}
