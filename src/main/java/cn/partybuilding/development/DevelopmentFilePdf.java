package cn.partybuilding.development;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntFunction;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import cn.partybuilding.shared.PdfText;

/**
 * A person's whole development file as one PDF (材料归档): who and where, the 25 steps in a table, the
 * attachments by name, in the fonts of {@link PdfText} (as the transfer letters).
 */
final class DevelopmentFilePdf {

	private DevelopmentFilePdf() {
	}

	static byte[] write(DocumentFacts facts, List<String> attachmentNames, IntFunction<String> stepName, String stageLabel,
			LocalDate today) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 40, 40, 40, 40);
		try {
			PdfWriter writer = PdfWriter.getInstance(document, out);
			writer.setCompressionLevel(6);
			document.addTitle("发展党员材料 " + facts.name());
			document.open();
			Paragraph title = paragraph("发展党员工作材料（" + facts.name() + "）", 15, Font.BOLD);
			title.setAlignment(Element.ALIGN_CENTER);
			title.setSpacingAfter(8);
			document.add(title);

			PdfPTable who = new PdfPTable(new float[] { 1.2f, 2f, 1.2f, 2f });
			who.setWidthPercentage(100);
			pair(who, "姓名", facts.name());
			pair(who, "性别", facts.gender());
			pair(who, "出生日期", DevelopmentDocuments.date(facts.birthDate()));
			pair(who, "学号/工号", facts.staffNumber());
			pair(who, "所在党支部", facts.branchName());
			pair(who, "所在学院", facts.collegeName());
			pair(who, "当前阶段", stageLabel);
			pair(who, "申请入党日期", DevelopmentDocuments.date(facts.appliedOn()));
			pair(who, "入党日期", DevelopmentDocuments.date(facts.joinDate()));
			pair(who, "预备期满", DevelopmentDocuments.date(facts.probationEnds()));
			who.setSpacingAfter(10);
			document.add(who);

			document.add(paragraph("发展程序记录", 12, Font.BOLD));
			PdfPTable steps = new PdfPTable(new float[] { 0.5f, 2.3f, 1.9f, 0.8f, 1.1f, 4f });
			steps.setWidthPercentage(100);
			steps.setHeaderRows(1);
			steps.setSpacingBefore(4);
			for (String head : List.of("步骤", "名称", "日期", "结果", "办理人", "记录")) {
				PdfPCell cell = cell(head, Font.BOLD);
				cell.setGrayFill(0.9f);
				steps.addCell(cell);
			}
			for (int step = 1; step <= Step.values().length; step++) {
				DocumentFacts.StepFacts s = facts.steps() == null ? null : facts.steps().get(step);
				steps.addCell(cell(Integer.toString(step), Font.NORMAL));
				steps.addCell(cell(stepName.apply(step), Font.NORMAL));
				steps.addCell(cell(s == null ? "" : DevelopmentDocuments.date(s.date()), Font.NORMAL));
				steps.addCell(cell(s == null ? "未办理" : "通过", Font.NORMAL));
				steps.addCell(cell(s == null ? "" : nonNull(s.actor()), Font.NORMAL));
				steps.addCell(cell(s == null ? "" : DevelopmentDocuments.detail(s), Font.NORMAL));
			}
			steps.setSpacingAfter(10);
			document.add(steps);

			document.add(paragraph("附件清单", 12, Font.BOLD));
			if (attachmentNames == null || attachmentNames.isEmpty()) {
				document.add(paragraph("（无附件）", 10, Font.NORMAL));
			}
			else {
				for (int i = 0; i < attachmentNames.size(); i++) {
					document.add(paragraph((i + 1) + ". " + attachmentNames.get(i), 10, Font.NORMAL));
				}
			}
			Paragraph foot = paragraph("导出日期：" + DevelopmentDocuments.date(today), 9, Font.NORMAL);
			foot.setAlignment(Element.ALIGN_RIGHT);
			foot.setSpacingBefore(12);
			document.add(foot);
			document.close();
		}
		catch (DocumentException e) {
			throw new IllegalStateException("the file could not be laid out", e);
		}
		return out.toByteArray();
	}

	private static String nonNull(String text) {
		return text == null ? "" : text;
	}

	private static void pair(PdfPTable table, String label, String value) {
		PdfPCell head = cell(label, Font.BOLD);
		head.setGrayFill(0.95f);
		table.addCell(head);
		table.addCell(cell(nonNull(value), Font.NORMAL));
	}

	private static PdfPCell cell(String text, int style) {
		PdfPCell cell = new PdfPCell(phrase(new Phrase(), text, 9, style));
		cell.setPadding(3);
		return cell;
	}

	private static Paragraph paragraph(String text, float size, int style) {
		return (Paragraph) phrase(new Paragraph(), text, size, style);
	}

	private static Phrase phrase(Phrase phrase, String text, float size, int style) {
		PdfText.write(phrase, text, size, style);
		phrase.setLeading(size * 1.4f);
		return phrase;
	}
}
