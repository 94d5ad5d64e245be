package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/** Meetings held offline are recorded (补录) by their organiser with sign-in sheet and minutes, under the planning rules. */
class MeetingsHeldOfflineTest extends PlatformTest {

	@Autowired
	OrgLifeManagement orglife;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MemberDirectory members;

	@Test
	@DisplayName("补录: a meeting held offline is recorded with its sign-in sheet and minutes, only when over and within the organiser's reach")
	void aMeetingHeldOfflineIsRecordedOnlyWhenOverAndWithinTheOrganisersReach() throws Exception {
		var branch1 = accounts.callerFor("branch1");
		long jsj01 = orgId("SFDX-JSJ-01");
		List<Long> people = members.membersIn(List.of(jsj01)).stream().map(MemberRef::id).limit(4).toList();
		Instant start = Instant.parse("2022-05-10T06:30:00Z");
		Instant end = start.plus(Duration.ofHours(1));
		List<Attendee> sheet = List.of(new Attendee(people.get(0), Turnout.ON_TIME, start.minusSeconds(300), null),
				new Attendee(people.get(1), Turnout.LATE, start.plusSeconds(600), null),
				new Attendee(people.get(2), Turnout.ON_LEAVE, null, "出差"),
				new Attendee(people.get(3), Turnout.ABSENT, null, null));
		long id = orglife.recordHeld(branch1, List.of(new HeldMeeting(jsj01, MeetingType.THEME_DAY, "补录测试", start, end, "会议室",
				null, sheet, "会议记录", null, end.plus(Duration.ofDays(1))))).get(0);

		assertThat(jdbc.sql("select recorded_after from meeting where id = ?").param(id).query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select count(*) from meeting_checkin where meeting_id = ?").param(id).query(Long.class).single())
			.isEqualTo(2);
		assertThat(jdbc.sql("select signed_off_by from meeting_minutes where meeting_id = ?").param(id).query(String.class)
			.single()).isEqualTo("branch1");
		assertThat(auditCount("meeting.record", "branch1")).isPositive();
		// each line of the sheet reaches that member's 纪实
		long entries = 0;
		for (int i = 0; i < 100 && entries < 4; i++) {
			entries = jdbc.sql("select count(*) from record_entry where source_type = 'meeting' and source_id = ?")
				.param(Long.toString(id)).query(Long.class).single();
			if (entries < 4) {
				Thread.sleep(100);
			}
		}
		assertThat(jdbc.sql("select kind from record_entry where source_type = 'meeting' and source_id = ? order by member_id")
			.param(Long.toString(id)).query(String.class).list())
			.containsExactlyInAnyOrder("MEETING_ATTENDED", "MEETING_ATTENDED", "MEETING_LEAVE", "MEETING_ABSENT");

		// not over yet, a sign-in after the start marked on time, someone of another branch: nothing is written
		Instant later = Instant.now().plus(Duration.ofHours(2));
		assertThatThrownBy(() -> orglife.recordHeld(branch1, List.of(new HeldMeeting(jsj01, MeetingType.THEME_DAY, "未结束", later,
				later.plus(Duration.ofHours(1)), null, null, sheet, "记录", null, null))))
			.isInstanceOf(FieldProblem.class);
		assertThatThrownBy(() -> orglife.recordHeld(branch1, List.of(new HeldMeeting(jsj01, MeetingType.THEME_DAY, "签到时间不对",
				start, end, null, null, List.of(new Attendee(people.get(0), Turnout.ON_TIME, start.plusSeconds(60), null)), "记录",
				null, null))))
			.isInstanceOf(FieldProblem.class);
		long elsewhere = members.membersIn(List.of(orgId("SFDX-JSJ-02"))).get(0).id();
		assertThatThrownBy(() -> orglife.recordHeld(branch1, List.of(new HeldMeeting(jsj01, MeetingType.THEME_DAY, "越权", start,
				end, null, null, List.of(new Attendee(elsewhere, Turnout.ON_TIME, start, null)), "记录", null, null))))
			.isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> orglife.recordHeld(accounts.callerFor("branch2"), List.of(new HeldMeeting(jsj01,
				MeetingType.THEME_DAY, "越权", start, end, null, null, sheet, "记录", null, null))))
			.isInstanceOf(OutOfScopeException.class);
		assertThat(jdbc.sql("select count(*) from meeting where topic in ('未结束', '签到时间不对', '越权')").query(Long.class).single())
			.isZero();
	}
}
