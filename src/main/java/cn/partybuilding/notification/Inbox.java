package cn.partybuilding.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberRegistry;
import cn.partybuilding.orglife.MeetingPlanned;
import cn.partybuilding.shared.Caller;

/** 我的通知: what the platform has to tell a person, newest first; opening one marks it read. */
@Service
public class Inbox {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

	private final JdbcTemplate jdbc;

	private final MemberRegistry members;

	private final Clock clock;

	Inbox(JdbcTemplate jdbc, MemberRegistry members, Clock clock) {
		this.jdbc = jdbc;
		this.members = members;
		this.clock = clock;
	}

	public record Notice(long id, String title, String body, String link, Instant createdAt, Instant readAt) {
	}

	/** Each invitee hears of the meeting, with where and when, and a link to it (and to asking for leave). */
	@ApplicationModuleListener
	void on(MeetingPlanned event) {
		List<Long> accounts = members.accountsOf(event.inviteeMemberIds());
		Timestamp now = Timestamp.from(clock.instant());
		String title = "会议通知：" + event.type().title() + "「" + event.topic() + "」";
		String body = WHEN.format(event.startAt()) + (event.place() == null || event.place().isEmpty() ? "" : "，" + event.place())
				+ "。" + event.organizationName() + "，组织者 " + event.organiser() + "。不能参加请在会议页请假。";
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				accounts.stream().map(a -> new Object[] { a, title, body, "/meetings/" + event.meetingId(), now }).toList());
	}

	@Transactional(readOnly = true)
	public List<Notice> of(Caller caller, int limit) {
		return jdbc.query("""
				select id, title, body, link, created_at, read_at from notification where account_id = ?
				order by created_at desc, id desc limit ?""", (rs, n) -> new Notice(rs.getLong(1), rs.getString(2),
				rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
				rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()), caller.accountId(), limit);
	}

	@Transactional(readOnly = true)
	public int unread(Caller caller) {
		Integer n = jdbc.queryForObject("select count(*) from notification where account_id = ? and read_at is null",
				Integer.class, caller.accountId());
		return n == null ? 0 : n;
	}

	/** Marks one's own notice read and gives where it points; someone else's is not found. */
	@Transactional
	public java.util.Optional<String> open(Caller caller, long id) {
		List<String> link = jdbc.queryForList("select coalesce(link, '/me/notifications') from notification where id = ? and account_id = ?",
				String.class, id, caller.accountId());
		if (link.isEmpty()) {
			return java.util.Optional.empty();
		}
		jdbc.update("update notification set read_at = coalesce(read_at, ?) where id = ?", Timestamp.from(clock.instant()), id);
		return java.util.Optional.of(link.get(0));
	}
}
