package cn.partybuilding.exam;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Downloads;

/**
 * An exam's results as Excel for the offices: each person's best result, participation and pass rate per branch
 * and per college, and the questions from the hardest. The same scope as the statistics page.
 */
final class ExamSheets {

	private ExamSheets() {
	}

	/** An audited export of an exam's results (people's names and scores leave the platform). */
	record ResultsExported(long examId, String title, int people) implements AuditableEvent {

		@Override
		public String action() {
			return "exam.results.export";
		}

		@Override
		public String entityType() {
			return "exam";
		}

		@Override
		public String entityId() {
			return Long.toString(examId);
		}

		@Override
		public String summary() {
			return title + "（" + people + " 人）";
		}
	}

	static ResponseEntity<byte[]> results(ExamStatistics.Statistics s) {
		try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			List<List<Object>> people = new ArrayList<>();
			s.people().forEach(p -> people.add(List.of(text(p.organizationName()), p.name(), p.attempts(),
					p.score() == null ? "" : p.score(),
					p.pendingManual() > 0 ? "待评分" : Boolean.TRUE.equals(p.passed()) ? "及格" : "不及格",
					p.pendingManual(), "SERVER".equals(p.submittedBy()) ? "到时自动交卷" : p.submittedBy() == null ? "未交卷" : "本人交卷")));
			Downloads.addSheet(book, "成绩", List.of("党组织", "姓名", "作答次数", "最好成绩", "结果", "待评分题数", "交卷"), people);
			Downloads.addSheet(book, "各支部", groupHeader(), groups(s.branches()));
			Downloads.addSheet(book, "各学院", groupHeader(), groups(s.colleges()));
			List<List<Object>> questions = new ArrayList<>();
			s.questions().forEach(q -> questions.add(List.of(q.questionId(), QuestionSheet.label(q.type()), text(q.text()), q.answered(),
					q.correct(), q.rate() == null ? "" : q.rate())));
			Downloads.addSheet(book, "试题", List.of("题号", "题型", "题干", "作答人数", "答对人数", "正确率(%)"), questions);
			List<List<Object>> summary = new ArrayList<>();
			summary.add(List.of("考试", s.title()));
			summary.add(List.of("满分", value(s.totalScore())));
			summary.add(List.of("及格分", value(s.passMark())));
			summary.add(List.of("应参加", s.invited()));
			summary.add(List.of("参加", s.participants()));
			summary.add(List.of("及格", s.passed()));
			summary.add(List.of("待评分", s.pendingManual()));
			summary.add(List.of("参与率(%)", value(s.participationRate())));
			summary.add(List.of("及格率(%)", value(s.passRate())));
			summary.add(List.of("平均分", value(s.averageScore())));
			s.distribution().forEach(b -> summary.add(List.of(ExamPages.number(b.from()) + "-" + ExamPages.number(b.to()) + " 分",
					b.count())));
			Downloads.addSheet(book, "概况", List.of("项目", "数值"), summary);
			book.write(out);
			return ResponseEntity.ok()
				.header("Content-Disposition", Downloads.attachment("考试成绩-" + s.title() + ".xlsx",
						"exam-results-" + s.examId() + ".xlsx"))
				.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
				.body(out.toByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<String> groupHeader() {
		return List.of("党组织", "应参加", "参加", "参与率(%)", "及格", "及格率(%)", "平均分");
	}

	private static List<List<Object>> groups(List<ExamStatistics.Group> groups) {
		List<List<Object>> rows = new ArrayList<>();
		groups.forEach(g -> rows.add(List.of(text(g.name()), g.invited(), g.participants(), value(g.participationRate()),
				g.passed(), value(g.passRate()), value(g.averageScore()))));
		return rows;
	}

	private static Object value(Double d) {
		return d == null ? "" : d;
	}

	private static String text(String s) {
		return s == null ? "" : s;
	}
}
