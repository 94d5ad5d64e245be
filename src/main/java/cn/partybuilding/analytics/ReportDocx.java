package cn.partybuilding.analytics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;

import cn.partybuilding.analytics.ReportContent.Chart;
import cn.partybuilding.analytics.ReportContent.Section;
import cn.partybuilding.analytics.ReportContent.Series;
import cn.partybuilding.analytics.ReportContent.Table;

/**
 * A report as an editable Word document (POI XWPF): the title, the as-of line, each section's narrative, its tables
 * and its bar charts as native Word charts (XDDF: {@code word/charts/chart*.xml} with their data in an embedded
 * workbook, so the office restyles or corrects them in Word like any chart it made itself).
 */
final class ReportDocx {

	private static final String FONT = "宋体";

	private static final String HEADING_FONT = "黑体";

	/** A chart's size in EMU: the text width of an A4 page, and two fifths of it high (a little higher with many bars). */
	private static final int CHART_WIDTH = 5_760_000;

	private static final int CHART_HEIGHT = 2_880_000;

	private ReportDocx() {
	}

	static byte[] write(ReportContent content, String footer) {
		try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			a4(doc);
			doc.getProperties().getCoreProperties().setTitle(content.title());
			XWPFParagraph title = doc.createParagraph();
			title.setAlignment(ParagraphAlignment.CENTER);
			title.setSpacingAfter(120);
			run(title, content.title(), 18, true, HEADING_FONT);
			XWPFParagraph asOf = doc.createParagraph();
			asOf.setAlignment(ParagraphAlignment.CENTER);
			asOf.setSpacingAfter(240);
			run(asOf, content.asOf(), 9, false, FONT);
			for (Section section : content.sections()) {
				XWPFParagraph heading = doc.createParagraph();
				heading.setSpacingBefore(240);
				heading.setSpacingAfter(120);
				run(heading, section.heading(), 14, true, HEADING_FONT);
				for (String text : section.paragraphs()) {
					XWPFParagraph p = doc.createParagraph();
					p.setFirstLineIndent(480);
					p.setSpacingAfter(80);
					run(p, text, 11, false, FONT);
				}
				for (Table table : section.tables()) {
					table(doc, table);
				}
				for (Chart chart : section.charts()) {
					chart(doc, chart);
				}
			}
			XWPFParagraph end = doc.createParagraph();
			end.setSpacingBefore(360);
			end.setAlignment(ParagraphAlignment.RIGHT);
			run(end, footer, 9, false, FONT);
			doc.write(out);
			return out.toByteArray();
		}
		catch (IOException | InvalidFormatException e) {
			throw new IllegalStateException("the Word report could not be written", e);
		}
	}

	private static void table(XWPFDocument doc, Table table) {
		XWPFParagraph caption = doc.createParagraph();
		caption.setSpacingBefore(120);
		caption.setAlignment(ParagraphAlignment.CENTER);
		run(caption, table.caption(), 10.5, true, FONT);
		XWPFTable t = doc.createTable(table.rows().size() + 1, table.header().size());
		t.setWidth("100%");
		t.getCTTbl().getTblPr().addNewTblLayout().setType(STTblLayoutType.AUTOFIT);
		cells(t.getRow(0), table.header(), true);
		t.getRow(0).setRepeatHeader(true);
		for (int r = 0; r < table.rows().size(); r++) {
			cells(t.getRow(r + 1), table.rows().get(r), false);
		}
		doc.createParagraph();
	}

	private static void cells(XWPFTableRow row, List<String> values, boolean header) {
		for (int c = 0; c < values.size(); c++) {
			var cell = row.getCell(c);
			XWPFParagraph p = cell.getParagraphs().get(0);
			p.setAlignment(c == 0 ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
			run(p, values.get(c) == null ? "" : values.get(c), 9, header, FONT);
			if (header) {
				cell.setColor("EDEDED");
			}
		}
	}

	/** A clustered column chart (horizontal bars when the labels are many or long), its data in the embedded sheet. */
	private static void chart(XWPFDocument doc, Chart chart) throws IOException, InvalidFormatException {
		int n = chart.labels().size();
		boolean horizontal = n > 8 || chart.labels().stream().anyMatch(l -> l.length() > 6);
		int height = horizontal ? Math.min(CHART_HEIGHT * 3, Math.max(CHART_HEIGHT, 300_000 * n)) : CHART_HEIGHT;
		XWPFChart c = doc.createChart(CHART_WIDTH, height);
		c.setTitleText(chart.title());
		c.setTitleOverlay(false);
		XDDFCategoryAxis labels = c.createCategoryAxis(horizontal ? AxisPosition.LEFT : AxisPosition.BOTTOM);
		XDDFValueAxis values = c.createValueAxis(horizontal ? AxisPosition.BOTTOM : AxisPosition.LEFT);
		values.setCrosses(AxisCrosses.AUTO_ZERO);
		if (chart.percent()) {
			values.setMinimum(0);
			values.setMaximum(100);
		}
		XDDFCategoryDataSource categories = XDDFDataSourcesFactory.fromArray(chart.labels().toArray(String[]::new),
				c.formatRange(new CellRangeAddress(1, n, 0, 0)), 0);
		XDDFBarChartData data = (XDDFBarChartData) c.createData(ChartTypes.BAR, labels, values);
		data.setBarDirection(horizontal ? BarDirection.BAR : BarDirection.COL);
		data.setVaryColors(false);
		int column = 1;
		for (Series series : chart.previous() == null ? List.of(chart.current()) : List.of(chart.current(), chart.previous())) {
			XDDFNumericalDataSource<Double> numbers = XDDFDataSourcesFactory.fromArray(numbers(series, chart.percent()),
					c.formatRange(new CellRangeAddress(1, n, column, column)), column);
			XDDFChartData.Series s = data.addSeries(categories, numbers);
			s.setTitle(series.name(), c.setSheetTitle(series.name(), column));
			column++;
		}
		if (chart.previous() != null) {
			c.getOrAddLegend().setPosition(LegendPosition.TOP);
		}
		c.plot(data);
	}

	/** Rates as percentages (92.4, as the axis reads); no data as 0 (the table beside says —). */
	private static Double[] numbers(Series series, boolean percent) {
		return series.values().stream()
			.map(v -> v == null ? 0d : percent ? Math.round(v * 1000) / 10d : v)
			.toArray(Double[]::new);
	}

	private static void run(XWPFParagraph p, String text, double size, boolean bold, String font) {
		XWPFRun r = p.createRun();
		r.setText(text);
		r.setFontSize(size);
		r.setBold(bold);
		r.setFontFamily(font);
		r.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
	}

	private static void a4(XWPFDocument doc) {
		var section = doc.getDocument().getBody().addNewSectPr();
		var size = section.addNewPgSz();
		size.setW(BigInteger.valueOf(11906));
		size.setH(BigInteger.valueOf(16838));
		var margins = section.addNewPgMar();
		margins.setTop(BigInteger.valueOf(1440));
		margins.setBottom(BigInteger.valueOf(1440));
		margins.setLeft(BigInteger.valueOf(1440));
		margins.setRight(BigInteger.valueOf(1440));
	}
}
