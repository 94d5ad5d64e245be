package cn.partybuilding.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

class TrainingPagesTest extends PlatformTest {

	@Test
	void theOrganiserOrganisesAClassForTheTeacherBranchSecretariesAndRecordsAttendanceByHand() throws Exception {
		var admin = login("admin");
		mvc.perform(get("/training/classes").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("教工党支部书记")));
		mvc.perform(get("/training/classes/new").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("sessions[4].startAt")));
		DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
		LocalDateTime start = LocalDateTime.now(PlatformZone.ZONE).minusHours(1).withSecond(0).withNano(0);
		// a mistake comes back beside its field, the input kept
		mvc.perform(post("/training/classes").with(admin).with(csrf())
			.param("orgId", Long.toString(orgId("SFDX"))).param("title", "秋季书记轮训").param("requiredHours", "3")
			.param("audience", "SECRETARIES")
			.param("sessions[0].startAt", start.format(f)).param("sessions[0].endAt", start.minusHours(1).format(f))
			.param("sessions[0].place", "党校").param("sessions[0].hours", "3"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("结束时间须晚于开始时间")))
			.andExpect(content().string(Matchers.containsString("秋季书记轮训")));
		var created = mvc.perform(post("/training/classes").with(admin).with(csrf())
			.param("orgId", Long.toString(orgId("SFDX"))).param("title", "秋季书记轮训").param("requiredHours", "3")
			.param("audience", "SECRETARIES")
			.param("sessions[0].startAt", start.format(f)).param("sessions[0].endAt", start.plusHours(3).format(f))
			.param("sessions[0].place", "党校").param("sessions[0].hours", "3"))
			.andExpect(status().is3xxRedirection()).andReturn();
		String detail = created.getResponse().getRedirectedUrl();
		assertThat(detail).matches("/training/classes/\\d+");
		long classId = Long.parseLong(detail.substring(detail.lastIndexOf('/') + 1));
		// the audience: the demo's teacher-branch secretaries who are members (张伟, 刘洋)
		String page = mvc.perform(get(detail).with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("张伟")))
			.andExpect(content().string(Matchers.containsString("刘洋")))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("/screen");
		long session = jdbc.sql("select id from training_session where class_id = ?").param(classId).query(Long.class).single();
		long zhang = jdbc.sql("""
				select a.member_id from training_audience a join member m on m.id = a.member_id
				where a.class_id = ? and m.name = '张伟'""").param(classId).query(Long.class).single();
		mvc.perform(post("/training/sessions/{id}/attendance", session).with(admin).with(csrf())
			.param("memberId", Long.toString(zhang)))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get(detail).with(admin)).andExpect(content().string(Matchers.containsString("✓ 代签")));
		assertThat(jdbc.sql("select count(*) from training_completion where class_id = ? and member_id = ?")
			.params(java.util.List.of(classId, zhang)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void theCommitteeSeesWhoLacksTheHoursAndTheDualLeaderShareAndExportsIt() throws Exception {
		var admin = login("admin");
		int year = LocalDate.now(PlatformZone.ZONE).getYear();
		mvc.perform(get("/training/hours").with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("刘洋")))
			.andExpect(content().string(Matchers.containsString("dual-leader-chart")))
			.andExpect(content().string(Matchers.containsString("计算机科学与技术学院党委")));
		byte[] sheet = mvc.perform(get("/training/hours.xlsx").param("year", Integer.toString(year)).with(admin))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", Matchers.containsString("attachment")))
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
			var rows = book.getSheetAt(0);
			boolean liu = false;
			boolean zhang = false;
			for (int r = 1; r <= rows.getLastRowNum(); r++) {
				String name = rows.getRow(r).getCell(1).getStringCellValue();
				liu |= name.equals("刘洋") && rows.getRow(r).getCell(4).getStringCellValue().equals("未完成");
				zhang |= name.equals("张伟") && rows.getRow(r).getCell(4).getStringCellValue().equals("已完成");
			}
			assertThat(liu).isTrue();
			assertThat(zhang).isTrue();
		}
		// the organisation page: beside the 双带头人 flag, the secretary's hours this year
		mvc.perform(get("/organizations/{id}", orgId("SFDX-JSJ-01")).with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString(" / 32 学时（已完成）")));
		mvc.perform(get("/organizations/{id}", orgId("SFDX-JX-01")).with(admin)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("学时（未完成）")));
		// another college's secretary reaches only their own
		mvc.perform(get("/training/hours").param("orgId", Long.toString(orgId("SFDX-JSJ"))).with(login("branch2")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aMemberSeesTheirClassesAndHoursOnThePhone() throws Exception {
		// 张伟, the demo's branch1 secretary, as a member (staff number T-SEC-JSJ01)
		var zhang = login("T-SEC-JSJ01");
		mvc.perform(get("/me/training").with(zhang)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("教工党支部书记")))
			.andExpect(content().string(Matchers.containsString("my-hours")))
			.andExpect(content().string(Matchers.containsString("certificate-link")));
		mvc.perform(get("/").with(zhang)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("card-training")));
		mvc.perform(get("/me/training").with(login("member1"))).andExpect(status().isOk());
		// their profile, for themselves and for the committee: the year's hours against a secretary's requirement
		mvc.perform(get("/me/profile").with(zhang)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("支部书记每年应完成 32 学时；双带头人")));
		long liu = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where a.username = 'T-SEC-JX01'")
			.query(Long.class).single();
		mvc.perform(get("/members/{id}", liu).with(login("admin"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("年培训学时：16 / 32")));
	}
}
