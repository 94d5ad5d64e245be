package cn.partybuilding.orglife;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.partybuilding.shared.FieldProblem;

/** 会议记录: written and corrected freely until signed off; locked after, when only amendments follow. */
@Entity
@Table(name = "meeting_minutes")
class Minutes {

	@Id
	@Column(name = "meeting_id")
	private Long meetingId;

	private String text;

	private String resolutions;

	@Column(name = "signed_off_at")
	private Instant signedOffAt;

	@Column(name = "signed_off_by")
	private String signedOffBy;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private Long version;

	protected Minutes() {
	}

	Minutes(long meetingId) {
		this.meetingId = meetingId;
	}

	void write(String text, String resolutions, Instant now) {
		if (signedOff()) {
			throw new FieldProblem("text", "orglife.minutes.locked");
		}
		if (text == null || text.isBlank()) {
			throw new FieldProblem("text", "orglife.minutes.text");
		}
		this.text = text.strip();
		this.resolutions = resolutions == null ? null : resolutions.strip();
		this.updatedAt = now;
	}

	/** The organiser's signature: from now on the minutes are what was decided, and only amendments follow. */
	void signOff(String by, Instant now, boolean meetingOver) {
		if (signedOff()) {
			return;
		}
		if (text == null) {
			throw new FieldProblem("text", "orglife.minutes.text");
		}
		if (!meetingOver) {
			throw new FieldProblem("text", "orglife.minutes.notOver");
		}
		this.signedOffAt = now;
		this.signedOffBy = by;
	}

	boolean signedOff() {
		return signedOffAt != null;
	}

	String text() {
		return text;
	}

	String resolutions() {
		return resolutions;
	}

	Instant signedOffAt() {
		return signedOffAt;
	}

	String signedOffBy() {
		return signedOffBy;
	}
}
