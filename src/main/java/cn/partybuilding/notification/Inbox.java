package cn.partybuilding.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.analytics.WarningsDigested;
import cn.partybuilding.content.ContentDecided;
import cn.partybuilding.dues.DuesArrearsWarned;
import cn.partybuilding.interaction.LetterHandled;
import cn.partybuilding.interaction.QuestionAnswered;
import cn.partybuilding.dues.DuesBaseReviewDue;
import cn.partybuilding.dues.DuesBasesMissing;
import cn.partybuilding.dues.DuesReliefGranted;
import cn.partybuilding.dues.DuesReliefProposed;
import cn.partybuilding.dues.DuesReliefRefused;
import cn.partybuilding.learning.CourseAssigned;
import cn.partybuilding.learning.OutlinePublished;
import cn.partybuilding.learning.OutlineReminderDue;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.orglife.ComplianceGap;
import cn.partybuilding.orglife.MeetingPlanned;
import cn.partybuilding.orglife.MeetingsMissing;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;
import cn.partybuilding.transfer.PocketMembersReminded;
import cn.partybuilding.transfer.TransferStepTaken;
import cn.partybuilding.volunteer.VolunteerPlaceOffered;
import cn.partybuilding.volunteer.VolunteerShiftCancelled;
import cn.partybuilding.volunteer.VolunteerShiftReminded;

/** 我的通知: what the platform has to tell a person, newest first; opening one marks it read. */
@Service
class Inbox {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(PlatformZone.ZONE);

	private final JdbcTemplate jdbc;

	private final MemberDirectory members;

	private final Clock clock;

	private final AccountManagement accounts;

	private final MessageSource messages;

	private final OrganizationScope scope;

	Inbox(JdbcTemplate jdbc, MemberDirectory members, Clock clock, AccountManagement accounts, MessageSource messages,
			OrganizationScope scope) {
		this.scope = scope;
		this.accounts = accounts;
		this.messages = messages;
		this.jdbc = jdbc;
		this.members = members;
		this.clock = clock;
	}

	record Notice(long id, String title, String body, String link, Instant createdAt, Instant readAt) {
	}

	/** The early-warning centre's weekly digest: one notice to each person it names, linking to the centre. */
	@ApplicationModuleListener
	void on(WarningsDigested event) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				event.digests().stream().map(d -> new Object[] { d.accountId(),
						"预警周报（" + event.week() + "）：" + d.count() + " 条预警待处理",
						"您负责的党组织有以下预警：" + d.byKind() + "。请到预警中心逐条处理。", "/analytics/warnings", now })
					.toList());
	}

	/** Each invitee hears of the meeting, with where and when, and a link to it (and to asking for leave). */
	@ApplicationModuleListener
	void on(MeetingPlanned event) {
		List<Long> accounts = members.accountsOf(event.inviteeMemberIds());
		Timestamp now = Timestamp.from(clock.instant());
		// notices are stored in Chinese, whatever their reader's language
		String title = "会议通知：" + messages.getMessage(event.type().messageKey(), null, Locale.SIMPLIFIED_CHINESE) + "「"
				+ event.topic() + "」";
		String body = WHEN.format(event.startAt()) + (event.place() == null || event.place().isEmpty() ? "" : "，" + event.place())
				+ "。" + event.organizationName() + "，组织者 " + event.organiser() + "。不能参加请在会议页请假。";
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				accounts.stream().map(a -> new Object[] { a, title, body, "/meetings/" + event.meetingId(), now }).toList());
	}

	/** The week's study outline reaches every member it is for. */
	@ApplicationModuleListener
	void on(OutlinePublished event) {
		Timestamp now = Timestamp.from(clock.instant());
		String title = "每周学习纲要：" + event.title();
		String body = event.organizationName() + "发布 " + event.week() + " 学习纲要，必学 " + event.requiredCount()
				+ " 项，请于" + event.dueOn().getMonthValue() + "月" + event.dueOn().getDayOfMonth() + "日前完成。";
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				members.accountsIn(scope.subtree(event.organizationId())).stream().map(MemberAccount::accountId).distinct()
					.map(a -> new Object[] { a, title, body, "/study/outlines/" + event.outlineId(), now }).toList());
	}

	/** Everyone the course was assigned to hears of it, with the due date if there is one. */
	@ApplicationModuleListener
	void on(CourseAssigned event) {
		Timestamp now = Timestamp.from(clock.instant());
		String title = "课程学习：" + event.title();
		String body = event.organizationName() + "布置了课程《" + event.title() + "》"
				+ (event.dueOn() == null ? "，请按章节学习。"
						: "，请于" + event.dueOn().getYear() + "年" + event.dueOn().getMonthValue() + "月" + event.dueOn().getDayOfMonth()
								+ "日前学完。");
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				members.accountsIn(scope.subtree(event.organizationId())).stream().map(MemberAccount::accountId).distinct()
					.map(a -> new Object[] { a, title, body, "/study/courses/" + event.courseId(), now }).toList());
	}

	/** Once, before the due date, to those who have not finished. */
	@ApplicationModuleListener
	void on(OutlineReminderDue event) {
		Timestamp now = Timestamp.from(clock.instant());
		String title = "学习提醒：" + event.title();
		String body = "本期学习纲要将于" + event.dueOn().getMonthValue() + "月" + event.dueOn().getDayOfMonth()
				+ "日截止，您还有必学内容未完成。";
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				event.accountIds().stream().map(a -> new Object[] { a, title, body, "/study/outlines/" + event.outlineId(), now })
					.toList());
	}

	/** A period ends soon: the branch's secretary and committee hear what is missing, the general branch gets the list. */
	@ApplicationModuleListener
	void on(MeetingsMissing event) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		String ends = event.periodEnds().getMonthValue() + "月" + event.periodEnds().getDayOfMonth() + "日";
		for (ComplianceGap gap : event.gaps()) {
			for (Long account : accounts.holdersAt(gap.branchId(), Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE)) {
				rows.add(new Object[] { account, "组织生活提醒：" + gap.branchName() + " " + event.period() + " 尚缺会议",
						"尚缺：" + gap.missing() + "。本期于" + ends + "结束，请及时召开并签发会议记录。",
						"/orglife/year?orgId=" + gap.branchId(), now });
			}
		}
		event.gaps().stream().filter(g -> g.parentId() != null)
			.collect(Collectors.groupingBy(ComplianceGap::parentId))
			.forEach((parent, gaps) -> {
				for (Long account : accounts.holdersAt(parent, Role.GENERAL_BRANCH_ADMIN)) {
					rows.add(new Object[] { account, "组织生活提醒：" + gaps.size() + " 个党支部 " + event.period() + " 尚缺会议",
							gaps.stream().map(ComplianceGap::branchName).collect(Collectors.joining("、"))
									+ "。本期于" + ends + "结束。",
							"/orglife/compliance?orgId=" + parent + "&period=" + event.period(), now });
				}
			});
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)", rows);
	}

	/**
	 * Consecutive unpaid months: at the first level the member and their branch's secretary and committee
	 * hear of it; from the second the general branch too; at the last the branch is asked to decide.
	 */
	@ApplicationModuleListener
	void on(DuesArrearsWarned event) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		// the event names each member's account; each branch's officers are looked up once, not once per member
		Map<Long, List<Long>> officers = new HashMap<>();
		Map<Long, List<Long>> above = new HashMap<>();
		for (var w : event.warnings()) {
			String what = w.memberName() + " 自 " + w.since() + " 起已连续 " + w.months() + " 个月未交纳党费，共 " + w.owed().toPlainString() + " 元";
			boolean flagged = w.flagged();
			for (Long account : w.accountId() == null ? List.<Long>of() : List.of(w.accountId())) {
				rows.add(new Object[] { account, "党费提醒：已连续 " + w.months() + " 个月未交纳",
						"您自 " + w.since() + " 起已连续 " + w.months() + " 个月未交纳党费，共 " + w.owed().toPlainString()
								+ " 元。请及时交纳；有困难可向支部申请减免。", "/me/dues", now });
			}
			String title = flagged ? "党费：" + w.memberName() + " 已连续 " + w.months() + " 个月未交纳，请支部研究处理"
					: "党费提醒：" + w.memberName() + " 已连续 " + w.months() + " 个月未交纳";
			String body = what + (flagged ? "。按党章规定，连续六个月不交纳党费又无正当理由的，由支部研究决定；平台不会自动处理。" : "。请联系本人督促交纳。");
			for (Long account : officers.computeIfAbsent(w.branchId(),
					b -> accounts.holdersAt(b, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE))) {
				rows.add(new Object[] { account, title, body, "/dues/arrears?orgId=" + w.branchId(), now });
			}
			if ((w.escalated() || flagged) && w.generalBranchId() != null) {
				// the general branch above, or the committee itself for a branch directly under it
				for (Long account : above.computeIfAbsent(w.generalBranchId(),
						g -> accounts.holdersAt(g, Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN))) {
					rows.add(new Object[] { account, title + "（" + w.branchName() + "）", body,
							"/dues/arrears?orgId=" + w.generalBranchId(), now });
				}
			}
		}
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)", rows);
	}

	/** A transfer waits at a new stage: those who act there are told; the member hears of each step. */
	@ApplicationModuleListener
	void on(TransferStepTaken event) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		String link = "/transfers/" + event.transferId();
		if (event.next() != null && event.nextOrgId() != null) {
			Role[] roles = switch (event.next()) {
				case SENDING_BRANCH, RECEIVING_BRANCH -> new Role[] { Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE };
				case SENDING_GENERAL, RECEIVING_GENERAL -> new Role[] { Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN };
				case COMMITTEE_ISSUE -> new Role[] { Role.COMMITTEE_ADMIN };
			};
			for (Long account : accounts.holdersAt(event.nextOrgId(), roles)) {
				rows.add(new Object[] { account, "待办：" + event.memberName() + " 的组织关系转接待" + event.next().title(),
						event.fromName() + " → " + event.toName() + "。", link, now });
			}
		}
		for (Long account : event.memberId() == null ? List.<Long>of() : members.accountsOf(List.of(event.memberId()))) {
			rows.add(new Object[] { account, "组织关系转接：" + event.summary(), event.next() == null ? "" : "下一步：" + event.next().title(),
					link, now });
		}
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)", rows);
	}

	/** The weekly 口袋党员 reminder: the branch's secretary and committee, the committee for lapsed letters. */
	@ApplicationModuleListener
	void on(PocketMembersReminded event) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		event.byBranch().forEach((org, count) -> accounts.holdersAt(org, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE)
			.forEach(account -> rows.add(new Object[] { account, "本支部有 " + count + " 名口袋党员需要联系",
					"六个月以上未联系（含出国境党员）或毕业暂留超过两年。请联系本人并记录，或办理组织关系转接。", "/transfers/pocket", now })));
		event.byCommittee().forEach((org, count) -> accounts.holdersAt(org, Role.COMMITTEE_ADMIN)
			.forEach(account -> rows.add(new Object[] { account, count + " 封介绍信过期未回执",
					"党员已持介绍信离开但回执未回。请联系接收党组织或重新开具介绍信。", "/transfers/pocket", now })));
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)", rows);
	}

	@ApplicationModuleListener
	void on(DuesBaseReviewDue event) {
		Timestamp now = Timestamp.from(clock.instant());
		String title = "请核对 " + event.year() + " 年度党费交纳基数";
		String body = "党费按月工资收入（税后）中相对固定的部分计算。工资有变化的，请在“我的党费”中申报新的基数，从领取新工资的当月起执行。";
		List<Long> accountIds = members.accountsOf(event.memberIds());
		for (int i = 0; i < accountIds.size(); i += 1000) {
			jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
					accountIds.subList(i, Math.min(accountIds.size(), i + 1000)).stream()
						.map(a -> new Object[] { a, title, body, "/me/dues#base", now }).toList());
		}
	}

	@Transactional(readOnly = true)
	public List<Notice> of(Caller caller, int limit) {
		return jdbc.query("""
				select id, title, body, link, created_at, read_at from notification where account_id = ?
				order by created_at desc, id desc limit ?""", (rs, n) -> new Notice(rs.getLong(1), rs.getString(2),
				rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
				rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()), caller.accountId(), limit);
	}

	@Transactional(readOnly = true)
	public int unread(Caller caller) {
		Integer n = jdbc.queryForObject("select count(*) from notification where account_id = ? and read_at is null",
				Integer.class, caller.accountId());
		return n == null ? 0 : n;
	}

	/** Marks one's own notice read and gives where it points; someone else's is not found. */
	@Transactional
	public Optional<String> open(Caller caller, long id) {
		List<String> link = jdbc.queryForList("select coalesce(link, '/me/notifications') from notification where id = ? and account_id = ?",
				String.class, id, caller.accountId());
		if (link.isEmpty()) {
			return Optional.empty();
		}
		jdbc.update("update notification set read_at = coalesce(read_at, ?) where id = ?", Timestamp.from(clock.instant()), id);
		return Optional.of(link.get(0));
	}

	/** A branch proposed relief: the administrators who decide it (the organisation above the branch) are told. */
	@ApplicationModuleListener
	void on(DuesReliefProposed event) {
		Timestamp now = Timestamp.from(clock.instant());
		String title = "党费减免待审批：" + event.memberName() + "（" + event.branchName() + "）";
		String body = event.what() + "，原因：" + event.reason() + "。党支部（" + event.proposedBy() + "）提出，请审批。";
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				accounts.holdersAt(event.approverOrgId(), Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN).stream()
					.map(a -> new Object[] { a, title, body, "/dues/reliefs?orgId=" + event.approverOrgId(), now }).toList());
	}

	/** The author of an item hears what became of it: returned with comments, rejected, published, withdrawn and why. */
	@ApplicationModuleListener
	void on(ContentDecided event) {
		String title = switch (event.decision()) {
			case "RETURN" -> "稿件退回修改：";
			case "REJECT" -> "稿件未通过审核：";
			case "PUBLISH" -> "稿件已发布：";
			default -> "稿件已撤回：";
		} + event.title();
		String body = switch (event.decision()) {
			case "PUBLISH" -> "《" + event.title() + "》已审核通过并发布。";
			case "WITHDRAW" -> "《" + event.title() + "》已被 " + event.decidedBy() + " 撤回，原因：" + event.comment() + "。";
			default -> event.decidedBy() + " 的审核意见：" + event.comment();
		};
		jdbc.update("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				event.authorAccount(), title, body, "/content/items/" + event.itemId(), Timestamp.from(event.at()));
	}

	/** The first on a volunteer shift's waiting list got the place that freed. */
	@ApplicationModuleListener
	void on(VolunteerPlaceOffered event) {
		jdbc.update("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				event.accountId(), "志愿服务候补成功：" + event.activityTitle(),
				"有名额空出，您已从候补转为正式报名：" + WHEN.format(event.startAt()) + "，" + event.place() + "。不能参加请在活动页取消。",
				"/volunteer/activities/" + event.activityId(), Timestamp.from(clock.instant()));
	}

	/** A volunteer shift (or a whole activity) was cancelled: everyone signed up or waiting, once each, with why. */
	@ApplicationModuleListener
	void on(VolunteerShiftCancelled event) {
		Timestamp now = Timestamp.from(clock.instant());
		String title = (event.wholeActivity() ? "志愿活动已取消：" : "志愿服务班次已取消：") + event.activityTitle();
		String body = (event.wholeActivity() ? "您报名或候补的志愿活动「" + event.activityTitle() + "」已取消"
				: "您报名或候补的班次已取消")
				+ "（" + event.startTimes().stream().map(WHEN::format).collect(Collectors.joining("、")) + "，" + event.place()
				+ "）。原因：" + event.reason() + "。组织者：" + event.cancelledBy() + "。";
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				event.accountIds().stream().distinct()
					.map(a -> new Object[] { a, title, body, "/volunteer/activities/" + event.activityId(), now }).toList());
	}

	/** The day before a volunteer shift, those with a place on it. */
	@ApplicationModuleListener
	void on(VolunteerShiftReminded event) {
		Timestamp now = Timestamp.from(clock.instant());
		String title = "志愿服务提醒：" + event.activityTitle();
		String body = "明天 " + WHEN.format(event.startAt()) + "，" + event.place()
				+ (event.contact() == null || event.contact().isEmpty() ? "" : "，联系人 " + event.contact())
				+ "。请按时到场扫码签到。";
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				event.accountIds().stream().map(a -> new Object[] { a, title, body, "/volunteer/activities/" + event.activityId(), now })
					.toList());
	}

	/** A named letter was answered, forwarded, escalated or closed: its writer hears where it is (书记信箱). */
	@ApplicationModuleListener
	void on(LetterHandled event) {
		String title = switch (event.what()) {
			case "ANSWERED" -> "书记信箱：来信已答复";
			case "FORWARDED" -> "书记信箱：来信已转交";
			case "ESCALATED" -> "书记信箱：来信已转上级组织";
			default -> "书记信箱：来信已办结";
		};
		String body = "您的来信「" + event.subject() + "」" + switch (event.what()) {
			case "ANSWERED" -> "已由" + event.organizationName() + "答复。";
			case "FORWARDED" -> "已转交" + event.organizationName() + "办理。";
			case "ESCALATED" -> "逾期未答复，已转" + event.organizationName() + "办理。";
			default -> "已由" + event.organizationName() + "办结。";
		};
		jdbc.update("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				event.writerAccountId(), title, body, "/mailbox/letters/" + event.letterId(), Timestamp.from(event.at()));
	}

	/** A question got an answer: its asker hears of it. */
	@ApplicationModuleListener
	void on(QuestionAnswered event) {
		jdbc.update("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)",
				event.askerAccountId(), "问答：您的提问有了新回答", event.answeredBy() + " 回答了您的提问「" + event.title() + "」。",
				"/questions/" + event.questionId(), Timestamp.from(event.at()));
	}

	/** Relief approved: the member and their branch hear of it. */
	@ApplicationModuleListener
	void on(DuesReliefGranted event) {
		reliefDecided(event.memberId(), event.memberName(), event.branchId(), "党费减免已批准",
				event.what() + "，原因：" + event.reason() + "。已由 " + event.approvedBy() + " 批准"
						+ (event.note() == null || event.note().isEmpty() ? "" : "（" + event.note() + "）") + "。");
	}

	/** Relief refused: the member and their branch hear why. */
	@ApplicationModuleListener
	void on(DuesReliefRefused event) {
		reliefDecided(event.memberId(), event.memberName(), event.branchId(), "党费减免未获批准",
				event.what() + " 未获批准，理由：" + event.refusal() + "（" + event.refusedBy() + "）。");
	}

	private void reliefDecided(long memberId, String memberName, long branchId, String title, String body) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		members.accountsOf(List.of(memberId)).forEach(a -> rows.add(new Object[] { a, title, body, "/me/dues", now }));
		accounts.holdersAt(branchId, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE).forEach(a -> rows.add(new Object[] { a,
				title + "：" + memberName, body, "/dues/members/" + memberId + "#relief", now }));
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)", rows);
	}

	/**
	 * Members owing dues on a base with none approved for months: one notice per branch (its secretary and
	 * committee) and one per general branch (or committee) above, naming them.
	 */
	@ApplicationModuleListener
	void on(DuesBasesMissing event) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		String title = "党费基数未核定：超过 " + event.months() + " 个月未核定交纳基数，未出党费账单";
		event.members().stream().collect(Collectors.groupingBy(DuesBasesMissing.Missing::branchId)).forEach((branch, list) -> {
			String body = list.get(0).branchName() + "：" + list.stream().map(DuesBasesMissing.Missing::memberName)
				.collect(Collectors.joining("、")) + " 尚未核定党费交纳基数。请督促申报并审核，核定后补出账单。";
			for (Long account : accounts.holdersAt(branch, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE)) {
				rows.add(new Object[] { account, title, body, "/dues?orgId=" + branch + "#missing-bases", now });
			}
		});
		event.members().stream().filter(m -> m.generalBranchId() != null)
			.collect(Collectors.groupingBy(DuesBasesMissing.Missing::generalBranchId)).forEach((parent, list) -> {
				String body = list.stream().map(m -> m.memberName() + "（" + m.branchName() + "）").collect(Collectors.joining("、"))
						+ " 尚未核定党费交纳基数。";
				for (Long account : accounts.holdersAt(parent, Role.GENERAL_BRANCH_ADMIN, Role.COMMITTEE_ADMIN)) {
					rows.add(new Object[] { account, title + "（" + list.size() + " 人）", body, "/dues?orgId=" + parent, now });
				}
			});
		jdbc.batchUpdate("insert into notification (account_id, title, body, link, created_at) values (?, ?, ?, ?, ?)", rows);
	}
}
