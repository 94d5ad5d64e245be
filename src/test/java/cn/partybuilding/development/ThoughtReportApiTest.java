package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.partybuilding.PlatformTest;

/** 思想汇报: the person hands one in per period, the 联系人 and the branch write the 考察意见, missing ones are 待办. */
class ThoughtReportApiTest extends PlatformTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	Clock clock;

	private RequestPostProcessor branch;

	private RequestPostProcessor college;

	/** An activist of branch1 (confirmed 17 months ago) with a 培养联系人; their own session. */
	private record Activist(long id, String name, RequestPostProcessor session, long contactMemberId,
			RequestPostProcessor contact) {
	}

	private Activist activist() throws Exception {
		branch = login("branch1");
		college = login("college1");
		LocalDate today = LocalDate.now(clock);
		LocalDate applied = today.minusMonths(18);
		String staff = unique("R");
		String name = "汇报人" + staff.substring(1, 5);
		var created = DevelopmentFixtures.apply(mvc, branch, orgId("SFDX-JSJ-01"), staff, name, applied);
		long id = created.get("id").asLong();
		step(branch, id, 2, applied.plusDays(10), "note", "谈话");
		step(branch, id, 3, applied.plusDays(20), "note", "党员推荐");
		step(college, id, 4, applied.plusDays(25));
		// a full member of the branch who holds no branch role: the 联系人 sees the person only as their 联系人
		long contact = jdbc.sql("""
				select m.id from member m join account a on a.id = m.account_id
				where m.organization_id = ? and m.status = 'FULL' and m.departed_on is null
				  and not exists (select 1 from account_grant g where g.account_id = a.id and g.role <> 'MEMBER')
				order by m.id limit 1""").param(orgId("SFDX-JSJ-01")).query(Long.class).single();
		step(branch, id, 5, applied.plusDays(26), "memberIds", List.of(contact));
		jdbc.sql("update account set must_change_password = false where username in (?, "
				+ "(select a.username from account a join member m on m.account_id = a.id where m.id = ?))")
			.params(staff, contact).update();
		String contactUser = jdbc.sql("select a.username from account a join member m on m.account_id = a.id where m.id = ?")
			.param(contact).query(String.class).single();
		return new Activist(id, name, login(staff, created.get("initialPassword").asText()), contact, login(contactUser));
	}

	private void step(RequestPostProcessor who, long id, int step, LocalDate date, Object... more) throws Exception {
		DevelopmentFixtures.done(mvc, who, id, step, date, more);
	}

	private ResultActions write(RequestPostProcessor who, Map<String, Object> body) throws Exception {
		return mvc.perform(post("/api/v1/development/me/reports").with(csrf()).with(who)
			.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
	}

	private static byte[] pdf() throws Exception {
		try (PDDocument doc = new PDDocument(); var out = new ByteArrayOutputStream()) {
			doc.addPage(new PDPage());
			doc.save(out);
			return out.toByteArray();
		}
	}

	@Test
	void anActivistHandsInOnePerPeriodAndTheContactWritesTheOpinion() throws Exception {
		Activist a = activist();
		ReportPeriods periods = new ReportPeriods(3);
		LocalDate today = LocalDate.now(clock);
		ReportPeriods.Period current = periods.of(today);
		ReportPeriods.Period last = periods.lastEnded(today);

		// the last ended period is missing: on the 联系人's and the branch's 待办
		mvc.perform(get("/api/v1/development/me/reports").with(a.session()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.maySubmit").value(true))
			.andExpect(jsonPath("$.periods[0].state").value("CURRENT"))
			.andExpect(jsonPath("$.periods[1].start").value(last.start().toString()))
			.andExpect(jsonPath("$.periods[1].state").value("MISSING"));
		assertThat(mvc.perform(get("/").with(a.contact())).andReturn().getResponse().getContentAsString()).contains(a.name());
		assertThat(mvc.perform(get("/").with(branch)).andReturn().getResponse().getContentAsString())
			.contains("未交 " + last.start() + " 至 " + last.end() + " 的思想汇报");

		write(a.session(), Map.of("body", "本季度我认真学习了党章。")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.periodStart").value(current.start().toString()));
		write(a.session(), Map.of("body", "再交一次")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("period"));
		write(a.session(), Map.of("body", "下一期", "period", periods.after(current).start().toString()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("period"));
		write(a.session(), Map.of("body", "积极分子之前", "period", today.minusMonths(19).toString()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("period"));
		write(a.session(), Map.of("body", " ")).andExpect(status().isBadRequest());

		// a script renamed .pdf is refused by its bytes; a real PDF for the missed period is taken late
		mvc.perform(multipart("/api/v1/development/me/reports").file(new MockMultipartFile("file", "汇报.pdf",
				"application/pdf", "<script>alert(1)</script>".getBytes())).param("period", last.start().toString())
				.with(csrf()).with(a.session()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		byte[] pdf = pdf();
		String json = mvc.perform(multipart("/api/v1/development/me/reports").file(new MockMultipartFile("file",
				"思想汇报.pdf", "application/pdf", pdf)).param("period", last.start().plusDays(20).toString())
				.with(csrf()).with(a.session()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.periodStart").value(last.start().toString()))
			.andExpect(jsonPath("$.fileName").value("思想汇报.pdf"))
			.andReturn().getResponse().getContentAsString();
		long reportId = JSON.readTree(json).get("id").asLong();
		assertThat(mvc.perform(get("/").with(a.contact())).andReturn().getResponse().getContentAsString()).doesNotContain(a.name());

		// the branch opens the scan; it is the PDF handed in
		byte[] back = mvc.perform(get("/api/v1/development/people/{id}/reports/{r}/file", a.id(), reportId).with(branch))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andReturn().getResponse().getContentAsByteArray();
		try (PDDocument doc = Loader.loadPDF(back)) {
			assertThat(doc.getNumberOfPages()).isEqualTo(1);
		}

		// the 联系人 (no branch role) writes the 考察意见; the person cannot; another college does not see it
		mvc.perform(post("/api/v1/development/people/{id}/reports/{r}/opinion", a.id(), reportId).with(csrf())
				.with(a.contact()).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("opinion", "思想认识有提高，学习主动。"))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.opinion").value("思想认识有提高，学习主动。"));
		mvc.perform(post("/api/v1/development/people/{id}/reports/{r}/opinion", a.id(), reportId).with(csrf())
				.with(a.session()).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("opinion", "自评"))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/development/people/{id}/reports/{r}/opinion", a.id(), reportId).with(csrf())
				.with(branch).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("opinion", ""))))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("opinion"));
		RequestPostProcessor other = login("branch2");
		mvc.perform(get("/api/v1/development/people/{id}/reports", a.id()).with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/development/people/{id}/reports/{r}/file", a.id(), reportId).with(other))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/development/people/{id}/reports", a.id()).with(branch))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mayAssess").value(true))
			.andExpect(jsonPath("$.periods[1].report.opinionName").isNotEmpty());
		assertThat(jdbc.sql("select count(*) from audit_event where action like 'development.report%' and entity_id = ?")
			.param(Long.toString(a.id())).query(Long.class).single()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void thePagesShowThePeriodsTheFormAndTheMissingList() throws Exception {
		Activist a = activist();
		mvc.perform(get("/development/me/reports").with(a.session()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"report-form\"")));
		// an empty report comes back with the message beside the field
		mvc.perform(multipart("/development/me/reports").param("body", "").with(csrf()).with(a.session()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请撰写汇报内容")));
		mvc.perform(multipart("/development/me/reports").param("body", "在线撰写的汇报").with(csrf()).with(a.session()))
			.andExpect(status().is3xxRedirection());
		long reportId = jdbc.sql("select id from development_report where applicant_id = ?").param(a.id())
			.query(Long.class).single();
		mvc.perform(get("/development/people/{id}/reports", a.id()).with(a.contact()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("在线撰写的汇报")));
		mvc.perform(post("/development/people/{id}/reports/{r}/opinion", a.id(), reportId).param("opinion", "")
				.with(csrf()).with(branch))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请填写考察意见")));
		mvc.perform(post("/development/people/{id}/reports/{r}/opinion", a.id(), reportId).param("opinion", "表现良好")
				.with(csrf()).with(branch))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/development/reports/missing").param("orgId", Long.toString(orgId("SFDX-JSJ-01"))).with(branch))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(a.name())));
		mvc.perform(get("/development/reports/missing").param("orgId", Long.toString(orgId("SFDX-JSJ-01")))
				.with(login("branch2")))
			.andExpect(status().isNotFound());
	}
}
