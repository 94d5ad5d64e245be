package cn.partybuilding.demo;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.member.MemberView;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.transfer.Destination;
import cn.partybuilding.transfer.EarlierLetter;
import cn.partybuilding.transfer.TransferManagement;

/**
 * Transfers for the demo university, made through the transfer module's rules by the demo's accounts: a
 * teacher of branch1's branch asking to move (waiting for branch1), a letter out that lapsed without its
 * 回执, a member not heard of for eight months and a student abroad — so the transfer and 口袋党员 pages
 * have something to show.
 */
@Component
class TransferDemo {

	private final TransferManagement transfers;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	TransferDemo(TransferManagement transfers, AccountManagement accounts, MemberDirectory members, OrganizationScope scope) {
		this.transfers = transfers;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
	}

	/** {@code ids}: the demo's organisations as {@link DemoUniversity} numbers them ("JSJ", "JSJ-1", …). */
	@Transactional
	public void seed(Map<String, Long> ids, LocalDate today) {
		Caller branch1 = accounts.callerFor("branch1");
		// the three teachers of branch1's branch registered last (工号 T…: member1, registered after them, is not one)
		List<MemberView> teachers = members.summaries(Set.of(ids.get("JSJ-1"))).stream()
			.sorted(Comparator.comparingLong(MemberSummary::id).reversed())
			.map(m -> members.find(branch1, m.id()))
			.filter(m -> m.staffNumber() != null && m.staffNumber().startsWith("T"))
			.limit(3).toList();
		if (teachers.size() < 3) {
			return;
		}
		// asked by the teacher (a member's account is named by their 工号): waits for branch1
		transfers.askToMove(accounts.callerFor(teachers.get(0).staffNumber()), teachers.get(0).id(), ids.get("JSJ-2"),
				"到本学院研究生党支部任指导教师");
		// a letter out, issued 100 days ago and lapsed: 口袋党员 for the committee until the 回执 comes or it is reissued
		transfers.recordEarlierLetter(accounts.callerFor("admin"), new EarlierLetter(teachers.get(1).id(), Destination.EMPLOYER,
				"中共深圳市某科技有限公司委员会", "广东省深圳市南山区", "调往深圳工作", today.minusDays(100)));
		// not heard of since spring
		transfers.recordContact(branch1, teachers.get(2).id(), "参加主题党日", today.minusMonths(8));
		// a student of the college abroad, last in touch seven months ago (recorded by the college: the student's branch is not branch1's)
		Caller college1 = accounts.callerFor("college1");
		members.summaries(scope.subtree(ids.get("JSJ"))).stream().filter(m -> m.category() == Category.STUDENT)
			.min(Comparator.comparingLong(MemberSummary::id)).ifPresent(student -> {
				transfers.markAbroad(college1, student.id(), "英国", today.minusMonths(9));
				transfers.recordContact(college1, student.id(), "微信联系", today.minusMonths(7));
			});
	}
}
