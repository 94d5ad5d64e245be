package cn.partybuilding.analytics;

import java.util.List;

/**
 * What a 党建工作分析报告 says, laid out once for both files (the .docx and the PDF print the same words): a title,
 * the line saying as of when, then sections of narrative, tables and bar charts.
 */
record ReportContent(String title, String asOf, List<Section> sections) {

	/** One numbered part: its heading, its paragraphs (narrative, from message templates), tables and charts. */
	record Section(String heading, List<String> paragraphs, List<Table> tables, List<Chart> charts) {
	}

	/** A table: its caption, the header row and the rows (text, already formatted). */
	record Table(String caption, List<String> header, List<List<String>> rows) {
	}

	/**
	 * A bar chart of one or two series over the same labels: this period, and the previous period when known.
	 * {@code percent}: the values are rates from 0 to 1, shown as percentages.
	 */
	record Chart(String title, List<String> labels, Series current, Series previous, boolean percent) {
	}

	/** One series: its name and a value per label (null: no data). */
	record Series(String name, List<Double> values) {
	}
}
