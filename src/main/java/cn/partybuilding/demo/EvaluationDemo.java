package cn.partybuilding.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.assessment.DemocraticEvaluations;
import cn.partybuilding.assessment.EvaluationGrade;
import cn.partybuilding.assessment.EvaluationProposal;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * 民主评议党员 for the demo university: this year's evaluation of branch1's branch, finished. Every member wrote a
 * self-assessment, the full members voted in secret, branch1 closed the vote and proposed the grades (the grade of
 * most votes), and college1, the general branch, approved them: each member's 纪实 holds both lines.
 */
@Component
class EvaluationDemo {

	private static final String[] SELF = { "本年度认真学习党的创新理论，按时参加组织生活，按时足额交纳党费，在教学科研岗位上发挥党员作用。",
			"积极参加支部主题党日和志愿服务，完成学习强国和支部学习任务；不足是理论学习还不够系统。",
			"坚持立德树人，指导学生党员开展学习活动；今后要加强与群众的联系。" };

	private final DemocraticEvaluations evaluations;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	EvaluationDemo(DemocraticEvaluations evaluations, AccountManagement accounts, MemberDirectory members,
			OrganizationScope scope) {
		this.evaluations = evaluations;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
	}

	void seed(Map<String, Long> ids, Instant now) {
		SplittableRandom random = new SplittableRandom(2026_20);
		long branch = ids.get("JSJ-1");
		Caller branch1 = accounts.callerFor("branch1");
		int year = java.time.LocalDate.ofInstant(now, PlatformZone.ZONE).getYear();
		long id = evaluations.create(branch1, branch, year, now.minus(Duration.ofDays(6)), now.plus(Duration.ofDays(1)));
		// a branch's subtree is the branch and its 党小组: its roll
		List<MemberSummary> people = members.summaries(scope.subtree(branch)).stream().filter(m -> m.accountId() != null).toList();
		for (MemberSummary m : people) {
			evaluations.selfAssess(person(m), id, SELF[random.nextInt(SELF.length)]);
		}
		for (MemberSummary voter : people) {
			if (voter.status() != MemberStatus.FULL) {
				continue;
			}
			Map<Long, EvaluationGrade> grades = new LinkedHashMap<>();
			for (MemberSummary m : people) {
				if (m.id() == voter.id() || random.nextInt(20) == 0) {
					continue; // now and then someone abstains on a colleague
				}
				int r = random.nextInt(100);
				grades.put(m.id(), r < 35 ? EvaluationGrade.EXCELLENT : r < 97 ? EvaluationGrade.QUALIFIED
						: EvaluationGrade.BASICALLY_QUALIFIED);
			}
			evaluations.vote(person(voter), id, grades);
		}
		evaluations.close(branch1, id);
		List<EvaluationProposal> proposals = new ArrayList<>();
		evaluations.suggested(branch1, id).forEach((memberId, grade) -> proposals.add(new EvaluationProposal(memberId,
				grade == null || grade == EvaluationGrade.UNQUALIFIED ? EvaluationGrade.QUALIFIED : grade, null, null)));
		evaluations.propose(branch1, id, proposals);
		evaluations.approve(accounts.callerFor("college1"), id);
	}

	/** A demo member acting for themselves (their account, at their branch). */
	private static Caller person(MemberSummary m) {
		return new Caller(m.accountId(), "member-" + m.id(), m.name(),
				List.of(new Caller.Grant(Role.MEMBER, m.organizationId())));
	}
}
