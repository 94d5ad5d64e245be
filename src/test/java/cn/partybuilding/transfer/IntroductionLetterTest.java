package cn.partybuilding.transfer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.Base64;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.jayway.jsonpath.JsonPath;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import cn.partybuilding.shared.PlatformZone;

/** The printed introduction letter: read back as text, as a picture (its QR code) and as a Word file. */
class IntroductionLetterTest extends TransferTestBase {

	@Test
	void theLetterStatesNumberNamesAndDuesPaidUpToInTextThatExtractsWithItsOwnFont() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var self = login(person.username());
		// dues settled up to September 2026 (October open): the letter says 党费已交到 2026年9月
		jdbc.sql("""
				insert into dues_bill (member_id, month, organization_id, category, amount, rule_version_id, state, created_at)
				select ?, m, ?, 'STUDENT', 0.20, (select min(id) from dues_rule_version), s, now()
				from (values (date '2026-08-01', 'EXEMPT'), (date '2026-09-01', 'EXEMPT'), (date '2026-10-01', 'UNPAID')) v(m, s)""")
			.params(person.id(), orgId("SFDX-JSJ-01")).update();
		var branch1 = login("branch1");
		var admin = login("admin");
		long id = id(mvc.perform(post("/api/v1/transfers").with(branch1).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"memberId": %d, "kind": "OUTGOING", "toOrgName": "深圳某科技有限公司党委", "toOrgKind": "EMPLOYER",
					 "toOrgAddress": "深圳市南山区", "reason": "毕业到该公司工作"}""".formatted(person.id()))));
		// not issued yet: nothing to print
		assertThat(answer(branch1, "/api/v1/transfers/{id}/letter.pdf", id)).isEqualTo(400);
		act(login("college1"), id, "approve").andExpect(status().isOk());
		String issued = act(admin, id, "approve").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String number = JsonPath.read(issued, "$.letter.number");
		String code = JsonPath.read(issued, "$.letter.verifyCode");
		String name = JsonPath.read(issued, "$.memberName");
		String committee = jdbc.sql("select name from organization where code = 'SFDX'").query(String.class)
			.single();

		byte[] pdf = mvc.perform(get("/api/v1/transfers/{id}/letter.pdf", id).with(admin))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andExpect(header().string("Content-Disposition", Matchers.containsString(".pdf")))
			.andReturn().getResponse().getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getNumberOfPages()).isEqualTo(1);
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
			assertThat(text).contains("中国共产党党员组织关系介绍信（存根）", "中国共产党党员组织关系介绍信（回执）")
				.contains("第" + number + "号")
				.contains(name + "同志")
				.contains("深圳某科技有限公司党委")
				.contains(committee + "（盖章）")
				.contains("党费已交到2026年9月")
				.contains("身份证号码510104")
				.contains("验证码" + code);
			// every font the page uses travels inside the file: nothing depends on the reader's machine
			for (var fontName : document.getPage(0).getResources().getFontNames()) {
				PDFont font = document.getPage(0).getResources().getFont(fontName);
				assertThat(font.isEmbedded()).as(font.getName()).isTrue();
			}
			// the QR code on the printed page leads to the public verification page of this letter
			BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 200);
			int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
			String link = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
					new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)))).getText();
			assertThat(link).endsWith("/verify/letters/" + code);
		}

		byte[] docx = mvc.perform(get("/api/v1/transfers/{id}/letter.docx", id).with(self))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx));
				XWPFWordExtractor words = new XWPFWordExtractor(document)) {
			assertThat(words.getText()).contains("第 " + number + " 号").contains(name + " 同志").contains("党费已交到 2026年9月");
			assertThat(document.getAllPictures()).hasSize(1);
		}

		// every print is audited (the letter carries the ID-card number); others get the audited 404
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'transfer.letter.print' and entity_id = ?")
			.param(Long.toString(person.id())).query(Long.class).single()).isEqualTo(2);
		assertThat(answer(login("branch2"), "/api/v1/transfers/{id}/letter.pdf", id)).isEqualTo(404);
		assertThat(answer(login("branch2"), "/api/v1/transfers/{id}/letter.docx", id)).isEqualTo(404);

		// the 回执 comes back with a scan: a file that only calls itself a picture is refused and nothing is recorded
		var fake = new MockMultipartFile("scan", "回执.png", "image/png", "<script>".getBytes());
		mvc.perform(MockMvcRequestBuilders.multipart("/transfers/{id}/receipt", id)
			.file(fake).param("receiptNo", "HZ-9").param("receivedOn", LocalDate.now(PlatformZone.ZONE).toString()).with(admin).with(csrf()))
			.andExpect(MockMvcResultMatchers.flash()
				.attribute("error", Matchers.containsString("PDF")));
		assertThat(jdbc.sql("select state from transfer where id = ?").param(id).query(String.class).single()).isEqualTo("ISSUED");
		byte[] png = Base64.getDecoder().decode(
				"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
		mvc.perform(MockMvcRequestBuilders.multipart("/transfers/{id}/receipt", id)
			.file(new MockMultipartFile("scan", "回执.png", "image/png", png))
			.param("receiptNo", "HZ-9").param("receivedOn", LocalDate.now(PlatformZone.ZONE).toString()).with(admin).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select state from transfer where id = ?").param(id).query(String.class).single()).isEqualTo("RECEIPTED");
		mvc.perform(get("/api/v1/transfers/{id}/receipt-scan", id).with(branch1)).andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/png"));
		// only the committee files it; a stranger gets the audited 404
		mvc.perform(MockMvcRequestBuilders.multipart("/api/v1/transfers/{id}/receipt-scan", id)
			.file(new MockMultipartFile("file", "x.png", "image/png", png)).with(branch1).with(csrf().asHeader()))
			.andExpect(status().isForbidden());
		assertThat(answer(login("branch2"), "/api/v1/transfers/{id}/receipt-scan", id)).isEqualTo(404);
	}
}
