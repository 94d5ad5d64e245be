package cn.partybuilding.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.interaction.SurveyManagement;
import cn.partybuilding.interaction.SurveyOnFile;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * 问卷投票 for the demo university: the 计算机学院's anonymous survey of its members' study needs, open this week with
 * results live and some forty answers in (member1 has not answered: it waits on their phone), and branch1's named
 * vote for its 优秀共产党员 candidate, closed, with its results.
 */
@Component
class SurveyDemo {

	private final SurveyManagement surveys;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	SurveyDemo(SurveyManagement surveys, AccountManagement accounts, MemberDirectory members, OrganizationScope scope) {
		this.surveys = surveys;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
	}

	void seed(Map<String, Long> ids, Instant now) {
		SplittableRandom random = new SplittableRandom(2026_19);
		long member1 = accounts.callerFor("member1").accountId();

		long needs = surveys.set(accounts.callerFor("college1"), new SurveyOnFile(ids.get("JSJ"),
				"2026 年党员教育培训需求调查（匿名）",
				"为制定明年的党员教育培训计划，请每位党员如实填写。问卷匿名，任何人都无法看到您选了什么。", true, "SUBTREE",
				now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(5)), true,
				List.of(new SurveyOnFile.Question("SINGLE", "您更希望的学习方式是", List.of("集中授课", "线上自学", "专题研讨", "实地参观"), true),
						new SurveyOnFile.Question("MULTIPLE", "您最希望学习的内容（可多选）",
								List.of("党的创新理论", "党史", "党章党规", "师德师风", "时事政策"), true),
						new SurveyOnFile.Question("RATING", "您对今年党员教育培训的总体评价", List.of(), true),
						new SurveyOnFile.Question("TEXT", "其他意见和建议", List.of(), false))));
		int answered = 0;
		String[] suggestions = { "希望多安排红色教育基地参观", "线上课程可以再短一些，方便碎片化学习", "建议增加与学生党员的交流",
				"希望专题研讨能提前发材料", "" };
		for (MemberAccount m : members.accountsIn(scope.subtree(ids.get("JSJ")))) {
			if (m.accountId() == member1 || random.nextInt(3) != 0 || answered >= 42) {
				continue;
			}
			answered++;
			List<Integer> contents = new ArrayList<>();
			for (int o = 0; o < 5; o++) {
				if (random.nextInt(5) < 2 || (o == 4 && contents.isEmpty())) {
					contents.add(o);
				}
			}
			String text = suggestions[random.nextInt(suggestions.length)];
			List<SurveyOnFile.Answer> answers = new ArrayList<>(List.of(
					new SurveyOnFile.Answer(0, List.of(Math.min(3, random.nextInt(5))), null, null),
					new SurveyOnFile.Answer(1, contents, null, null),
					new SurveyOnFile.Answer(2, null, null, 3 + random.nextInt(3))));
			if (!text.isEmpty()) {
				answers.add(new SurveyOnFile.Answer(3, null, text, null));
			}
			surveys.answer(person(m), needs, answers);
		}

		Caller branch1 = accounts.callerFor("branch1");
		long vote = surveys.set(branch1, new SurveyOnFile(ids.get("JSJ-1"), "推选 2026 年度优秀共产党员候选人（实名投票）",
				"支部党员大会前的推选：每人一票，实名。", false, "BRANCH", now.minus(Duration.ofDays(10)),
				now.plus(Duration.ofHours(1)), false,
				List.of(new SurveyOnFile.Question("SINGLE", "您推选的候选人", List.of("赵红梅", "孙立新", "李文博"), true),
						new SurveyOnFile.Question("TEXT", "推选理由", List.of(), false))));
		for (MemberAccount m : members.accountsIn(List.of(ids.get("JSJ-1")))) {
			if (m.accountId() != member1 && random.nextInt(5) == 0) {
				continue;
			}
			int choice = random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 7 ? 1 : 2;
			surveys.answer(person(m), vote, List.of(new SurveyOnFile.Answer(0, List.of(choice), null, null),
					new SurveyOnFile.Answer(1, null, choice == 0 ? "工作扎实，带头作用明显" : "积极参加志愿服务", null)));
		}
		surveys.close(branch1, vote);
	}

	/** A demo member acting for themselves (their account, at their branch). */
	private static Caller person(MemberAccount m) {
		return new Caller(m.accountId(), "member-" + m.memberId(), m.name(),
				List.of(new Caller.Grant(Role.MEMBER, m.organizationId())));
	}
}
