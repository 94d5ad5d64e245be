package cn.partybuilding.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.interaction.LetterTo;
import cn.partybuilding.interaction.Mailbox;
import cn.partybuilding.interaction.QuestionAudience;
import cn.partybuilding.interaction.Questions;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * 书记信箱 and 问答 for the demo university: member1 (赵红梅) has written three letters to branch1's secretary (张伟) —
 * one answered, one waiting, one left unanswered past the setting's days and so escalated to 计算机学院 (college1
 * finds it in their 待办); in branch1's 问答 a question of a fellow member answered by the secretary and by member1
 * (named an answerer), the asker's best answer marked, member1's own question answered and marked, and one question
 * to the college still unanswered. All through the modules' rules, as the people themselves would.
 */
@Component
class MailboxDemo {

	private static final Logger log = LoggerFactory.getLogger(MailboxDemo.class);

	private final Mailbox mailbox;

	private final Questions questions;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	MailboxDemo(Mailbox mailbox, Questions questions, AccountManagement accounts, MemberDirectory members) {
		this.mailbox = mailbox;
		this.questions = questions;
		this.accounts = accounts;
		this.members = members;
	}

	void seed(Map<String, Long> ids, Instant now) {
		long started = System.nanoTime();
		long branch1 = ids.get("JSJ-1");
		Caller member1 = accounts.callerFor("member1");
		Caller secretary = accounts.callerFor("branch1");

		mailbox.writeOnFile(member1, LetterTo.BRANCH, "关于支部学习资料的建议",
				"张书记：支部每周的学习资料能否提前一天发到群里？不少同学周末实习，希望能提前安排时间学习。", now.minus(Duration.ofDays(10)));
		// left unanswered past the setting's days: the escalation moves it once to 计算机学院
		mailbox.escalateDue(now);
		long answered = mailbox.writeOnFile(member1, LetterTo.BRANCH, "主题党日活动时间",
				"本月主题党日和课程实验冲突，能否调整到周四下午？", now.minus(Duration.ofDays(5)));
		mailbox.answer(secretary, answered, "收到，本月主题党日改到周四下午 2 点，地点不变，通知已在支部群发布。谢谢你的建议！");
		mailbox.writeOnFile(member1, LetterTo.BRANCH, "预备党员转正材料",
				"请问转正申请需要提前多久提交？需要附哪些材料？", now.minus(Duration.ofDays(2)));

		List<MemberAccount> fellows = members.accountsIn(Set.of(branch1)).stream()
			.filter(a -> a.accountId() != member1.accountId())
			.limit(1)
			.toList();
		if (!fellows.isEmpty()) {
			MemberAccount fellow = fellows.get(0);
			Caller asker = new Caller(fellow.accountId(), "demo", fellow.name(),
					List.of(new Caller.Grant(Role.MEMBER, fellow.organizationId())));
			long q = questions.ask(asker, QuestionAudience.BRANCH, "思想汇报多久交一次？",
					"刚成为入党积极分子的同学问：思想汇报是每季度一次还是每月一次？有没有字数要求？");
			questions.answer(secretary, q, "按学校党委的规定每季度交一次，在季度末前提交即可，字数不作硬性要求，重在真实反映思想。");
			questions.nameAnswerer(secretary, branch1, member1.accountId(), member1.displayName());
			long best = questions.answer(member1, q, "我去年是每季度交一次，可以在平台“我的思想汇报”里直接写或上传扫描件。");
			questions.markBest(asker, q, best);
		}
		long mine = questions.ask(member1, QuestionAudience.BRANCH, "党费可以在手机上交吗？", "想确认一下党费能否在平台上直接缴纳。");
		long reply = questions.answer(secretary, mine, "可以，在手机首页“党费”卡片进入即可缴纳，缴纳后自动生成记录。");
		questions.markBest(member1, mine, reply);
		questions.ask(member1, QuestionAudience.GENERAL_BRANCH, "学院党课安排什么时候公布？", "想提前了解本学期学院党课的时间安排。");
		log.info("Demo mailbox and questions in {} ms", (System.nanoTime() - started) / 1_000_000);
	}
}
