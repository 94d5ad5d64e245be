package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

/** Real .docx files made with POI, filled, opened again with POI and read. */
class DocxFillerTest {

	@Test
	void aPlaceholderWordSplitAcrossRunsIsFilledInTheFirstRunsFormatting() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFParagraph p = document.createParagraph();
		run(p, "姓名：", false, false);
		run(p, "{{na", true, false);
		run(p, "m", false, true);
		run(p, "e}}", false, false);
		run(p, " 同志", false, true);

		byte[] filled = DocxFiller.fill(bytes(document), Map.of("name", "张三"));

		try (XWPFDocument read = open(filled)) {
			XWPFParagraph paragraph = read.getParagraphs().get(0);
			assertThat(paragraph.getText()).isEqualTo("姓名：张三 同志");
			List<XWPFRun> runs = paragraph.getRuns();
			assertThat(runs).hasSize(3);
			assertThat(runs.get(0).text()).isEqualTo("姓名：");
			assertThat(runs.get(1).text()).isEqualTo("张三");
			assertThat(runs.get(1).isBold()).as("the first run of the placeholder keeps its formatting").isTrue();
			assertThat(runs.get(1).isItalic()).isFalse();
			assertThat(runs.get(2).isItalic()).as("a run the placeholder does not touch keeps its own").isTrue();
		}
	}

	@Test
	void placeholdersInTablesNestedTablesHeadersAndFootersAreFilled() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFTable table = document.createTable(1, 2);
		table.getRow(0).getCell(0).setText("姓名");
		table.getRow(0).getCell(1).setText("{{name}}");
		XWPFTable nested = table.getRow(0).getCell(1).insertNewTbl(
				table.getRow(0).getCell(1).getParagraphs().get(0).getCTP().newCursor());
		nested.createRow().createCell().setText("{{ branch }}");
		document.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun().setText("{{college}} 党委");
		document.createFooter(HeaderFooterType.DEFAULT).createParagraph().createRun().setText("打印日期 {{today}}");

		byte[] filled = DocxFiller.fill(bytes(document),
				Map.of("name", "李四", "branch", "计算机学院第一党支部", "college", "计算机学院", "today", "2025年3月1日"));

		try (XWPFDocument read = open(filled)) {
			String text = new XWPFWordExtractor(read).getText();
			assertThat(text).contains("李四", "计算机学院第一党支部", "计算机学院 党委", "打印日期 2025年3月1日").doesNotContain("{{");
			assertThat(read.getHeaderList().get(0).getText()).contains("计算机学院 党委");
			assertThat(read.getFooterList().get(0).getText()).contains("2025年3月1日");
		}
	}

	@Test
	void aPlaceholderWithoutAValueBecomesALineToWriteOnAndAnEmptyValueLeavesNothing() throws IOException {
		XWPFDocument document = new XWPFDocument();
		document.createParagraph().createRun().setText("谈话人：{{s02.actor}}；备注：{{s02.note}}；{{nonsense}}。");

		byte[] filled = DocxFiller.fill(bytes(document), Map.of("s02.note", ""));

		try (XWPFDocument read = open(filled)) {
			assertThat(read.getParagraphs().get(0).getText())
				.isEqualTo("谈话人：" + DocxFiller.BLANK + "；备注：；" + DocxFiller.BLANK + "。");
		}
	}

	@Test
	void valuesAreTextLineBreaksAndTabsAreWordsOwnAndWhatXmlCannotHoldIsDropped() throws IOException {
		XWPFDocument document = new XWPFDocument();
		document.createParagraph().createRun().setText("[{{a}}][{{b}}]");

		byte[] filled = DocxFiller.fill(bytes(document),
				Map.of("a", "<w:t>&amp; \"引号\" 'x' \u0001\u0007结束", "b", "第一行\r\n第二行\t缩进"));

		try (XWPFDocument read = open(filled)) {
			XWPFParagraph paragraph = read.getParagraphs().get(0);
			assertThat(paragraph.getText()).isEqualTo("[<w:t>&amp; \"引号\" 'x' 结束][第一行\n第二行\t缩进]");
			assertThat(paragraph.getRuns()).hasSize(1);
			assertThat(paragraph.getRuns().get(0).getCTR().sizeOfBrArray()).isEqualTo(1);
			assertThat(paragraph.getRuns().get(0).getCTR().sizeOfTabArray()).isEqualTo(1);
		}
	}

	@Test
	void severalPlaceholdersInOneParagraphAcrossRunsAreEachFilled() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFParagraph p = document.createParagraph();
		run(p, "{{s15.vote.yes}} / {", false, false);
		run(p, "{s15.vote.no}", false, false);
		run(p, "} 票；{{s15.vote.outcome}}", false, false);

		byte[] template = bytes(document);
		assertThat(DocxFiller.placeholders(template)).containsExactly("s15.vote.yes", "s15.vote.no", "s15.vote.outcome");
		byte[] filled = DocxFiller.fill(template, Map.of("s15.vote.yes", "30", "s15.vote.no", "2", "s15.vote.outcome", "通过"));

		try (XWPFDocument read = open(filled)) {
			assertThat(read.getParagraphs().get(0).getText()).isEqualTo("30 / 2 票；通过");
		}
	}

	@Test
	void textWithoutPlaceholdersIsLeftAsItWas() throws IOException {
		XWPFDocument document = new XWPFDocument();
		XWPFParagraph p = document.createParagraph();
		run(p, "单个花括号 {name} 与 {{ 不完整", true, false);
		run(p, "，以及 }} 结尾", false, true);

		byte[] filled = DocxFiller.fill(bytes(document), Map.of("name", "张三"));

		try (XWPFDocument read = open(filled)) {
			assertThat(read.getParagraphs().get(0).getText()).isEqualTo("单个花括号 {name} 与 {{ 不完整，以及 }} 结尾");
			assertThat(read.getParagraphs().get(0).getRuns()).hasSize(2);
		}
	}

	@Test
	void whatIsNotAWordDocumentIsRefused() {
		assertThatThrownBy(() -> DocxFiller.fill("not a docx".getBytes(), Map.of()))
			.isInstanceOf(IllegalArgumentException.class);
		List<String> none = new ArrayList<>(DocxFiller.placeholders(bytesQuietly(new XWPFDocument())));
		assertThat(none).isEmpty();
	}

	static void run(XWPFParagraph p, String text, boolean bold, boolean italic) {
		XWPFRun run = p.createRun();
		run.setText(text);
		run.setBold(bold);
		run.setItalic(italic);
	}

	static byte[] bytes(XWPFDocument document) throws IOException {
		try (document; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.write(out);
			return out.toByteArray();
		}
	}

	private static byte[] bytesQuietly(XWPFDocument document) {
		try {
			return bytes(document);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static XWPFDocument open(byte[] docx) throws IOException {
		return new XWPFDocument(new ByteArrayInputStream(docx));
	}
}
