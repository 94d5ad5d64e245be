package cn.partybuilding.record;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a member's chronicle: when, what, by whom, and where it came from. Immutable. */
@Entity
@Table(name = "record_entry")
class RecordEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "member_id", updatable = false)
	private long memberId;

	@Column(name = "occurred_at", updatable = false)
	private Instant occurredAt;

	@Column(updatable = false)
	private String kind;

	@Column(updatable = false)
	private String title;

	@Column(updatable = false)
	private String detail;

	@Column(updatable = false)
	private String actor;

	@Column(name = "source_type", updatable = false)
	private String sourceType;

	@Column(name = "source_id", updatable = false)
	private String sourceId;

	protected RecordEntry() {
	}

	RecordEntry(long memberId, Instant occurredAt, String kind, String title, String detail, String actor,
			String sourceType, String sourceId) {
		this.memberId = memberId;
		this.occurredAt = occurredAt;
		this.kind = kind;
		this.title = title;
		this.detail = detail;
		this.actor = actor;
		this.sourceType = sourceType;
		this.sourceId = sourceId;
	}

	Chronicle.Entry view() {
		return new Chronicle.Entry(id, occurredAt, kind, title, detail, actor, sourceType, sourceId);
	}
}
