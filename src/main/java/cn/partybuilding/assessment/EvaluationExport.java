package cn.partybuilding.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;

/** The results of a 民主评议 as Excel, for those who manage the branch: counts and grades per member, no ballot. */
@Service
@Transactional(readOnly = true)
class EvaluationExport {

	static final Map<EvaluationGrade, String> GRADES = Map.of(EvaluationGrade.EXCELLENT, "优秀",
			EvaluationGrade.QUALIFIED, "合格", EvaluationGrade.BASICALLY_QUALIFIED, "基本合格",
			EvaluationGrade.UNQUALIFIED, "不合格");

	static final Map<EvaluationStep, String> STEPS = Map.of(EvaluationStep.RECTIFY, "限期改正",
			EvaluationStep.PERSUADE_TO_WITHDRAW, "劝其退党", EvaluationStep.EXPEL, "除名");

	private final Evaluations evaluations;

	EvaluationExport(Evaluations evaluations) {
		this.evaluations = evaluations;
	}

	ResponseEntity<byte[]> export(Caller caller, long id) {
		Evaluations.Evaluation evaluation = evaluations.managed(caller, id);
		Evaluations.Results results = evaluations.results(caller, id);
		List<List<Object>> rows = new ArrayList<>();
		for (Evaluations.MemberResult r : results.members()) {
			rows.add(List.of(r.name(), r.excellent(), r.qualified(), r.basicallyQualified(), r.unqualified(),
					r.abstained(), label(r.suggested()), label(r.proposedGrade()),
					r.step() == null ? "" : STEPS.get(r.step()), r.note() == null ? "" : r.note(),
					label(r.approvedGrade())));
		}
		return Downloads.sheet(results.branchName() + evaluation.year() + "年民主评议结果.xlsx",
				"evaluation-" + evaluation.year() + "-" + id + ".xlsx", "民主评议",
				List.of("姓名", "优秀", "合格", "基本合格", "不合格", "弃权", "得票最多", "支部建议等次", "处置", "说明",
						"审定等次"),
				rows);
	}

	private static String label(EvaluationGrade grade) {
		return grade == null ? "" : GRADES.get(grade);
	}
}
