package cn.partybuilding.orglife;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.PersonalDataSection;
import cn.partybuilding.shared.PersonalDataSections;
import cn.partybuilding.shared.PlatformZone;

/** 我的数据: the meetings the member was invited to, with leave asked for and check-in. */
@Component
class AttendanceDataSections implements PersonalDataSections {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private final JdbcClient jdbc;

	AttendanceDataSections(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<PersonalDataSection> sectionsFor(long memberId) {
		List<List<String>> rows = jdbc.sql("""
				select m.start_at, m.topic, i.leave_state, i.leave_reason, c.checked_in_at
				from meeting_invitee i join meeting m on m.id = i.meeting_id
				left join meeting_checkin c on c.meeting_id = i.meeting_id and c.member_id = i.member_id
				where i.member_id = :id order by m.start_at desc""")
			.param("id", memberId)
			.query((rs, i) -> List.of(WHEN.format(rs.getTimestamp("start_at").toInstant()), rs.getString("topic"),
					rs.getString("leave_state") == null ? "" : rs.getString("leave_state")
							+ (rs.getString("leave_reason") == null ? "" : "：" + rs.getString("leave_reason")),
					rs.getTimestamp("checked_in_at") == null ? "" : WHEN.format(rs.getTimestamp("checked_in_at").toInstant())))
			.list();
		return List.of(new PersonalDataSection("privacy.section.attendance",
				List.of("privacy.col.time", "privacy.col.topic", "privacy.col.leave", "privacy.col.checkin"), rows));
	}
}
