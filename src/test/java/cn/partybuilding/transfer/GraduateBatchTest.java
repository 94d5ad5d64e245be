package cn.partybuilding.transfer;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.jayway.jsonpath.JsonPath;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** 毕业生批量转出: destinations per graduate, letters in the background, one ZIP and one merged PDF. */
class GraduateBatchTest extends TransferTestBase {

	private ResultActions startBatch(RequestPostProcessor who, String body) throws Exception {
		return mvc.perform(post("/api/v1/transfers/graduate-batches").with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	@Test
	void theCommitteeSendsTheYearsGraduatesOnWithLettersPrintedInTheBackgroundAndKeepsThoseStaying() throws Exception {
		Person a = member("SFDX-JSJ-01", 2031);
		Person b = member("SFDX-JSJ-01", 2031);
		Person c = member("SFDX-JSJ-01", 2031);
		member("SFDX-JSJ-01", 2032); // another year: not listed
		var admin = login("admin");
		mvc.perform(get("/api/v1/transfers/graduates").param("year", "2031").with(login("branch1")))
			.andExpect(jsonPath("$[*].memberId").value(Matchers.containsInAnyOrder((int) a.id(), (int) b.id(), (int) c.id())));
		// narrowed to another college: none of them
		mvc.perform(get("/transfers/graduates").param("year", "2031").param("orgId", Long.toString(orgId("SFDX-JX"))).with(admin))
			.andExpect(status().isOk()).andExpect(MockMvcResultMatchers.content()
				.string(Matchers.not(Matchers.containsString("pick-" + a.id()))));
		mvc.perform(get("/transfers/graduates").param("year", "2031").with(admin)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.allOf(Matchers.containsString("pick-" + a.id()), Matchers.containsString("dest-" + c.id()))));
		String body = """
				{"graduationYear": 2031, "graduates": [
				  {"memberId": %d, "destination": "EMPLOYER", "toOrgName": "杭州某网络公司党委", "toOrgAddress": "杭州市西湖区"},
				  {"memberId": %d, "destination": "TALENT_CENTER", "toOrgName": "成都市人才服务中心党委"},
				  {"memberId": %d, "destination": "STAY", "stayOrgId": %d, "contactName": "李老师", "contactPhone": "028-1234567"}]}"""
			.formatted(a.id(), b.id(), c.id(), orgId("SFDX-JSJ-02"));
		// not the committee: the letters are not theirs to issue
		startBatch(login("branch1"), body).andExpect(status().isForbidden());
		startBatch(login("college1"), body).andExpect(status().isForbidden());
		// every row checked first, nothing done when one is wrong
		startBatch(admin, body.replace("\"contactName\": \"李老师\", ", "").replace("成都市人才服务中心党委", ""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("graduates[1].toOrgName",
					"graduates[2].contactName")));
		assertThat(jdbc.sql("select count(*) from transfer where member_id in (?, ?, ?)").params(a.id(), b.id(), c.id())
			.query(Long.class).single()).isZero();

		String started = startBatch(admin, body).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.staying").value(1))
			.andReturn().getResponse().getContentAsString();
		long batch = ((Number) JsonPath.read(started, "$.id")).longValue();
		String state = "RUNNING";
		long deadline = System.currentTimeMillis() + 30_000;
		while ("RUNNING".equals(state) && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			state = JsonPath.read(mvc.perform(get("/api/v1/transfers/graduate-batches/{id}", batch).with(admin))
				.andReturn().getResponse().getContentAsString(), "$.state");
		}
		assertThat(state).isEqualTo("DONE");
		// each transfer is its own: issued, with a letter and a verification code
		assertThat(jdbc.sql("select count(*) from transfer where batch_id = ? and state = 'ISSUED' and verify_code is not null")
			.param(batch).query(Long.class).single()).isEqualTo(2);
		// the one staying is kept in the named branch, with the contact person, and moved there
		assertThat(jdbc.sql("select contact_name from graduate_stay where member_id = ?").param(c.id()).query(String.class).single())
			.isEqualTo("李老师");
		assertThat(jdbc.sql("select organization_id from member where id = ?").param(c.id()).query(Long.class).single())
			.isEqualTo(orgId("SFDX-JSJ-02"));
		// no longer candidates
		mvc.perform(get("/api/v1/transfers/graduates").param("year", "2031").with(admin)).andExpect(jsonPath("$.length()").value(0));

		byte[] zip = mvc.perform(get("/api/v1/transfers/graduate-batches/{id}/letters.zip", batch).with(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		List<String> names = new ArrayList<>();
		StringBuilder texts = new StringBuilder();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
				names.add(entry.getName());
				try (PDDocument pdf = Loader.loadPDF(in.readAllBytes())) {
					texts.append(new PDFTextStripper().getText(pdf).replaceAll("\\s+", ""));
				}
			}
		}
		assertThat(names).hasSize(2).allMatch(n -> n.startsWith("介绍信-") && n.endsWith(".pdf"));
		assertThat(texts.toString()).contains("杭州某网络公司党委", "成都市人才服务中心党委");
		byte[] merged = mvc.perform(get("/api/v1/transfers/graduate-batches/{id}/letters.pdf", batch).with(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (PDDocument pdf = Loader.loadPDF(merged)) {
			assertThat(pdf.getNumberOfPages()).isEqualTo(2);
		}
		// another committee's or a branch's view: the audited 404 for the files of a batch it does not cover
		assertThat(answer(login("branch2"), "/api/v1/transfers/graduate-batches/{id}/letters.zip", batch)).isEqualTo(404);
		// the pages: the list with its batches, the batch with its downloads
		mvc.perform(get("/transfers/graduates").param("year", "2031").with(admin)).andExpect(status().isOk());
		mvc.perform(get("/transfers/graduate-batches/{id}", batch).with(admin)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content()
				.string(Matchers.containsString("letters.pdf")));
	}

	@Test
	void onThePageARefusedBatchComesBackTickedAndTypedWithEachRowsProblemBesideIt() throws Exception {
		Person a = member("SFDX-JSJ-01", 2034);
		Person b = member("SFDX-JSJ-01", 2034);
		Person c = member("SFDX-JSJ-01", 2034);
		var admin = login("admin");
		mvc.perform(get("/transfers/graduates").param("year", "2034").with(admin)).andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.content().string(Matchers.allOf(Matchers.containsString("pick-" + a.id()),
					Matchers.containsString("dest-" + b.id()), Matchers.containsString("name=\"defaults.toOrgName\""))));
		// b goes to an employer with no name, here or in the defaults: refused, beside b's row, the rest as typed
		mvc.perform(post("/transfers/graduates").with(admin).with(csrf()).param("year", "2034")
			.param("defaults.destination", "EMPLOYER").param("defaults.toOrgName", "")
			.param("rows[0].memberId", Long.toString(a.id())).param("rows[0].picked", "true").param("rows[0].toOrgName", "某公司党委")
			.param("rows[1].memberId", Long.toString(b.id())).param("rows[1].picked", "true")
			.param("rows[2].memberId", Long.toString(c.id())).param("_rows[2].picked", "on"))
			.andExpect(status().isOk())
			.andExpect(MockMvcResultMatchers.model().attributeHasFieldErrors("form", "rows[1].toOrgName"))
			.andExpect(MockMvcResultMatchers.content().string(Matchers.containsString("value=\"某公司党委\"")));
		assertThat(jdbc.sql("select count(*) from transfer where member_id in (?, ?, ?)").params(a.id(), b.id(), c.id())
			.query(Long.class).single()).isZero();
		// both kept at the school in their own branch, c left out: done at once, c still to come
		String batch = mvc.perform(post("/transfers/graduates").with(admin).with(csrf()).param("year", "2034")
			.param("defaults.destination", "STAY").param("defaults.stayOrgId", Long.toString(orgId("SFDX-JSJ-01")))
			.param("defaults.contactName", "李老师")
			.param("rows[0].memberId", Long.toString(a.id())).param("rows[0].picked", "true")
			.param("rows[1].memberId", Long.toString(b.id())).param("rows[1].picked", "true")
			.param("rows[2].memberId", Long.toString(c.id())).param("_rows[2].picked", "on"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(batch).matches("/transfers/graduate-batches/\\d+");
		assertThat(jdbc.sql("select count(*) from graduate_stay where member_id in (?, ?)").params(a.id(), b.id())
			.query(Long.class).single()).isEqualTo(2);
		mvc.perform(get("/api/v1/transfers/graduates").param("year", "2034").with(admin))
			.andExpect(jsonPath("$[*].memberId").value(Matchers.contains((int) c.id())));
	}
}
