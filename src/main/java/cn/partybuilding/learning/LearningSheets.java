package cn.partybuilding.learning;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;

import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.PlatformZone;

/** 学习 as Excel for the offices: an outline's completion, per organisation and (from a branch down) per member. */
final class LearningSheets {

	private LearningSheets() {
	}

	static ResponseEntity<byte[]> completion(StudyOutlines.Completion c) {
		List<List<Object>> rows = new ArrayList<>();
		c.rows().forEach(r -> rows.add(List.of(r.name(), r.members(), r.finished(), r.onTime(), rate(r.finished(), r.members()))));
		rows.add(List.of("合计：" + c.organizationName(), c.members(), c.finished(), c.onTime(), rate(c.finished(), c.members())));
		c.people().forEach(p -> rows.add(List.of(p.organizationName() + " " + p.name(), "",
				p.finished() ? "已完成" : "未完成", p.onTime() ? "按期" : "",
				p.finishedAt() == null ? "" : p.finishedAt().atZone(PlatformZone.ZONE).toLocalDate().toString())));
		return Downloads.sheet("学习纲要完成情况-" + c.week() + ".xlsx", "outline-completion-" + c.week() + ".xlsx", c.week(),
				List.of("党组织 / 党员", "应学人数", "已完成", "按期完成", "完成率 / 完成日期"), rows);
	}

	static String rate(int finished, int members) {
		return members == 0 ? "—" : String.format("%.1f%%", finished * 100.0 / members);
	}
}
