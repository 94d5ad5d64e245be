package cn.partybuilding.orglife;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A meeting of an organisation: when, where, what, who organised it. */
@Entity
@Table(name = "meeting")
class Meeting {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "organization_id")
	private long organizationId;

	@Enumerated(EnumType.STRING)
	private MeetingType type;

	private String topic;

	@Column(name = "start_at")
	private Instant startAt;

	@Column(name = "end_at")
	private Instant endAt;

	private String place;

	private String lecturer;

	@Column(name = "organiser_account_id")
	private long organiserAccountId;

	private String organiser;

	@Column(name = "recorded_after")
	private boolean recordedAfter;

	@Version
	private Long version;

	protected Meeting() {
	}

	Meeting(long organizationId, MeetingType type, String topic, Instant startAt, Instant endAt, String place,
			String lecturer, long organiserAccountId, String organiser, Instant now) {
		this.organizationId = organizationId;
		this.type = type;
		this.topic = topic;
		this.startAt = startAt;
		this.endAt = endAt;
		this.place = place;
		this.lecturer = lecturer;
		this.organiserAccountId = organiserAccountId;
		this.organiser = organiser;
		// a meeting entered after it ended is 补录, and says so wherever it is shown
		this.recordedAfter = endAt.isBefore(now);
	}

	/** Check-in opens {@code before} the start and closes at the end. */
	boolean openForCheckIn(Instant at, Duration before) {
		return !at.isBefore(startAt.minus(before)) && !at.isAfter(endAt);
	}

	boolean lateAt(Instant at) {
		return at.isAfter(startAt);
	}

	MeetingPlanner.MeetingView view(String organizationName, int invited) {
		return new MeetingPlanner.MeetingView(id, organizationId, organizationName, type, topic, startAt, endAt, place,
				lecturer, organiser, recordedAfter, invited);
	}

	Long id() {
		return id;
	}

	long organizationId() {
		return organizationId;
	}

	MeetingType type() {
		return type;
	}

	String topic() {
		return topic;
	}

	Instant startAt() {
		return startAt;
	}

	Instant endAt() {
		return endAt;
	}
}
