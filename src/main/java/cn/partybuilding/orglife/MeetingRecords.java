package cn.partybuilding.orglife;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * 会议记录: the organiser writes the minutes and signs them off; signed-off minutes are locked, and a
 * later change is an amendment with its reason, kept beside the original. A meeting with signed-off
 * minutes and its attendance list is what compliance counts.
 */
@Service
@Transactional
class MeetingRecords {

	private final MeetingPlanner planner;

	private final AllMinutes minutes;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ComplianceCounts counts;

	MeetingRecords(MeetingPlanner planner, AllMinutes minutes, JdbcTemplate jdbc, ApplicationEventPublisher events,
			Clock clock, ComplianceCounts counts) {
		this.planner = planner;
		this.minutes = minutes;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.counts = counts;
	}

	record AmendmentView(String text, String resolutions, String reason, Instant amendedAt, String amendedBy) {
	}

	record MinutesView(long meetingId, String text, String resolutions, Instant signedOffAt, String signedOffBy,
			List<AmendmentView> amendments) {
	}

	record MinutesChanged(long meetingId, String action, String summary) implements AuditableEvent {

		@Override
		public String entityType() {
			return "meeting";
		}

		@Override
		public String entityId() {
			return Long.toString(meetingId);
		}
	}

	/** The minutes if any have been written (the meeting page shows an empty form otherwise). */
	@Transactional(readOnly = true)
	public Optional<MinutesView> find(Caller caller, long meetingId) {
		planner.visible(caller, meetingId);
		return minutes.findById(meetingId).map(m -> view(meetingId, m));
	}

	@Transactional(readOnly = true)
	public MinutesView minutes(Caller caller, long meetingId) {
		planner.visible(caller, meetingId);
		return view(meetingId, minutes.findById(meetingId).orElseThrow(() -> new OutOfScopeException("minutes", meetingId)));
	}

	public MinutesView write(Caller caller, long meetingId, String text, String resolutions) {
		planner.organised(caller, meetingId);
		Minutes m = minutes.findById(meetingId).orElseGet(() -> new Minutes(meetingId));
		if (m.signedOff()) {
			throw new FieldProblem("text", "orglife.minutes.locked");
		}
		m.write(PlainText.clean(text).isEmpty() ? null : text, resolutions, clock.instant());
		minutes.saveAndFlush(m);
		events.publishEvent(new MinutesChanged(meetingId, "meeting.minutes.write", "填写会议记录"));
		return view(meetingId, m);
	}

	public MinutesView signOff(Caller caller, long meetingId) {
		Meeting meeting = planner.organised(caller, meetingId);
		Minutes m = minutes.findById(meetingId).orElseThrow(() -> new FieldProblem("text", "orglife.minutes.text"));
		if (m.signedOff()) {
			return view(meetingId, m);
		}
		Instant now = clock.instant();
		m.signOff(caller.username(), now, now.isAfter(meeting.endAt()));
		minutes.saveAndFlush(m);
		counts.count(List.of(meetingId));
		List<MeetingAbsence> absences = planner.attendance(caller, meetingId).stream()
			.filter(a -> a.checkedInAt() == null)
			.map(a -> new MeetingAbsence(a.memberId(), a.status() == MeetingPlanner.Attendance.LEAVE))
			.toList();
		events.publishEvent(new MinutesChanged(meetingId, "meeting.minutes.signOff", "会议记录签发：" + meeting.topic()));
		events.publishEvent(new MeetingConcluded(meetingId, meeting.type(), meeting.topic(), meeting.startAt(), absences,
				caller.username(), now));
		return view(meetingId, m);
	}

	public MinutesView amend(Caller caller, long meetingId, String text, String resolutions, String reason) {
		planner.organised(caller, meetingId);
		Minutes m = minutes.findById(meetingId).orElseThrow(() -> new FieldProblem("text", "orglife.minutes.text"));
		if (!m.signedOff()) {
			throw new FieldProblem("reason", "orglife.minutes.notSigned");
		}
		if (PlainText.clean(text).isEmpty()) {
			throw new FieldProblem("text", "orglife.minutes.text");
		}
		String why = PlainText.clean(reason);
		if (why.isEmpty() || why.length() > 200) {
			throw new FieldProblem("reason", "orglife.minutes.reason");
		}
		jdbc.update("""
				insert into meeting_minutes_amendment (meeting_id, text, resolutions, reason, amended_at, amended_by)
				values (?, ?, ?, ?, ?, ?)""", meetingId, text.strip(), resolutions == null ? null : resolutions.strip(), why,
				Timestamp.from(clock.instant()), caller.username());
		events.publishEvent(new MinutesChanged(meetingId, "meeting.minutes.amend", "修订会议记录：" + why));
		return view(meetingId, m);
	}

	private MinutesView view(long meetingId, Minutes m) {
		List<AmendmentView> amendments = jdbc.query("""
				select text, resolutions, reason, amended_at, amended_by from meeting_minutes_amendment
				where meeting_id = ? order by amended_at, id""", (rs, n) -> new AmendmentView(rs.getString(1), rs.getString(2),
				rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5)), meetingId);
		return new MinutesView(meetingId, m.text(), m.resolutions(), m.signedOffAt(), m.signedOffBy(), amendments);
	}
}
