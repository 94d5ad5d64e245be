package cn.partybuilding.organization;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.partybuilding.shared.FieldProblem;

/** One person holding one committee position for one term. */
@Entity
@Table(name = "committee_position")
class CommitteePosition {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "organization_id")
	private long organizationId;

	@Enumerated(EnumType.STRING)
	private Position position;

	@Column(name = "holder_name")
	private String holderName;

	@Column(name = "term_start")
	private LocalDate termStart;

	@Column(name = "term_end")
	private LocalDate termEnd;

	/** 双带头人: a teacher-branch secretary who also leads in their discipline. */
	@Column(name = "dual_leader")
	private boolean dualLeader;

	@Version
	private Long version;

	protected CommitteePosition() {
	}

	CommitteePosition(long organizationId, Position position, String holderName, LocalDate termStart,
			LocalDate termEnd, boolean dualLeader) {
		if (!termEnd.isAfter(termStart)) {
			throw new FieldProblem("termEnd", "committee.term.endBeforeStart");
		}
		if (dualLeader && position != Position.SECRETARY) {
			throw new FieldProblem("dualLeader", "committee.dualLeader.secretaryOnly");
		}
		this.organizationId = organizationId;
		this.position = position;
		this.holderName = holderName.trim();
		this.termStart = termStart;
		this.termEnd = termEnd;
		this.dualLeader = dualLeader;
	}

	boolean overlaps(LocalDate start, LocalDate end) {
		return start.isBefore(termEnd) && termStart.isBefore(end);
	}

	boolean currentOn(LocalDate day) {
		return !day.isBefore(termStart) && day.isBefore(termEnd);
	}

	Long id() {
		return id;
	}

	long organizationId() {
		return organizationId;
	}

	Position position() {
		return position;
	}

	String holderName() {
		return holderName;
	}

	LocalDate termStart() {
		return termStart;
	}

	LocalDate termEnd() {
		return termEnd;
	}

	boolean dualLeader() {
		return dualLeader;
	}
}
