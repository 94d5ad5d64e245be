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

	/** A course's people in the caller's reach: chapters done, completed or not, on time or overdue. */
	static ResponseEntity<byte[]> courseProgress(Courses.CourseProgress p) {
		List<List<Object>> rows = new ArrayList<>();
		p.people().forEach(r -> rows.add(List.of(r.organizationName(), r.name(), r.chaptersDone() + " / " + p.chapters(),
				r.completedAt() == null ? (r.overdue() ? "逾期未完成" : "未完成") : "已完成",
				r.completedAt() == null ? "" : r.completedAt().atZone(PlatformZone.ZONE).toLocalDate().toString(),
				r.dueOn() == null ? "" : r.dueOn().toString())));
		return Downloads.sheet("课程学习情况-" + p.title() + ".xlsx", "course-progress-" + p.id() + ".xlsx", "课程学习情况",
				List.of("党组织", "姓名", "已完成章节", "状态", "完成日期", "截止日期"), rows);
	}

	static String rate(int finished, int members) {
		return members == 0 ? "—" : String.format("%.1f%%", finished * 100.0 / members);
	}
}
