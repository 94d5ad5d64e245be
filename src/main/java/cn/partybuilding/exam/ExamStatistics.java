package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * What an exam showed: participation and pass rate per branch and per college, the score distribution, the
 * hardest questions, and each person's best result. A branch sees its own people, a college its subtree; a person
 * counts once, with their best completed attempt.
 */
@Service
@Transactional(readOnly = true)
class ExamStatistics {

	record Group(long orgId, String name, OrgType type, int invited, int participants, int passed,
			Double participationRate, Double passRate, Double averageScore) {
	}

	record Band(double from, double to, int count) {
	}

	record QuestionRate(long questionId, QuestionType type, String text, int answered, int correct, Double rate) {
	}

	record PersonResult(long accountId, String name, long orgId, String organizationName, int attempts, Double score,
			Boolean passed, int pendingManual, String submittedBy) {
	}

	record Statistics(long examId, String title, Long orgId, Double totalScore, Double passMark, int invited,
			int participants, int passed, int pendingManual, Double participationRate, Double passRate,
			Double averageScore, List<Band> distribution, List<Group> branches, List<Group> colleges,
			List<QuestionRate> questions, List<PersonResult> people) {
	}

	private final JdbcTemplate jdbc;

	private final Exams exams;

	private final OrganizationScope scope;

	ExamStatistics(JdbcTemplate jdbc, Exams exams, OrganizationScope scope) {
		this.jdbc = jdbc;
		this.exams = exams;
		this.scope = scope;
	}

	/** The exam as a list line, for one who manages some of its people. */
	Exams.ExamLine line(Caller caller, long examId) {
		Exams.Exam exam = exams.managed(caller, examId);
		return exams.managedList(caller).stream().filter(l -> l.id() == exam.id()).findFirst()
			.orElseThrow(() -> new OutOfScopeException("exam", examId));
	}

	Statistics of(Caller caller, long examId, Long orgId) {
		Exams.Exam exam = exams.managed(caller, examId);
		Set<Long> covered = new HashSet<>(orgId == null ? scope.visibleTo(caller, QuestionBank.MANAGERS)
				: reach(caller, orgId));
		covered.retainAll(scope.subtree(exam.orgId()));
		if (covered.isEmpty()) {
			throw new OutOfScopeException("exam", examId);
		}
		Long[] orgs = covered.toArray(Long[]::new);
		// each person once: their best completed attempt, else their latest
		List<Object[]> people = jdbc.query("""
				select distinct on (a.account_id) a.account_id, a.person_name, a.org_id, a.score, a.passed,
				    a.pending_manual, a.submitted_by, count(*) over (partition by a.account_id), a.completed_at is not null
				from exam_attempt a where a.exam_id = ? and a.org_id = any (?)
				order by a.account_id, a.completed_at is null, a.score desc nulls last, a.id desc""",
				(rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4),
						(Boolean) rs.getObject(5), rs.getInt(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9) },
				exam.id(), orgs);
		Map<Long, Integer> invited = exams.invitedPerOrganization(exam, covered);
		Map<Long, OrgRef> refs = new HashMap<>();
		scope.findAll(covered).forEach(r -> refs.put(r.id(), r));
		Map<Long, String> names = scope.qualifiedNames(covered);
		Map<Long, int[]> perOrg = new HashMap<>();
		Map<Long, BigDecimal> sums = new HashMap<>();
		int passed = 0;
		int pending = 0;
		BigDecimal sum = BigDecimal.ZERO;
		int scored = 0;
		double total = exam.totalScore().doubleValue();
		int[] bands = new int[10];
		List<PersonResult> results = new ArrayList<>();
		for (Object[] p : people) {
			long org = (Long) p[2];
			BigDecimal score = (BigDecimal) p[3];
			boolean complete = (Boolean) p[8];
			int[] counts = perOrg.computeIfAbsent(org, o -> new int[3]);
			counts[0]++;
			if (Boolean.TRUE.equals(p[4])) {
				passed++;
				counts[1]++;
			}
			pending += (Integer) p[5];
			if (complete && score != null) {
				sum = sum.add(score);
				scored++;
				counts[2]++;
				sums.merge(org, score, BigDecimal::add);
				int band = total <= 0 ? 0 : (int) Math.min(9, Math.floor(score.doubleValue() / total * 10));
				bands[band]++;
			}
			results.add(new PersonResult((Long) p[0], (String) p[1], org, names.get(org), (Integer) p[7],
					Attempts.number(score), (Boolean) p[4], (Integer) p[5], (String) p[6]));
		}
		results.sort(Comparator.comparing(PersonResult::organizationName, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(PersonResult::name));
		List<Band> distribution = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			distribution.add(new Band(round(total * i / 10), round(total * (i + 1) / 10), bands[i]));
		}
		// branches: where people sit (a branch, or a group's branch); colleges: the general branch above them
		Map<Long, Long> branchOf = new HashMap<>();
		Map<Long, Long> collegeOf = new HashMap<>();
		Set<Long> placed = new HashSet<>(perOrg.keySet());
		placed.addAll(invited.keySet());
		for (Long org : placed) {
			for (OrgRef ancestor : scope.lineage(org)) {
				if (ancestor.type() == OrgType.BRANCH) {
					branchOf.put(org, ancestor.id());
				}
				if (ancestor.type() == OrgType.GENERAL_BRANCH) {
					collegeOf.put(org, ancestor.id());
				}
			}
		}
		List<Group> branches = groups(branchOf, perOrg, sums, invited);
		List<Group> colleges = groups(collegeOf, perOrg, sums, invited);
		int invitedTotal = invited.values().stream().mapToInt(Integer::intValue).sum();
		List<QuestionRate> questions = jdbc.query("""
				select w.question_id, q.type, q.text, count(*), count(*) filter (where w.correct)
				from exam_answer w join exam_attempt a on a.id = w.attempt_id join exam_question q on q.id = w.question_id
				where a.exam_id = ? and a.org_id = any (?) and a.submitted_at is not null and w.score is not null
				group by w.question_id, q.type, q.text""", (rs, n) -> new QuestionRate(rs.getLong(1),
				QuestionType.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4), rs.getInt(5),
				rate(rs.getInt(5), rs.getInt(4))), exam.id(), orgs);
		questions = new ArrayList<>(questions);
		questions.sort(Comparator.comparing(QuestionRate::rate).thenComparing(QuestionRate::questionId));
		return new Statistics(exam.id(), exam.title(), orgId, Attempts.number(exam.totalScore()),
				Attempts.number(exam.passMark()), invitedTotal, people.size(), passed, pending,
				invitedTotal == 0 ? null : rate(people.size(), invitedTotal), rate(passed, people.size()),
				scored == 0 ? null : Attempts.number(sum.divide(BigDecimal.valueOf(scored), 1, RoundingMode.HALF_UP)),
				distribution, branches, colleges, questions, results);
	}

	/** People who took part and who passed, per exam, counting only the caller's organisations (for the list). */
	record Takers(int participants, int passed) {
	}

	Map<Long, Takers> takers(Caller caller, List<Long> examIds) {
		Set<Long> orgs = scope.visibleTo(caller, QuestionBank.MANAGERS);
		Map<Long, Takers> out = new HashMap<>();
		if (orgs.isEmpty() || examIds.isEmpty()) {
			return out;
		}
		jdbc.query("""
				select exam_id, count(distinct account_id), count(distinct account_id) filter (where passed)
				from exam_attempt where exam_id = any (?) and org_id = any (?) group by exam_id""",
				rs -> {
					out.put(rs.getLong(1), new Takers(rs.getInt(2), rs.getInt(3)));
				}, examIds.toArray(Long[]::new), orgs.toArray(Long[]::new));
		return out;
	}

	/**
	 * Per exam and organisation (where each person started): the people who completed it and those of them who
	 * passed, each person once. One query for any number of exams and organisations.
	 */
	Map<Long, Map<Long, int[]>> completed(Collection<Long> examIds, Collection<Long> orgs) {
		Map<Long, Map<Long, int[]>> out = new HashMap<>();
		if (examIds.isEmpty() || orgs.isEmpty()) {
			return out;
		}
		jdbc.query("""
				select exam_id, org_id, count(distinct account_id),
				    count(distinct account_id) filter (where passed)
				from exam_attempt where exam_id = any (?) and org_id = any (?) and completed_at is not null
				group by exam_id, org_id""", rs -> {
			out.computeIfAbsent(rs.getLong(1), e -> new HashMap<>()).put(rs.getLong(2), new int[] { rs.getInt(3), rs.getInt(4) });
		}, examIds.toArray(Long[]::new), orgs.toArray(Long[]::new));
		return out;
	}

	private Set<Long> reach(Caller caller, long orgId) {
		scope.requireReach(caller, orgId, QuestionBank.MANAGERS);
		return scope.subtree(orgId);
	}

	private List<Group> groups(Map<Long, Long> groupOf, Map<Long, int[]> perOrg, Map<Long, BigDecimal> sums,
			Map<Long, Integer> invited) {
		Map<Long, int[]> counts = new LinkedHashMap<>();
		Map<Long, BigDecimal> groupSums = new HashMap<>();
		groupOf.forEach((org, group) -> {
			int[] c = counts.computeIfAbsent(group, g -> new int[4]);
			int[] o = perOrg.getOrDefault(org, new int[3]);
			c[0] += invited.getOrDefault(org, 0);
			c[1] += o[0];
			c[2] += o[1];
			c[3] += o[2];
			if (sums.containsKey(org)) {
				groupSums.merge(group, sums.get(org), BigDecimal::add);
			}
		});
		Map<Long, String> names = scope.qualifiedNames(counts.keySet());
		Map<Long, OrgRef> refs = new HashMap<>();
		scope.findAll(counts.keySet()).forEach(r -> refs.put(r.id(), r));
		List<Group> out = new ArrayList<>();
		counts.forEach((group, c) -> out.add(new Group(group, names.get(group),
				refs.containsKey(group) ? refs.get(group).type() : null, c[0], c[1], c[2],
				c[0] == 0 ? null : rate(c[1], c[0]), rate(c[2], c[1]),
				c[3] == 0 ? null : Attempts.number(groupSums.getOrDefault(group, BigDecimal.ZERO)
					.divide(BigDecimal.valueOf(c[3]), 1, RoundingMode.HALF_UP)))));
		out.sort(Comparator.comparing(Group::name, Comparator.nullsLast(Comparator.naturalOrder())));
		return out;
	}

	private static Double rate(int part, int whole) {
		return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}
}
