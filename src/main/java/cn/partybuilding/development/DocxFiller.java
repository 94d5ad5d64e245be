package cn.partybuilding.development;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.xwpf.usermodel.IBody;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Fills a Word template's named placeholders, written {@code {{name}}} (letters, digits, dots and underscores;
 * spaces inside the braces are allowed), with values: in body paragraphs, table cells (nested tables too),
 * headers and footers. Word often splits what the author typed into several runs (spell checking, an edit in
 * the middle); the runs a placeholder spans are merged into the first of them, which keeps its formatting, so
 * the value looks like the text before it. Runs the placeholder does not touch keep theirs.
 * <p>
 * A placeholder without a value (a name the map does not hold, or a step not done yet) becomes a blank
 * underline, so the printed form has a line to write on by hand; a value given as the empty string leaves
 * nothing. Values are text: the XML writer escapes them, characters XML cannot hold are dropped, a line break
 * becomes a Word line break and a tab a Word tab. Text boxes and content controls are left as they are.
 */
final class DocxFiller {

	/** What a placeholder with no value becomes: a line to write on. */
	static final String BLANK = "＿＿＿＿＿＿";

	static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

	private DocxFiller() {
	}

	/** The template with its placeholders replaced; the template's bytes are not changed. */
	static byte[] fill(byte[] template, Map<String, String> values) {
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(template));
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			eachParagraph(document, paragraph -> fill(paragraph, values));
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new IllegalArgumentException("the template is not a Word document", e);
		}
	}

	/** The names of the placeholders a template holds, in the order they first appear. */
	static Set<String> placeholders(byte[] docx) {
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx))) {
			return placeholders(document);
		}
		catch (IOException e) {
			throw new IllegalArgumentException("not a Word document", e);
		}
	}

	static Set<String> placeholders(XWPFDocument document) {
		Set<String> names = new LinkedHashSet<>();
		eachParagraph(document, paragraph -> {
			Matcher m = PLACEHOLDER.matcher(text(paragraph.getRuns()));
			while (m.find()) {
				names.add(m.group(1));
			}
		});
		return names;
	}

	/** Every paragraph of the body, its tables' cells, the headers and the footers. */
	static void eachParagraph(XWPFDocument document, Consumer<XWPFParagraph> action) {
		each(document, action);
		document.getHeaderList().forEach(header -> each(header, action));
		document.getFooterList().forEach(footer -> each(footer, action));
	}

	private static void each(IBody body, Consumer<XWPFParagraph> action) {
		for (IBodyElement element : List.copyOf(body.getBodyElements())) {
			if (element instanceof XWPFParagraph paragraph) {
				action.accept(paragraph);
			}
			else if (element instanceof XWPFTable table) {
				for (XWPFTableRow row : table.getRows()) {
					for (XWPFTableCell cell : row.getTableCells()) {
						each(cell, action);
					}
				}
			}
		}
	}

	private static void fill(XWPFParagraph paragraph, Map<String, String> values) {
		List<XWPFRun> runs = paragraph.getRuns();
		String text = text(runs);
		if (!text.contains("{{")) {
			return;
		}
		List<Match> matches = new ArrayList<>();
		Matcher m = PLACEHOLDER.matcher(text);
		while (m.find()) {
			matches.add(new Match(m.start(), m.end(), m.group(1)));
		}
		// from the last to the first, so that the offsets of those before stay true
		for (int i = matches.size() - 1; i >= 0; i--) {
			Match match = matches.get(i);
			List<XWPFRun> current = paragraph.getRuns();
			int[] starts = starts(current);
			int first = runAt(starts, current, match.start());
			int last = runAt(starts, current, match.end() - 1);
			String firstText = runText(current.get(first));
			String lastText = runText(current.get(last));
			String value = values.get(match.name());
			String replaced = firstText.substring(0, match.start() - starts[first])
					+ (value == null ? BLANK : clean(value)) + lastText.substring(match.end() - starts[last]);
			setText(current.get(first), replaced);
			for (int r = last; r > first; r--) {
				paragraph.removeRun(r);
			}
		}
	}

	private record Match(int start, int end, String name) {
	}

	private static String text(List<XWPFRun> runs) {
		StringBuilder text = new StringBuilder();
		runs.forEach(run -> text.append(runText(run)));
		return text.toString();
	}

	private static String runText(XWPFRun run) {
		String text = run.text();
		return text == null ? "" : text;
	}

	private static int[] starts(List<XWPFRun> runs) {
		int[] starts = new int[runs.size()];
		int offset = 0;
		for (int i = 0; i < runs.size(); i++) {
			starts[i] = offset;
			offset += runText(runs.get(i)).length();
		}
		return starts;
	}

	private static int runAt(int[] starts, List<XWPFRun> runs, int offset) {
		for (int i = runs.size() - 1; i >= 0; i--) {
			if (starts[i] <= offset && offset < starts[i] + runText(runs.get(i)).length()) {
				return i;
			}
		}
		throw new IllegalStateException("no run at " + offset);
	}

	/** The run's text replaced: its texts, tabs and breaks removed, then the new text written with its own. */
	private static void setText(XWPFRun run, String text) {
		var ctr = run.getCTR();
		for (int i = ctr.sizeOfTArray() - 1; i >= 0; i--) {
			ctr.removeT(i);
		}
		for (int i = ctr.sizeOfTabArray() - 1; i >= 0; i--) {
			ctr.removeTab(i);
		}
		for (int i = ctr.sizeOfBrArray() - 1; i >= 0; i--) {
			ctr.removeBr(i);
		}
		for (int i = ctr.sizeOfCrArray() - 1; i >= 0; i--) {
			ctr.removeCr(i);
		}
		StringBuilder pending = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\t') {
				if (!pending.isEmpty()) {
					run.setText(pending.toString(), ctr.sizeOfTArray());
					pending.setLength(0);
				}
				if (c == '\n') {
					run.addBreak();
				}
				else {
					run.addTab();
				}
			}
			else {
				pending.append(c);
			}
		}
		if (!pending.isEmpty()) {
			run.setText(pending.toString(), ctr.sizeOfTArray());
		}
	}

	/** Text XML 1.0 can hold: control characters other than tab and line break dropped, CR LF one break. */
	static String clean(String value) {
		String text = value.replace("\r\n", "\n").replace('\r', '\n');
		StringBuilder clean = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)) {
				clean.append(c);
			}
		}
		return clean.toString();
	}
}
