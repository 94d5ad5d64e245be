package cn.partybuilding.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/**
 * The kept year one row a branch (orglife_branch_year_held, V132) is always the branch's rows of orglife_branch_year
 * put together: after counting, after rows deleted by hand, after a rebuild. Keeps to the year 2018.
 */
class ComplianceYearHeldTest extends PlatformTest {

	@Autowired
	OrgLifeManagement orglife;

	@Autowired
	ComplianceCounts counts;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MemberDirectory members;

	@Autowired
	OrganizationScope scope;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Test
	@DisplayName("a branch's year kept in one row follows its rows per kind through counting, deletes and a rebuild")
	void theRowOfABranchYearFollowsItsRows() {
		Caller admin = accounts.callerFor("admin");
		long jsj02 = orgId("SFDX-JSJ-02");
		List<Long> all = members.membersIn(scope.subtree(jsj02)).stream().map(MemberRef::id).toList();
		held(admin, jsj02, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2018, 3, 8), all.subList(0, 2));
		held(admin, jsj02, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2018, 3, 20), all.subList(0, 2));
		held(admin, jsj02, MeetingType.BRANCH_COMMITTEE, LocalDate.of(2018, 5, 8), all.subList(0, 2));
		held(admin, jsj02, MeetingType.THEME_DAY, LocalDate.of(2018, 3, 9), all);

		assertThat(kept(jsj02)).isEqualTo(fromRows(jsj02))
			.isEqualTo("{BRANCH_COMMITTEE,THEME_DAY} {0,0} {{0,0,2,0,1,0,0,0,0,0,0,0},{0,0,1,0,0,0,0,0,0,0,0,0}}");

		jdbcTemplate.update("delete from orglife_branch_year where year = 2018 and branch_id = ? and type = 'THEME_DAY'", jsj02);
		assertThat(kept(jsj02)).isEqualTo(fromRows(jsj02)).isEqualTo("{BRANCH_COMMITTEE} {0} {{0,0,2,0,1,0,0,0,0,0,0,0}}");

		jdbcTemplate.update("delete from orglife_branch_year where year = 2018 and branch_id = ?", jsj02);
		assertThat(kept(jsj02)).isNull();

		counts.rebuild();
		assertThat(kept(jsj02)).isEqualTo(fromRows(jsj02))
			.isEqualTo("{BRANCH_COMMITTEE,THEME_DAY} {0,0} {{0,0,2,0,1,0,0,0,0,0,0,0},{0,0,1,0,0,0,0,0,0,0,0,0}}");
	}

	private void held(Caller who, long orgId, MeetingType type, LocalDate day, List<Long> invited) {
		Instant start = ZonedDateTime.of(day, LocalTime.of(14, 30), PlatformZone.ZONE).toInstant();
		List<Attendee> sheet = invited.stream().map(id -> new Attendee(id, Turnout.ON_TIME, start.minusSeconds(60), null)).toList();
		orglife.recordHeld(who, List.of(new HeldMeeting(orgId, type, "年度计数测试", start, start.plus(Duration.ofHours(1)), null,
				null, sheet, "会议记录", null, start.plus(Duration.ofDays(1)))));
	}

	/** The kept row of the branch's 2018 as text; null when there is none. */
	private String kept(long branch) {
		return jdbcTemplate.queryForList("""
				select types::text || ' ' || groups::text || ' ' || meetings::text from orglife_branch_year_held
				where year = 2018 and branch_id = ?""", String.class, branch).stream().findFirst().orElse(null);
	}

	/** The same put together from the branch's rows per kind and group. */
	private String fromRows(long branch) {
		return jdbcTemplate.queryForList("""
				select array_agg(type order by type, group_id)::text || ' ' || array_agg(group_id order by type, group_id)::text
				  || ' ' || array_agg(meetings order by type, group_id)::text
				from orglife_branch_year where year = 2018 and branch_id = ? having count(*) > 0""", String.class, branch)
			.stream().findFirst().orElse(null);
	}
}
