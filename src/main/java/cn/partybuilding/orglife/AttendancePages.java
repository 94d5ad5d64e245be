package cn.partybuilding.orglife;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;

/** Attendance statistics: JSON, the block on a member's page and 我的信息 (htmx), and the branch's export. */
@Controller
class AttendancePages {

	private final AttendanceStatistics statistics;

	private final Clock clock;

	private final MessageSource messages;

	AttendancePages(AttendanceStatistics statistics, Clock clock, MessageSource messages) {
		this.messages = messages;
		this.statistics = statistics;
		this.clock = clock;
	}

	private int year(Integer year) {
		return year == null ? LocalDate.now(clock).getYear() : year;
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

	/** Every member of an organisation with their year, as .xlsx (in Chinese, as offices file it). */
	@GetMapping("/orglife/attendance.xlsx")
	ResponseEntity<byte[]> export(@RequestParam long orgId, @RequestParam(required = false) Integer year) {
		int y = year(year);
		List<List<?>> rows = statistics.ofOrganization(Caller.require(), orgId, y).stream()
			.<List<?>>map(s -> List.of(s.name(), s.invited(), s.present(), s.late(), s.leave(), s.absent(), s.rate()))
			.toList();
		String title = messages.getMessage("orglife.sheet.attendance", new Object[] { y }, Locale.SIMPLIFIED_CHINESE);
		return Downloads.sheet(title + ".xlsx", "attendance.xlsx", title, List.of(messages
			.getMessage("orglife.sheet.attendance.header", null, Locale.SIMPLIFIED_CHINESE).split(",")), rows);
	}
}
