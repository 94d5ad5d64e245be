package cn.partybuilding.analytics;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.lowagie.text.BadElementException;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;

import cn.partybuilding.analytics.ReportContent.Chart;
import cn.partybuilding.analytics.ReportContent.Section;
import cn.partybuilding.analytics.ReportContent.Series;
import cn.partybuilding.analytics.ReportContent.Table;
import cn.partybuilding.shared.PdfText;

/**
 * The same report as PDF (openpdf), for reading and filing as it was: the words and tables of the Word file, and each
 * chart drawn as horizontal bars with their values (PdfContentByte), in the fonts of {@link PdfText} so the Chinese
 * shows and extracts without any font installed.
 */
final class ReportPdf {

	private static final float WIDTH = 515;

	private static final float LABEL_WIDTH = 150;

	private static final float ROW = 16;

	private static final Color CURRENT = new Color(0xC8, 0x10, 0x2E);

	private static final Color PREVIOUS = new Color(0xB0, 0xB0, 0xB0);

	private ReportPdf() {
	}

	static byte[] write(ReportContent content, String footer) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 40, 40, 40, 40);
		try {
			PdfWriter writer = PdfWriter.getInstance(document, out);
			writer.setCompressionLevel(6);
			document.addTitle(content.title());
			document.open();
			Paragraph title = paragraph(content.title(), 16, Font.BOLD);
			title.setAlignment(Element.ALIGN_CENTER);
			title.setSpacingAfter(4);
			document.add(title);
			Paragraph asOf = paragraph(content.asOf(), 8, Font.NORMAL);
			asOf.setAlignment(Element.ALIGN_CENTER);
			asOf.setSpacingAfter(10);
			document.add(asOf);
			PdfContentByte canvas = writer.getDirectContent();
			for (Section section : content.sections()) {
				Paragraph heading = paragraph(section.heading(), 13, Font.BOLD);
				heading.setSpacingBefore(10);
				heading.setSpacingAfter(4);
				document.add(heading);
				for (String text : section.paragraphs()) {
					Paragraph p = paragraph(text, 10.5f, Font.NORMAL);
					p.setFirstLineIndent(21);
					p.setSpacingAfter(3);
					document.add(p);
				}
				for (Table table : section.tables()) {
					document.add(table(table));
				}
				for (Chart chart : section.charts()) {
					document.add(chart(canvas, chart));
				}
			}
			Paragraph end = paragraph(footer, 8, Font.NORMAL);
			end.setAlignment(Element.ALIGN_RIGHT);
			end.setSpacingBefore(14);
			document.add(end);
			document.close();
		}
		catch (DocumentException e) {
			throw new IllegalStateException("the PDF report could not be laid out", e);
		}
		return out.toByteArray();
	}

	private static PdfPTable table(Table table) {
		PdfPTable t = new PdfPTable(table.header().size());
		t.setWidthPercentage(100);
		t.setHeaderRows(2);
		t.setSpacingBefore(6);
		t.setSpacingAfter(8);
		PdfPCell caption = cell(table.caption(), Font.BOLD, Element.ALIGN_CENTER);
		caption.setColspan(table.header().size());
		caption.setBorder(0);
		t.addCell(caption);
		for (int c = 0; c < table.header().size(); c++) {
			PdfPCell cell = cell(table.header().get(c), Font.BOLD, c == 0 ? Element.ALIGN_LEFT : Element.ALIGN_CENTER);
			cell.setGrayFill(0.92f);
			t.addCell(cell);
		}
		for (List<String> row : table.rows()) {
			for (int c = 0; c < row.size(); c++) {
				t.addCell(cell(row.get(c), Font.NORMAL, c == 0 ? Element.ALIGN_LEFT : Element.ALIGN_CENTER));
			}
		}
		return t;
	}

	/** Horizontal bars, one row per label (two thinner bars when the previous period is shown), the value at the end. */
	private static Image chart(PdfContentByte canvas, Chart chart) throws BadElementException {
		int n = chart.labels().size();
		boolean two = chart.previous() != null;
		float top = 22 + (two ? 14 : 0);
		float height = top + n * ROW + 6;
		PdfTemplate t = canvas.createTemplate(WIDTH, height);
		ColumnText.showTextAligned(t, Element.ALIGN_CENTER, phrase(chart.title(), 10, Font.BOLD), WIDTH / 2, height - 14, 0);
		if (two) {
			legend(t, 160, height - 30, CURRENT, chart.current().name());
			legend(t, 260, height - 30, PREVIOUS, chart.previous().name());
		}
		double max = chart.percent() ? 1 : 0;
		for (Series s : two ? List.of(chart.current(), chart.previous()) : List.of(chart.current())) {
			max = Math.max(max, s.values().stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(0));
		}
		float barSpace = WIDTH - LABEL_WIDTH - 60;
		for (int i = 0; i < n; i++) {
			float y = height - top - (i + 1) * ROW;
			String label = chart.labels().get(i);
			ColumnText.showTextAligned(t, Element.ALIGN_RIGHT, phrase(shorten(label), 8, Font.NORMAL), LABEL_WIDTH - 6, y + 4, 0);
			bar(t, chart, chart.current().values().get(i), max, barSpace, two ? y + 8 : y + 2, two ? 6 : 11, CURRENT);
			if (two) {
				bar(t, chart, chart.previous().values().get(i), max, barSpace, y + 1, 6, PREVIOUS);
			}
		}
		t.setColorStroke(Color.GRAY);
		t.setLineWidth(0.5f);
		t.moveTo(LABEL_WIDTH, height - top);
		t.lineTo(LABEL_WIDTH, height - top - n * ROW);
		t.stroke();
		Image image = Image.getInstance(t);
		image.setAlignment(Element.ALIGN_CENTER);
		image.setSpacingBefore(4);
		image.setSpacingAfter(8);
		return image;
	}

	private static void bar(PdfTemplate t, Chart chart, Double value, double max, float space, float y, float h, Color color) {
		float length = value == null || max <= 0 ? 0 : (float) (value / max * space);
		if (length > 0) {
			t.setColorFill(color);
			t.rectangle(LABEL_WIDTH, y, length, h);
			t.fill();
		}
		String text = value == null ? "—" : chart.percent() ? String.format(Locale.ROOT, "%.1f%%", value * 100)
				: value == Math.rint(value) ? ReportNarrative.number(Math.round(value)) : String.format(Locale.ROOT, "%.2f", value);
		t.setColorFill(Color.BLACK);
		ColumnText.showTextAligned(t, Element.ALIGN_LEFT, phrase(text, 7, Font.NORMAL), LABEL_WIDTH + length + 3, y + h / 2 - 2.5f, 0);
	}

	private static void legend(PdfTemplate t, float x, float y, Color color, String name) {
		t.setColorFill(color);
		t.rectangle(x, y, 10, 7);
		t.fill();
		t.setColorFill(Color.BLACK);
		ColumnText.showTextAligned(t, Element.ALIGN_LEFT, phrase(name, 8, Font.NORMAL), x + 14, y, 0);
	}

	private static String shorten(String label) {
		return label.length() > 18 ? label.substring(0, 17) + "…" : label;
	}

	private static PdfPCell cell(String text, int style, int align) {
		PdfPCell cell = new PdfPCell(phrase(text == null ? "" : text, 8.5f, style));
		cell.setPadding(3);
		cell.setHorizontalAlignment(align);
		return cell;
	}

	private static Phrase phrase(String text, float size, int style) {
		Phrase p = PdfText.write(new Phrase(), text, size, style);
		p.setLeading(size * 1.4f);
		return p;
	}

	private static Paragraph paragraph(String text, float size, int style) {
		Paragraph p = PdfText.write(new Paragraph(), text, size, style);
		p.setLeading(size * 1.6f);
		return p;
	}
}
