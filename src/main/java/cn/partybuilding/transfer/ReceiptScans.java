package cn.partybuilding.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;
import cn.partybuilding.shared.NotPermittedException;

/**
 * The scan of a letter's 回执: uploaded by the committee with the receipt or after it (a photo or a PDF,
 * recognised by its bytes, at most {@code party.transfer.scan-max-size}); replaced by a later upload; seen
 * by whoever may see the transfer.
 */
@Service
@Transactional
class ReceiptScans {

	private final TransferPermissions permissions;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final long maxBytes;

	ReceiptScans(TransferPermissions permissions, JdbcTemplate jdbc, Clock clock,
			@Value("${party.transfer.scan-max-size:10MB}") DataSize maxSize) {
		this.permissions = permissions;
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxBytes = maxSize.toBytes();
	}

	record Scan(String fileName, String contentType, byte[] bytes) {
	}

	void upload(Caller caller, long transferId, String fileName, byte[] bytes) {
		TransferView t = permissions.visible(caller, transferId);
		boolean letterOut = t.state() == TransferState.ISSUED || t.state() == TransferState.RECEIPTED;
		if (!letterOut || !permissions.isCommitteeOf(caller, t)) {
			throw new NotPermittedException("transfer", transferId, "receipt-scan");
		}
		if (bytes == null || bytes.length == 0) {
			throw new FieldProblem("scan", "member.import.empty");
		}
		if (bytes.length > maxBytes) {
			throw new FieldProblem("scan", "orglife.attachment.tooLarge", maxBytes / (1024 * 1024));
		}
		String type = FileKinds.of(bytes).filter(k -> k.startsWith("image/") || k.equals("application/pdf"))
			.orElseThrow(() -> new FieldProblem("scan", "transfer.scan.type"));
		String name = FileKinds.fileName(fileName, "回执");
		jdbc.update("""
				insert into transfer_receipt_scan (transfer_id, file_name, content_type, size_bytes, content, uploaded_at, uploaded_by)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (transfer_id) do update set file_name = excluded.file_name, content_type = excluded.content_type,
				  size_bytes = excluded.size_bytes, content = excluded.content, uploaded_at = excluded.uploaded_at,
				  uploaded_by = excluded.uploaded_by""", transferId, name, type, bytes.length, bytes, Timestamp.from(clock.instant()),
				caller.username());
	}

	@Transactional(readOnly = true)
	Optional<Scan> find(Caller caller, long transferId) {
		permissions.visible(caller, transferId);
		return jdbc.query("select file_name, content_type, content from transfer_receipt_scan where transfer_id = ?",
				(rs, n) -> new Scan(rs.getString(1), rs.getString(2), rs.getBytes(3)), transferId).stream().findFirst();
	}

	@Transactional(readOnly = true)
	boolean exists(long transferId) {
		return jdbc.queryForObject("select count(*) from transfer_receipt_scan where transfer_id = ?", Integer.class, transferId) > 0;
	}
}
