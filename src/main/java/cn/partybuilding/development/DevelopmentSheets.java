package cn.partybuilding.development;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Downloads;

/**
 * 发展党员 as Excel for the offices: the board's list (with its filters) and the funnel of a year. A sheet's
 * headings are its own (Chinese) words; stages and steps in its cells come from the messages.
 */
@Component
class DevelopmentSheets {

	private final MessageSource messages;

	DevelopmentSheets(MessageSource messages) {
		this.messages = messages;
	}

	ResponseEntity<byte[]> people(List<DevelopmentPeople.PersonLine> rows, Locale locale) {
		return Downloads.sheet("发展党员.xlsx", "development.xlsx", "发展党员",
				List.of("党组织", "姓名", "学号/工号", "阶段", "阶段起始", "申请日期", "下一步", "可办理自", "逾期"),
				rows.stream().map(p -> List.<Object>of(p.organizationName(), p.name(), p.staffNumber(),
						messages.getMessage("applicant.stage." + p.stage(), null, locale),
						p.stageSince() == null ? "" : p.stageSince().toString(), p.appliedOn().toString(),
						p.nextStep() == null ? "" : p.nextStep() + " " + messages.getMessage("devpage.step." + p.nextStep(), null, locale),
						p.possibleFrom() == null ? "" : p.possibleFrom().toString(),
						p.overdue() ? messages.getMessage("devpage.overdue", null, locale) : "")).toList());
	}

	ResponseEntity<byte[]> funnel(DevelopmentFunnel.Funnel funnel) {
		List<List<Object>> rows = new ArrayList<>();
		funnel.byCollege().forEach(l -> rows.add(line(l.organizationName(), l)));
		rows.add(line("合计", funnel.total()));
		return Downloads.sheet("发展党员漏斗-" + funnel.year() + ".xlsx", "development-funnel-" + funnel.year() + ".xlsx",
				funnel.year() + "年", List.of("党组织", "递交入党申请", "确定积极分子", "确定发展对象", "接收预备党员", "按期转正"), rows);
	}

	private static List<Object> line(String name, DevelopmentFunnel.Line l) {
		return List.of(name, l.applications(), l.activists(), l.candidates(), l.admitted(), l.converted());
	}
}
