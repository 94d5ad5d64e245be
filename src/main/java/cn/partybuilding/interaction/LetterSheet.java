package cn.partybuilding.interaction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.PlatformZone;

/** The handler's letters as a spreadsheet (one letter a row; an anonymous letter's writer is 匿名). */
final class LetterSheet {

	static final String FILE = "书记信箱来信.xlsx";

	static final int MAX_ROWS = 5000;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(PlatformZone.ZONE);

	private LetterSheet() {
	}

	private static String state(Letters.State state) {
		return switch (state) {
			case WAITING -> "待答复";
			case ANSWERED -> "已答复";
			case CLOSED -> "已办结";
		};
	}

	private static String to(LetterTo to) {
		return switch (to) {
			case BRANCH -> "支部书记";
			case GENERAL_BRANCH -> "党总支";
			case COMMITTEE -> "党委";
		};
	}

	static byte[] of(List<Letters.Line> lines) {
		List<List<Object>> rows = lines.stream()
			.map(l -> List.<Object>of(l.subject(), to(l.to()), l.anonymous() ? "匿名" : l.writerName(), l.organizationName(),
					l.writtenOn().toString(), DAY.format(l.waitingSince()), state(l.state()), l.overdue() ? "是" : "否",
					l.escalated() ? "是" : "否"))
			.toList();
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Downloads.addSheet(book, "来信", List.of("主题", "写给", "写信人", "所在组织", "写信日期", "等待自", "状态", "逾期", "已转上级"),
					rows);
			book.getSheetAt(0).setColumnWidth(0, 40 * 256);
			book.getSheetAt(0).setColumnWidth(3, 36 * 256);
			book.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
