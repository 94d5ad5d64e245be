package cn.partybuilding.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import cn.partybuilding.PlatformTest;

class CertificatesTest extends PlatformTest {

	@Autowired
	Certificates certificates;

	private IssuedCertificate issueToMember1(long subject) {
		long account = jdbc.sql("select id from account where username = 'member1'").query(Long.class).single();
		return certificates.issue(new NewCertificate("COURSE", subject, account, null, "赵红梅", orgId("SFDX-JSJ-01"),
				"学习贯彻党的二十大精神", "完成全部 3 章", Instant.parse("2026-11-20T02:00:00Z")));
	}

	@Test
	void aCertificateIsIssuedOncePerHolderAndSubject() {
		long subject = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
		IssuedCertificate first = issueToMember1(subject);
		IssuedCertificate again = issueToMember1(subject);
		assertThat(again).isEqualTo(first);
		assertThat(first.code()).matches("[2-9A-Z]{12}");
		assertThat(first.pdfPath()).isEqualTo("/certificates/" + first.code() + ".pdf");
		assertThat(certificates.find("COURSE", subject, jdbc.sql("select id from account where username = 'member1'")
			.query(Long.class).single())).contains(first);
		assertThat(certificates.find("TRAINING", subject, 1)).isEmpty();
	}

	@Test
	void theHolderAndTheIssuersManagersDownloadThePdfAndNobodyElse() throws Exception {
		IssuedCertificate issued = issueToMember1(ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE));
		byte[] pdf = mvc.perform(get(issued.pdfPath()).with(login("member1")))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_PDF))
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("certificate-" + issued.code())))
			.andReturn().getResponse().getContentAsByteArray();
		try (PDDocument read = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(read);
			assertThat(text).contains("课程结业证书", "赵红梅", "学习贯彻党的二十大精神", "完成全部 3 章", "2026年11月20日",
					issued.code().substring(0, 4) + "-", "/verify/certificates/" + issued.code());
		}
		mvc.perform(get(issued.pdfPath()).with(login("branch1"))).andExpect(status().isOk());
		mvc.perform(get(issued.pdfPath()).with(login("college1"))).andExpect(status().isOk());
		String denied = "select count(*) from audit_event where action = 'access.denied' and entity_type = 'certificate' and entity_id = ?";
		long before = jdbc.sql(denied).param(issued.code()).query(Long.class).single();
		mvc.perform(get(issued.pdfPath()).with(login("member2"))).andExpect(status().isNotFound());
		mvc.perform(get(issued.pdfPath()).with(login("branch2"))).andExpect(status().isNotFound());
		assertThat(jdbc.sql(denied).param(issued.code()).query(Long.class).single()).isEqualTo(before + 2);
		mvc.perform(get("/certificates/NOTACODE.pdf").with(login("member1"))).andExpect(status().isNotFound());
	}

	@Test
	void anyoneChecksACodeAndSeesOnlyAMaskedName() throws Exception {
		IssuedCertificate issued = issueToMember1(ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE));
		String page = mvc.perform(get("/verify/certificates/{code}", issued.code()).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("证书真实有效", "赵*梅", "学习贯彻党的二十大精神", "课程结业证书").doesNotContain("赵红梅");
		String typed = issued.code().substring(0, 4).toLowerCase() + " " + issued.code().substring(4, 8) + "-"
				+ issued.code().substring(8);
		mvc.perform(get("/verify/certificates").param("code", typed).accept(MediaType.TEXT_HTML))
			.andExpect(redirectedUrl("/verify/certificates/" + issued.code()));
		mvc.perform(get("/verify/certificates/{code}", "ABCDEFGHJKMN").accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotFound())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("查无此证书")));
		mvc.perform(get("/verify/certificates").accept(MediaType.TEXT_HTML)).andExpect(status().isOk());
	}

	@Test
	void theHolderFindsTheirCertificatesOnTheirOwnPage() throws Exception {
		IssuedCertificate issued = issueToMember1(ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE));
		assertThat(mvc.perform(get("/me/certificates").with(login("member1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains(issued.code(), issued.pdfPath());
		assertThat(mvc.perform(get("/me/certificates").with(login("member2"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).doesNotContain(issued.code());
	}
}
