package cn.partybuilding.privacy;

import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.PdfText;
import cn.partybuilding.shared.PlatformZone;

/** 我的数据 as a readable A4 PDF: the profile, each section as a table, who looked at the data, the corrections. */
@Component
class MyDataPdf {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private final MessageSource messages;

	MyDataPdf(MessageSource messages) {
		this.messages = messages;
	}

	byte[] write(MyData.Everything data, Locale locale) {
		var out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 40, 40, 48, 48);
		try {
			PdfWriter.getInstance(document, out);
			document.addTitle(text("privacy.title", locale));
			document.open();
			document.add(PdfText.write(new Paragraph(), text("privacy.title", locale), 18, Font.BOLD));
			document.add(PdfText.write(new Paragraph(),
					text("privacy.generatedAt", locale) + " " + WHEN.format(data.generatedAt()), 9, Font.NORMAL));
			heading(document, text("privacy.section.profile", locale));
			PdfPTable profile = new PdfPTable(new float[] { 1, 3 });
			profile.setWidthPercentage(100);
			for (Map.Entry<String, Object> e : data.profile().entrySet()) {
				profile.addCell(cell(e.getKey(), true));
				profile.addCell(cell(String.valueOf(e.getValue()), false));
			}
			document.add(profile);
			for (MyData.Section s : data.sections()) {
				table(document, s.title(), s.columns(), s.rows(), locale);
			}
			table(document, text("privacy.access.title", locale),
					List.of(text("privacy.col.time", locale), text("privacy.col.kind", locale), text("privacy.col.role", locale),
							text("privacy.col.organization", locale), text("privacy.col.name", locale),
							text("privacy.col.reason", locale)),
					data.dataAccess().stream().map(a -> List.of(WHEN.format(a.at()), text("privacy.kind." + a.kind(), locale),
							a.role() == null ? "" : text("role." + a.role(), locale), nz(a.organization()), nz(a.name()),
							nz(a.reason()))).toList(), locale);
			table(document, text("privacy.correction.title", locale),
					List.of(text("privacy.col.time", locale), text("privacy.col.fields", locale),
							text("privacy.col.detail", locale), text("privacy.col.state", locale),
							text("privacy.col.answer", locale)),
					data.corrections().stream().map(c -> List.of(WHEN.format(c.createdAt()),
							String.join("、", c.fields().stream().map(f -> text("privacy.field." + f, locale)).toList()),
							c.description(), text("privacy.correction.state." + c.state(), locale), nz(c.answer()))).toList(),
					locale);
			document.close();
		}
		catch (DocumentException e) {
			throw new IllegalStateException("my data could not be laid out", e);
		}
		return out.toByteArray();
	}

	private void table(Document document, String title, List<String> columns, List<List<String>> rows, Locale locale)
			throws DocumentException {
		heading(document, title);
		if (rows.isEmpty()) {
			document.add(PdfText.write(new Paragraph(), text("privacy.none", locale), 9, Font.NORMAL));
			return;
		}
		PdfPTable table = new PdfPTable(columns.size());
		table.setWidthPercentage(100);
		table.setHeaderRows(1);
		columns.forEach(c -> table.addCell(cell(c, true)));
		for (List<String> row : rows) {
			for (int i = 0; i < columns.size(); i++) {
				table.addCell(cell(i < row.size() ? row.get(i) : "", false));
			}
		}
		document.add(table);
	}

	private static void heading(Document document, String title) throws DocumentException {
		Paragraph p = PdfText.write(new Paragraph(), title, 13, Font.BOLD);
		p.setSpacingBefore(14);
		p.setSpacingAfter(6);
		document.add(p);
	}

	private static PdfPCell cell(String text, boolean head) {
		PdfPCell cell = new PdfPCell(PdfText.write(new Phrase(), text, 8.5f, head ? Font.BOLD : Font.NORMAL));
		cell.setPadding(3);
		return cell;
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
