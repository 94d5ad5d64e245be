package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * Photos, PDF and Word files of a meeting. What a file is comes from its first bytes, not its name: a
 * script renamed .jpg is refused. Once the minutes are signed off, the files are part of them and fixed.
 */
@Service
@Transactional
class MeetingAttachments {

	private final MeetingPlanner planner;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final long maxBytes;

	MeetingAttachments(MeetingPlanner planner, JdbcTemplate jdbc, Clock clock,
			@Value("${party.orglife.attachment-max-size:10MB}") DataSize maxSize) {
		this.planner = planner;
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxBytes = maxSize.toBytes();
	}

	/** The largest file accepted, for the page to refuse a bigger one before uploading it. */
	public long maxBytes() {
		return maxBytes;
	}

	record Attachment(long id, String fileName, String contentType, int sizeBytes, Instant uploadedAt,
			String uploadedBy) {
	}

	record Content(String fileName, String contentType, byte[] bytes) {
	}

	/** The kinds accepted, recognised by their first bytes. */
	static Optional<String> kindOf(byte[] bytes) {
		return FileKinds.of(bytes);
	}

	public Attachment add(Caller caller, long meetingId, String fileName, byte[] bytes) {
		planner.organised(caller, meetingId);
		if (signedOff(meetingId)) {
			throw new FieldProblem("file", "orglife.minutes.locked");
		}
		if (bytes.length == 0) {
			throw new FieldProblem("file", "member.import.empty");
		}
		if (bytes.length > maxBytes) {
			throw new FieldProblem("file", "orglife.attachment.tooLarge", maxBytes / (1024 * 1024));
		}
		String type = kindOf(bytes).orElseThrow(() -> new FieldProblem("file", "orglife.attachment.type"));
		String name = FileKinds.fileName(fileName, "附件");
		Instant now = clock.instant();
		Long id = jdbc.queryForObject("""
				insert into meeting_attachment (meeting_id, file_name, content_type, size_bytes, content, uploaded_at, uploaded_by)
				values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, meetingId, name, type, bytes.length, bytes,
				Timestamp.from(now), caller.username());
		return new Attachment(id, name, type, bytes.length, now, caller.username());
	}

	@Transactional(readOnly = true)
	public List<Attachment> list(Caller caller, long meetingId) {
		planner.visible(caller, meetingId);
		return jdbc.query("""
				select id, file_name, content_type, size_bytes, uploaded_at, uploaded_by from meeting_attachment
				where meeting_id = ? order by id""", (rs, n) -> new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3),
				rs.getInt(4), rs.getTimestamp(5).toInstant(), rs.getString(6)), meetingId);
	}

	@Transactional(readOnly = true)
	public Content content(Caller caller, long meetingId, long attachmentId) {
		planner.visible(caller, meetingId);
		return jdbc.query("select file_name, content_type, content from meeting_attachment where id = ? and meeting_id = ?",
				(rs, n) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3)), attachmentId, meetingId)
			.stream().findFirst().orElseThrow(() -> new OutOfScopeException("meeting-attachment", attachmentId));
	}

	private boolean signedOff(long meetingId) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from meeting_minutes where meeting_id = ? and signed_off_at is not null)", Boolean.class,
				meetingId));
	}
}
