package cn.partybuilding.orglife;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.PlatformZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Minutes lock at sign-off; later changes are amendments, all kept; those who did not come are recorded. */
class MeetingMinutesTest extends PlatformTest {

	long absentee(long meeting, long except) {
		return jdbc.sql("select member_id from meeting_invitee where meeting_id = ? and member_id <> ? order by member_id limit 1")
			.params(List.of(meeting, except)).query(Long.class).single();
	}

	@Test
	void minutesLockAtSignOffAndAmendmentsAreKept() throws Exception {
		var branch1 = login("branch1");
		Instant now = Instant.now();
		// entered after it took place: 补录
		String answer = mvc.perform(post("/api/v1/meetings").with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "BRANCH_ASSEMBLY", "topic": "接收预备党员", "startAt": "%s", "endAt": "%s",
					 "invitees": {"scope": "BRANCH"}}""".formatted(orgId("SFDX-JSJ-01"), now.minusSeconds(7200), now.minusSeconds(3600))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.recordedAfter").value(true))
			.andReturn().getResponse().getContentAsString();
		long meeting = ((Number) JsonPath.read(answer, "$.id")).longValue();
		long member1 = jdbc.sql("select id from member where staff_number = 'member1'").query(Long.class).single();
		mvc.perform(post("/api/v1/meetings/{id}/checkins/manual", meeting).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"memberId\": " + member1 + "}")).andExpect(status().isCreated());

		mvc.perform(post("/api/v1/meetings/{id}/minutes/sign-off", meeting).with(branch1).with(csrf().asHeader()))
			.andExpect(status().isBadRequest());
		mvc.perform(put("/api/v1/meetings/{id}/minutes", meeting).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"会议讨论接收李某为预备党员\", \"resolutions\": \"同意接收\"}"))
			.andExpect(status().isOk());
		mvc.perform(post("/api/v1/meetings/{id}/minutes/sign-off", meeting).with(branch1).with(csrf().asHeader()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.signedOffBy").value("branch1"));
		mvc.perform(put("/api/v1/meetings/{id}/minutes", meeting).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"改过的记录\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(Matchers.containsString("已签发")));
		mvc.perform(post("/api/v1/meetings/{id}/minutes/amendments", meeting).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\": \"会议讨论接收李某为预备党员，表决通过\", \"reason\": \"补记表决结果\"}"))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/meetings/{id}/minutes", meeting).with(branch1))
			.andExpect(jsonPath("$.text").value("会议讨论接收李某为预备党员"))
			.andExpect(jsonPath("$.amendments[0].reason").value("补记表决结果"));
		assertThatThrownBy(() -> jdbc.sql("delete from meeting_minutes_amendment where meeting_id = ?").param(meeting).update())
			.isInstanceOf(DataAccessException.class);
		mvc.perform(get("/api/v1/meetings/{id}/minutes", meeting).with(login("branch2"))).andExpect(status().isNotFound());
		// the attendance list is part of what was signed off
		long someoneElse = jdbc.sql("select member_id from meeting_invitee where meeting_id = ? and member_id <> ? limit 1")
			.params(List.of(meeting, member1)).query(Long.class).single();
		mvc.perform(post("/api/v1/meetings/{id}/checkins/manual", meeting).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"memberId\": " + someoneElse + "}"))
			.andExpect(status().isBadRequest());

		// the year's statistics come from the same facts
		int year = LocalDate.now(PlatformZone.ZONE).getYear();
		mvc.perform(get("/api/v1/members/{id}/attendance", absentee(meeting, member1)).param("year", Integer.toString(year)).with(branch1))
			.andExpect(jsonPath("$.absent").value(Matchers.greaterThanOrEqualTo(1)));
		mvc.perform(get("/api/v1/me/attendance").with(login("member1")))
			.andExpect(jsonPath("$.late").value(Matchers.greaterThanOrEqualTo(1)));
		mvc.perform(get("/api/v1/members/{id}/attendance", member1).with(login("branch2"))).andExpect(status().isNotFound());
		mvc.perform(get("/orglife/attendance.xlsx").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch1))
			.andExpect(status().isOk());

		// the others were absent, and their 纪实 says so; member1's says they attended
		long absentee = jdbc.sql("select member_id from meeting_invitee where meeting_id = ? and member_id <> ? limit 1")
			.params(List.of(meeting, member1)).query(Long.class).single();
		long until = System.currentTimeMillis() + 20_000;
		while (jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'MEETING_ABSENT' and source_id = ?")
			.params(List.of(absentee, Long.toString(meeting))).query(Long.class).single() == 0 && System.currentTimeMillis() < until) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind = 'MEETING_ABSENT' and source_id = ?")
			.params(List.of(absentee, Long.toString(meeting))).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from record_entry where member_id = ? and kind like 'MEETING_%' and source_id = ?")
			.params(List.of(member1, Long.toString(meeting))).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void attachmentsAreCheckedByTheirBytesAndFixedWithTheSignedOffMinutes() throws Exception {
		var branch1 = login("branch1");
		Instant now = Instant.now();
		String answer = mvc.perform(post("/api/v1/meetings").with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orgId": %d, "type": "THEME_DAY", "topic": "附件测试", "startAt": "%s", "endAt": "%s",
					 "invitees": {"scope": "BRANCH"}}""".formatted(orgId("SFDX-JSJ-01"), now.minusSeconds(7200), now.minusSeconds(3600))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long meeting = ((Number) JsonPath.read(answer, "$.id")).longValue();

		var png = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
		var docx = new ByteArrayOutputStream();
		try (var doc = new XWPFDocument()) {
			doc.createParagraph().createRun().setText("签到表");
			doc.write(docx);
		}
		String pngId = upload(branch1, meeting, "现场.png", png.toByteArray(), 201);
		upload(branch1, meeting, "签到表.docx", docx.toByteArray(), 201);
		upload(branch1, meeting, "照片.jpg", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8), 400);
		mvc.perform(get("/api/v1/meetings/{id}/attachments/{a}", meeting, pngId).with(branch1))
			.andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().contentType("image/png"));
		mvc.perform(get("/api/v1/meetings/{id}/attachments/{a}", meeting, pngId).with(login("branch2"))).andExpect(status().isNotFound());

		// on the page: the list, and a refusal said in words
		mvc.perform(MockMvcRequestBuilders.multipart("/meetings/{id}/attachments", meeting)
			.file(new MockMultipartFile("file", "照片.jpg", "image/jpeg", "MZ not a photo".getBytes()))
			.with(branch1).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(MockMvcResultMatchers.flash()
				.attribute("attachmentError", Matchers.containsString("按内容识别")));
		mvc.perform(get("/meetings/{id}", meeting).with(branch1))
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.allOf(Matchers.containsString("现场.png"),
						Matchers.containsString("签到表.docx"), Matchers.containsString("data-max-bytes"))));
		mvc.perform(put("/api/v1/meetings/{id}/minutes", meeting).with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"记录\"}")).andExpect(status().isOk());
		mvc.perform(post("/api/v1/meetings/{id}/minutes/sign-off", meeting).with(branch1).with(csrf().asHeader()))
			.andExpect(status().isOk());
		upload(branch1, meeting, "补充.png", png.toByteArray(), 400);
		mvc.perform(get("/api/v1/meetings/{id}/attachments", meeting).with(branch1))
			.andExpect(jsonPath("$.length()").value(2));
		mvc.perform(get("/meetings/{id}", meeting).with(branch1))
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.not(Matchers.containsString("attachment-file"))));
	}

	String upload(RequestPostProcessor who, long meeting, String name, byte[] bytes,
			int expected) throws Exception {
		String body = mvc.perform(MockMvcRequestBuilders
			.multipart("/api/v1/meetings/{id}/attachments", meeting)
			.file(new MockMultipartFile("file", name, "application/octet-stream", bytes))
			.with(who).with(csrf().asHeader()))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
		return expected == 201 ? JsonPath.read(body, "$.id").toString() : null;
	}
}
