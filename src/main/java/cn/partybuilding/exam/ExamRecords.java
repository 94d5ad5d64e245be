package cn.partybuilding.exam;

import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What the demo university tells 线上测试: its question bank from a file in the import layout, exams set, and
 * papers its people answered — each through the same rules as the pages and the API.
 */
@Facade("what the demo tells exam: a bank from a file, exams set, papers answered by their people")
@Service
@Transactional
public class ExamRecords {

	private final QuestionImports imports;

	private final Exams exams;

	private final Attempts attempts;

	private final JsonMapper json;

	ExamRecords(QuestionImports imports, Exams exams, Attempts attempts, JsonMapper json) {
		this.imports = imports;
		this.exams = exams;
		this.attempts = attempts;
		this.json = json;
	}

	/** Loads questions of {@code orgId} from tab-separated lines in the import layout, all or none. */
	public int loadBank(Caller caller, long orgId, InputStream tsv) {
		return imports.loadTsv(caller, orgId, tsv);
	}

	public long set(Caller caller, ExamOnFile exam) {
		List<Exams.RuleRequest> rules = exam.rules().stream()
			.map(r -> new Exams.RuleRequest(QuestionType.valueOf(r.type()), r.tags(), r.maxDifficulty(), r.count(),
					r.score()))
			.toList();
		return exams.set(caller, new Exams.NewExam(exam.title(), exam.description(), exam.orgId(),
				new Exams.AudienceRequest(exam.activists() ? "ACTIVISTS" : "SUBTREE", null), null, rules,
				exam.opensAt().toString(), exam.closesAt().toString(), exam.durationMinutes(), exam.attempts(),
				exam.passMark(), null, false, true, exam.feedsPoints(), true, exam.seed()));
	}

	/**
	 * The person starts the exam and answers each question as {@code answering} says (a letter, letters, true or
	 * false, one text per blank, a text; null leaves it open), then submits if asked. Returns the attempt's id.
	 */
	public long take(Caller person, long examId, Function<PaperQuestion, Object> answering, boolean submit) {
		Attempts.AttemptView attempt = attempts.start(person, examId);
		for (Attempts.AttemptQuestion q : attempt.questions()) {
			Object answer = answering.apply(new PaperQuestion(q.id(), q.type().name(), q.text(), q.options(), q.blanks()));
			if (answer != null) {
				attempts.answer(person, attempt.id(), q.id(), json.valueToTree(answer));
			}
		}
		if (submit) {
			attempts.submit(person, attempt.id());
		}
		return attempt.id();
	}
}
