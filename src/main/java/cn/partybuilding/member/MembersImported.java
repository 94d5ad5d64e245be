package cn.partybuilding.member;

import java.time.Instant;
import java.util.List;

import cn.partybuilding.shared.AuditableEvent;

/**
 * A spreadsheet's members were written, all in one transaction: one line in the audit log for the
 * file, and one chronicle entry per member (registered, or corrected / moved by the file).
 */
public record MembersImported(String importId, String fileName, int created, int updated, int skipped,
		List<Line> lines, String actor, Instant at) implements AuditableEvent {

	public enum Kind { REGISTERED, CORRECTED, MOVED }

	/** What the file did to one member; the summary names fields, never sensitive values. */
	public record Line(long memberId, Kind kind, String summary) {
	}

	@Override
	public String action() {
		return "member.import";
	}

	@Override
	public String entityType() {
		return "member-import";
	}

	@Override
	public String entityId() {
		return importId;
	}

	@Override
	public String summary() {
		return "导入党员信息（" + fileName + "）：新增 " + created + " 人，更新 " + updated + " 人，跳过 " + skipped + " 人";
	}
}
