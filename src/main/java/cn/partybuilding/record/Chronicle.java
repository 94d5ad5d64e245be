package cn.partybuilding.record;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.volunteer.VolunteerHoursConfirmed;
import cn.partybuilding.assessment.EvaluationGrade;
import cn.partybuilding.assessment.EvaluationGradeApproved;
import cn.partybuilding.assessment.EvaluationGradeProposed;
import cn.partybuilding.assessment.EvaluationStep;
import cn.partybuilding.account.AccountChanged;
import cn.partybuilding.dues.DuesBaseApproved;
import cn.partybuilding.dues.DuesPaid;
import cn.partybuilding.dues.DuesPaymentsRecorded;
import cn.partybuilding.dues.PaymentMethod;
import cn.partybuilding.dues.DuesReliefGranted;
import cn.partybuilding.dues.DuesReliefProposed;
import cn.partybuilding.dues.DuesReliefRefused;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberProfileCorrected;
import cn.partybuilding.development.ApplicantAdmitted;
import cn.partybuilding.development.DevelopmentStepTaken;
import cn.partybuilding.member.MemberRegistered;
import cn.partybuilding.member.MembersImported;
import cn.partybuilding.orglife.MeetingAttended;
import cn.partybuilding.orglife.MeetingConcluded;
import cn.partybuilding.orglife.MeetingType;
import cn.partybuilding.orglife.MeetingsRecorded;
import cn.partybuilding.orglife.Turnout;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.content.ContentPublished;
import cn.partybuilding.exam.ExamResultRecorded;
import cn.partybuilding.learning.CourseCompleted;
import cn.partybuilding.learning.HallVisited;
import cn.partybuilding.learning.MaterialStudied;
import cn.partybuilding.learning.OutlineFinished;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.training.TrainingClassCompleted;
import cn.partybuilding.transfer.TransferStepTaken;

/**
 * Record once: what other modules already know flows here by itself. Each listener runs after the
 * source's transaction has committed, and the publication registry retries it if the platform stops
 * in between, so no fact is lost and nobody re-types it.
 */
@Service
class Chronicle {

	private final RecordEntries entries;

	private final MemberDirectory members;

	private final Clock clock;

	private final JdbcTemplate jdbc;

	private final MessageSource messages;

	Chronicle(RecordEntries entries, MemberDirectory members, Clock clock, JdbcTemplate jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.entries = entries;
		this.members = members;
		this.clock = clock;
	}

	record Entry(long id, Instant occurredAt, String kind, String title, String detail, String actor,
			String sourceType, String sourceId) {
	}

	@ApplicationModuleListener
	void on(MemberRegistered event) {
		append(event.memberId(), event.at(), "MEMBER_REGISTERED", "登记入党员信息库", event.summary(), event.actor(),
				"member", event.memberId());
	}

	@ApplicationModuleListener
	void on(MemberProfileCorrected event) {
		boolean moved = event.organizationBefore() != event.organizationAfter();
		append(event.memberId(), event.at(), moved ? "ORGANIZATION_CORRECTED" : "PROFILE_CORRECTED",
				moved ? "所在党组织更正" : "党员信息更正", event.summary(), event.actor(), "member", event.memberId());
	}

	/** An import: one entry per member of the file, inserted in batches (a file may hold 50 000). */
	@ApplicationModuleListener
	void on(MembersImported event) {
		List<Object[]> rows = event.lines().stream().map(line -> new Object[] { line.memberId(),
				Timestamp.from(event.at()), switch (line.kind()) {
					case REGISTERED -> "MEMBER_REGISTERED";
					case CORRECTED -> "PROFILE_CORRECTED";
					case MOVED -> "ORGANIZATION_CORRECTED";
				}, switch (line.kind()) {
					case REGISTERED -> "登记入党员信息库";
					case CORRECTED -> "党员信息更正";
					case MOVED -> "所在党组织更正";
				}, line.summary(), event.actor(), "member-import", event.importId() }).toList();
		insertAll(rows);
	}

	/** Record once: the check-in is the attendance, the 纪实 gets it without anyone typing it again. */
	@ApplicationModuleListener
	void on(MeetingAttended event) {
		append(event.memberId(), event.at(), "MEETING_ATTENDED", "参加" + chineseName(event.type()),
				event.topic() + (event.late() ? "（迟到）" : "") + (event.manual() ? "（组织者代签到）" : "（扫码签到）"),
				event.manual() ? event.actor() : null, "meeting", event.meetingId());
	}

	/** The minutes are signed off: those who did not come get their line too, on leave or absent. */
	@ApplicationModuleListener
	void on(MeetingConcluded event) {
		event.absences().forEach(a -> append(a.memberId(), event.startAt(), a.onLeave() ? "MEETING_LEAVE" : "MEETING_ABSENT",
				(a.onLeave() ? "请假未参加" : "缺席") + chineseName(event.type()), event.topic(), null, "meeting", event.meetingId()));
	}

	/** Record once: a payment, however it came, is a line in the 纪实. */
	/** Meetings held offline and recorded afterwards: each line of their sign-in sheets, in batches. */
	@ApplicationModuleListener
	void on(MeetingsRecorded event) {
		// one statement, the columns as arrays (a branch's year is a few thousand lines)
		List<Long> member = new ArrayList<>();
		List<String> at = new ArrayList<>();
		List<String> kind = new ArrayList<>();
		List<String> title = new ArrayList<>();
		List<String> detail = new ArrayList<>();
		List<String> actor = new ArrayList<>();
		List<String> source = new ArrayList<>();
		for (MeetingsRecorded.Recorded m : event.meetings()) {
			String name = chineseName(m.type());
			for (var a : m.attendance()) {
				boolean came = a.turnout() == Turnout.ON_TIME || a.turnout() == Turnout.LATE;
				member.add(a.memberId());
				at.add((came && a.at() != null ? a.at() : m.startAt()).toString());
				kind.add(came ? "MEETING_ATTENDED" : a.turnout() == Turnout.ON_LEAVE ? "MEETING_LEAVE" : "MEETING_ABSENT");
				title.add(came ? "参加" + name : (a.turnout() == Turnout.ON_LEAVE ? "请假未参加" : "缺席") + name);
				detail.add(m.topic() + (a.turnout() == Turnout.LATE ? "（迟到）" : "") + (came ? "（签到表补录）" : ""));
				actor.add(came ? event.actor() : null);
				source.add(Long.toString(m.meetingId()));
			}
		}
		jdbc.update("""
				insert into record_entry (member_id, occurred_at, kind, title, detail, actor, source_type, source_id)
				select p, at, kind, title, detail, actor, 'meeting', source
				from unnest(?::bigint[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
				  as t(p, at, kind, title, detail, actor, source)""", member.toArray(Long[]::new), at.toArray(String[]::new),
				kind.toArray(String[]::new), title.toArray(String[]::new), detail.toArray(String[]::new),
				actor.toArray(String[]::new), source.toArray(String[]::new));
	}

	@ApplicationModuleListener
	void on(DuesPaid event) {
		boolean byGateway = event.recordedBy().startsWith("gateway:");
		append(event.memberId(), clock.instant(), "DUES_PAID", event.special() ? "交纳特殊党费" : "交纳党费",
				(event.special() ? "" : event.monthsText() + "，") + event.amount().toPlainString() + " 元，"
						+ (byGateway ? "在线缴纳" : "组织委员登记") + "，收据 " + event.receiptNo()
						+ (event.payerName().equals(event.memberName()) ? "" : "（" + event.payerName() + " 代交）"),
				byGateway ? null : event.recordedBy(), "dues-payment", event.paymentId());
	}

	/** Every step of a transfer is part of the member's party life: asked, approved, refused, accepted. */
	@ApplicationModuleListener
	void on(TransferStepTaken event) {
		if (event.memberId() == null) {
			return; // a letter from outside, not accepted yet: no member, no 纪实 yet
		}
		append(event.memberId(), clock.instant(), "TRANSFER_" + event.step(), "组织关系转接", event.summary(), event.actor(),
				"transfer", event.transferId());
	}

	@ApplicationModuleListener
	void on(DuesReliefGranted event) {
		append(event.memberId(), clock.instant(), "DUES_RELIEF", "党费减免", event.summary(), event.approvedBy(), "member",
				event.memberId());
	}

	@ApplicationModuleListener
	void on(DuesBaseApproved event) {
		append(event.memberId(), clock.instant(), "DUES_BASE", "党费基数核定", event.summary(), event.approvedBy(), "member",
				event.memberId());
	}

	/** Only an activation or a password change concerns the 纪实; the condition keeps the rest out of the event registry. */
	@ApplicationModuleListener(condition = "#event.action() == 'account.activate' or #event.action() == 'account.password.change'")
	void on(AccountChanged event) {
		boolean activated = "account.activate".equals(event.action());
		members.memberOfAccount(event.accountId()).ifPresent(memberId -> append(memberId, clock.instant(),
				activated ? "ACCOUNT_ACTIVATED" : "ACCOUNT_PASSWORD", activated ? "账号激活" : "修改账号密码",
				activated ? "首次登录并设置了本人密码" : "本人修改了登录密码", null, "account", event.accountId()));
	}

	/** The chronicle of a member the caller may see (else the audited 404). */
	@Transactional(readOnly = true)
	public List<Entry> of(Caller caller, long memberId) {
		members.find(caller, memberId);
		return entries.findByMember(memberId).stream().map(RecordEntry::view).toList();
	}

	/** The caller's own chronicle: 我的纪实. */
	@Transactional(readOnly = true)
	public List<Entry> mine(Caller caller) {
		long memberId = members.memberOfAccount(caller.accountId())
			.orElseThrow(() -> new OutOfScopeException("record", "me"));
		return entries.findByMember(memberId).stream().map(RecordEntry::view).toList();
	}

	/** The 纪实 is kept in Chinese, whatever its reader's language. */
	private String chineseName(MeetingType type) {
		return messages.getMessage(type.messageKey(), null, Locale.SIMPLIFIED_CHINESE);
	}

	/** {@code at} is when it happened at the source, not when this listener ran (it may be retried later). */
	/** A material studied to the end (by its rule, not by a click): the 纪实's study line. */
	@ApplicationModuleListener(condition = "#event.memberId() != null")
	void on(MaterialStudied event) {
		append(event.memberId(), event.at(), "STUDY_FINISHED", "完成学习", "《" + event.title() + "》", null,
				"learning-material", event.materialId());
	}

	/** A 红色教育 hall visited by the rule (time and scenes), once per hall: the 纪实's line. */
	@ApplicationModuleListener(condition = "#event.memberId() != null")
	void on(HallVisited event) {
		append(event.memberId(), event.at(), "HALL_VISITED", "参观红色教育展馆",
				"《" + event.title() + "》，有效参观 " + Math.max(1, event.effectiveSeconds() / 60) + " 分钟，看过 "
						+ event.scenesSeen() + " 个场景", null, "learning-hall", event.hallId());
	}

	@ApplicationModuleListener(condition = "#event.memberId() != null")
	void on(OutlineFinished event) {
		append(event.memberId(), event.at(), "OUTLINE_FINISHED", "完成每周学习纲要",
				event.week() + "《" + event.title() + "》" + (event.onTime() ? "" : "（逾期完成）"), null,
				"learning-outline", event.outlineId());
	}

	/** Record once: a training class completed (its hours attended) is a line in the 纪实. */
	@ApplicationModuleListener
	void on(TrainingClassCompleted event) {
		append(event.memberId(), event.at(), "TRAINING_COMPLETED", "完成培训班",
				"《" + event.title() + "》累计 " + event.hours().stripTrailingZeros().toPlainString() + " 学时", null,
				"training-class", event.classId());
	}

	@ApplicationModuleListener(condition = "#event.memberId() != null")
	void on(CourseCompleted event) {
		append(event.memberId(), event.at(), "COURSE_COMPLETED", "完成课程学习",
				"《" + event.title() + "》共 " + event.chapters() + " 章" + (event.onTime() ? "" : "（逾期完成）") + "，证书编号 "
						+ event.certificateCode(), null, "learning-course", event.courseId());
	}

	/** A pass counts once per exam, and only where the exam feeds the 纪实. */
	@ApplicationModuleListener(condition = "#event.memberId() != null && #event.passed() && #event.firstPass() && #event.feedsRecord()")
	void on(ExamResultRecorded event) {
		append(event.memberId(), event.at(), "EXAM_PASSED", "通过线上测试",
				"《" + event.title() + "》" + event.score().stripTrailingZeros().toPlainString() + " 分（满分 "
						+ event.totalScore().stripTrailingZeros().toPlainString() + "，及格 "
						+ event.passMark().stripTrailingZeros().toPlainString() + "）", null, "exam", event.examId());
	}

	/**
	 * Volunteer service the organiser confirmed is part of the member's 纪实; a later correction of the hours is a
	 * line of its own, with the reason, so the record never silently changes.
	 */
	@ApplicationModuleListener(condition = "#event.memberId() != null")
	void on(VolunteerHoursConfirmed event) {
		String hours = event.hours().stripTrailingZeros().toPlainString();
		if (event.first()) {
			append(event.memberId(), event.attendedAt(), "VOLUNTEER_SERVICE", "参加志愿服务",
					event.organiserName() + "《" + event.activityTitle() + "》" + event.day() + "，服务 " + hours + " 小时",
					event.confirmedBy(), "volunteer-shift", event.shiftId());
		}
		else {
			append(event.memberId(), clock.instant(), "VOLUNTEER_HOURS_CORRECTED", "志愿服务时长更正",
					"《" + event.activityTitle() + "》" + event.day() + "：" + event.previousHours().stripTrailingZeros()
						.toPlainString() + " 小时改为 " + hours + " 小时，理由：" + event.reason(),
					event.confirmedBy(), "volunteer-shift", event.shiftId());
		}
	}

	/**
	 * The 民主评议党员: the grade the branch committee proposed and the grade the general branch approved are part of
	 * the member's 纪实 (with the step recorded for 不合格); nothing about how anyone voted.
	 */
	@ApplicationModuleListener
	void on(EvaluationGradeProposed event) {
		append(event.memberId(), clock.instant(), "EVALUATION_PROPOSED", event.year() + " 年度民主评议：支部建议等次",
				event.branchName() + "支部委员会建议评定为" + grade(event.grade()) + step(event.step())
						+ (event.note() == null ? "" : "（" + event.note() + "）"),
				event.proposedBy(), "evaluation", event.evaluationId());
	}

	@ApplicationModuleListener
	void on(EvaluationGradeApproved event) {
		append(event.memberId(), clock.instant(), "EVALUATION_APPROVED", event.year() + " 年度民主评议：" + grade(event.grade()),
				event.branchName() + "民主评议等次经上级党组织审定为" + grade(event.grade()) + step(event.step()),
				event.approvedBy(), "evaluation", event.evaluationId());
	}

	private static String grade(EvaluationGrade grade) {
		return switch (grade) {
			case EXCELLENT -> "优秀";
			case QUALIFIED -> "合格";
			case BASICALLY_QUALIFIED -> "基本合格";
			case UNQUALIFIED -> "不合格";
		};
	}

	private static String step(EvaluationStep step) {
		if (step == null) {
			return "";
		}
		return "，组织处置：" + switch (step) {
			case RECTIFY -> "限期改正";
			case PERSUADE_TO_WITHDRAW -> "劝其退党";
			case EXPEL -> "除名";
		};
	}

	/** A member a published 典型 story is about: the story is part of their 纪实. */
	@ApplicationModuleListener(condition = "#event.firstTime() && !#event.featuredMemberIds().isEmpty()")
	void on(ContentPublished event) {
		for (Long memberId : event.featuredMemberIds()) {
			append(memberId, event.at(), "FEATURED", "典型宣传",
					event.orgName() + "发布典型宣传《" + event.title() + "》", null, "content", event.itemId());
		}
	}

	private void append(long memberId, Instant at, String kind, String title, String detail, String actor,
			String sourceType, long sourceId) {
		entries.save(new RecordEntry(memberId, at, kind, title, detail, actor, sourceType, Long.toString(sourceId)));
	}

	/** The branch's proposal of relief is a decision about the member (经党支部研究): in the 纪实. */
	@ApplicationModuleListener
	void on(DuesReliefProposed event) {
		append(event.memberId(), clock.instant(), "DUES_RELIEF_PROPOSED", "党费减免（支部提出）", event.summary(),
				event.proposedBy(), "dues-relief", event.reliefId());
	}

	/** The level above refused the branch's proposal: the refusal and its reason are in the 纪实 too. */
	@ApplicationModuleListener
	void on(DuesReliefRefused event) {
		append(event.memberId(), clock.instant(), "DUES_RELIEF_REFUSED", "党费减免未获批准", event.summary(), event.refusedBy(),
				"dues-relief", event.reliefId());
	}

	/** Record once, in bulk: payments recorded together each become the member's line, dated the day paid. */
	@ApplicationModuleListener
	void on(DuesPaymentsRecorded event) {
		List<Object[]> rows = event.payments().stream().map(p -> new Object[] { p.memberId(),
				Timestamp.from(p.paidOn().atTime(10, 0).atZone(PlatformZone.ZONE).toInstant()), "DUES_PAID",
				"交纳党费", p.monthsText() + "，" + p.amount().toPlainString() + " 元，"
						+ (p.method() == PaymentMethod.ONLINE ? "在线缴纳" : "组织委员登记") + "，收据 " + p.receiptNo(),
				p.recordedBy(), "dues-payment", Long.toString(p.paymentId()) }).toList();
		insertAll(rows);
	}

	/** Record once: the 纪实 of a new probationary member begins with their development history, each step dated. */
	@ApplicationModuleListener
	void on(ApplicantAdmitted event) {
		List<Object[]> rows = event.history().stream().map(h -> new Object[] { event.memberId(),
				Timestamp.from(h.date().atTime(10, 0).atZone(PlatformZone.ZONE).toInstant()), "DEVELOPMENT_STEP",
				"发展党员：" + h.title(), h.detail(), h.actor(), "development-person", Long.toString(event.personId()) })
			.toList();
		insertAll(rows);
	}

	/**
	 * The steps after admission (备案, 宣誓, 转正 …) continue the member's 纪实. The condition keeps the steps before
	 * it (no member yet) out of the event registry altogether.
	 */
	@ApplicationModuleListener(condition = "#event.memberId() != null and #event.step() > 17")
	void on(DevelopmentStepTaken event) {
		if (event.memberId() != null && event.step() > 17) {
			append(event.memberId(), event.date().atTime(10, 0).atZone(PlatformZone.ZONE).toInstant(),
					"DEVELOPMENT_STEP", "发展党员：第 " + event.step() + " 步", event.summary(), event.actor(),
					"development-person", event.personId());
		}
	}

	/** Lines written together: (member, at, kind, title, detail, actor, source type, source id), 1 000 a batch. */
	private void insertAll(List<Object[]> rows) {
		for (int i = 0; i < rows.size(); i += 1000) {
			jdbc.batchUpdate("""
					insert into record_entry (member_id, occurred_at, kind, title, detail, actor, source_type, source_id)
					values (?, ?, ?, ?, ?, ?, ?, ?)""", rows.subList(i, Math.min(rows.size(), i + 1000)));
		}
	}
}
