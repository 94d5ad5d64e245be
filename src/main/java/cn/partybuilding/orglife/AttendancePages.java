package cn.partybuilding.orglife;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;

/** Attendance statistics: JSON, the block on a member's page and 我的信息 (htmx), and the branch's export. */
@Controller
class AttendancePages {

	private final AttendanceStatistics statistics;

	private final Clock clock;

	AttendancePages(AttendanceStatistics statistics, Clock clock) {
		this.statistics = statistics;
		this.clock = clock;
	}

	private int year(Integer year) {
		return year == null ? LocalDate.now(clock).getYear() : year;
	}

	@GetMapping("/api/v1/members/{id}/attendance")
	@ResponseBody
	AttendanceStatistics.Year ofMember(@PathVariable long id, @RequestParam(required = false) Integer year) {
		return statistics.of(Caller.require(), id, year(year));
	}

	@GetMapping("/api/v1/me/attendance")
	@ResponseBody
	AttendanceStatistics.Year mine(@RequestParam(required = false) Integer year) {
		return statistics.mine(Caller.require(), year(year));
	}

	@GetMapping("/members/{id}/attendance")
	String memberBlock(@PathVariable long id, @RequestParam(required = false) Integer year, Model model) {
		model.addAttribute("stats", statistics.of(Caller.require(), id, year(year)));
		return "orglife/attendance :: block";
	}

	@GetMapping("/me/attendance")
	String myBlock(@RequestParam(required = false) Integer year, Model model) {
		model.addAttribute("stats", statistics.mine(Caller.require(), year(year)));
		return "orglife/attendance :: block";
	}

	/** Every member of an organisation with their year, as .xlsx. */
	@GetMapping("/orglife/attendance.xlsx")
	ResponseEntity<byte[]> export(@RequestParam long orgId, @RequestParam(required = false) Integer year) throws IOException {
		int y = year(year);
		List<AttendanceStatistics.Year> rows = statistics.ofOrganization(Caller.require(), orgId, y);
		try (XSSFWorkbook book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet(y + "年参会统计");
			String[] head = { "姓名", "应参加", "出席", "迟到", "请假", "缺席", "出勤率 %" };
			Row header = sheet.createRow(0);
			for (int i = 0; i < head.length; i++) {
				header.createCell(i).setCellValue(head[i]);
			}
			int r = 1;
			for (AttendanceStatistics.Year s : rows) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(s.name());
				int[] values = { s.invited(), s.present(), s.late(), s.leave(), s.absent(), s.rate() };
				for (int i = 0; i < values.length; i++) {
					row.createCell(i + 1).setCellValue(values[i]);
				}
			}
			book.write(out);
			return ResponseEntity.ok()
				.header("Content-Disposition", Downloads.attachment(y + "年参会统计.xlsx", "attendance.xlsx"))
				.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
				.body(out.toByteArray());
		}
	}
}
