package cn.partybuilding.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.content.ContentOnFile;
import cn.partybuilding.content.ContentRecords;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/**
 * 宣传 for the demo university: the committee's three columns (两学一做, 党史学习教育, 先锋模范); a year of news from
 * the school, 计算机学院 and two branches, written, submitted and reviewed step by step through the rules (branch →
 * general branch → committee), then dated back; items in every state — drafts, waiting at the college and at the
 * committee, returned with the reviewer's comments, rejected, published, withdrawn with a reason, scheduled; notices
 * with read receipts read by part of their audience; features on people (典型) about members of the college; public,
 * school-wide and subtree audiences (the public ones fill the portal); the committee's word list and a draft that its
 * BLOCK words stop. The committee's items are reviewed by the demo account reviewer (宣传审核员); the 机械工程学院 reviewer
 * is a demo person without an account; the authors are the demo accounts, who find the decisions in their
 * notifications.
 */
@Component
class ContentDemo {

	private static final Logger log = LoggerFactory.getLogger(ContentDemo.class);

	/** The committee's word list: {word, BLOCK or REVIEW}. The blocked draft of branch2 below carries BLOCK words. */
	static final List<String[]> WORDS = List.of(new String[] { "网络赌博", "BLOCK" }, new String[] { "代写论文", "BLOCK" },
			new String[] { "刷单返利", "BLOCK" }, new String[] { "内部资料", "REVIEW" }, new String[] { "小道消息", "REVIEW" });

	private final ContentRecords content;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	ContentDemo(ContentRecords content, AccountManagement accounts, MemberDirectory members, OrganizationScope scope) {
		this.content = content;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
	}

	/** A story of the demo: who writes it, what, for whom, in which column, how many days ago it went out. */
	private record Story(String who, String kind, String title, String body, String audience, String column, int daysAgo) {
	}

	private Caller admin;

	private Caller college1;

	private Caller branch1;

	private Caller branch2;

	private Caller publicity;

	private Caller jxReviewer;

	private Map<String, Long> orgs;

	private Map<String, Long> columns;

	private Instant now;

	void seed(Map<String, Long> ids, Instant now) {
		long started = System.nanoTime();
		this.now = now;
		admin = accounts.callerFor("admin");
		college1 = accounts.callerFor("college1");
		branch1 = accounts.callerFor("branch1");
		branch2 = accounts.callerFor("branch2");
		publicity = accounts.callerFor("reviewer");
		jxReviewer = new Caller(0, "demo-jx", "郑华（机械工程学院党委）",
				List.of(new Caller.Grant(Role.GENERAL_BRANCH_ADMIN, ids.get("JX"))));
		orgs = Map.of("school", ids.get("SFDX"), "college", ids.get("JSJ"), "branch1", ids.get("JSJ-1"), "branch2",
				ids.get("JX-1"));
		columns = new LinkedHashMap<>();
		columns.put("两学一做", content.column(admin, "两学一做", "学党章党规、学系列讲话，做合格党员", 1));
		columns.put("党史学习教育", content.column(admin, "党史学习教育", "学史明理、学史增信、学史崇德、学史力行", 2));
		columns.put("先锋模范", content.column(admin, "先锋模范", "优秀教师典型、学生领头雁，身边的榜样", 3));
		words(admin);

		int published = 0;
		for (Story s : NEWS) {
			published(s, List.of());
			published++;
		}
		List<Long> withdrawn = new ArrayList<>();
		withdrawn.add(live(new Story("school", "NEWS", "学校举行秋季学期党员发展工作培训会",
				p("11月下旬，学校在行政楼报告厅举行秋季学期党员发展工作培训会，各党总支组织员、支部书记参加。")
						+ p("培训围绕发展党员工作流程、材料规范和常见问题展开。"), "PUBLIC", null, 61), List.of()));
		content.withdraw(admin, withdrawn.get(0), "培训日期有误，核实后重新发布");
		content.datedBack(withdrawn.get(0), now.minus(Duration.ofDays(60)));
		withdrawn.add(live(new Story("college", "NEWS", "计算机学院公布学生党员发展对象名单",
				p("经支部推荐、学院党委审查，现将本学期学生党员发展对象名单公布如下。")
						+ p("名单附后，公示期五个工作日。"), "SCHOOL", null, 21), List.of()));
		content.withdraw(admin, withdrawn.get(1), "正文含学生身份证号等个人信息，撤回处理后重新发布");
		content.datedBack(withdrawn.get(1), now.minus(Duration.ofDays(20)));

		notices(ids);
		features();
		unfinished();
		log.info("Demo content: {} columns, {} published, {} withdrawn, notices, features and items in review in {} ms",
				columns.size(), published, withdrawn.size(), (System.nanoTime() - started) / 1_000_000);
	}

	/** The committee's word list, added as the committee adds words (the blocked draft below carries BLOCK words). */
	void words(Caller committee) {
		for (String[] w : WORDS) {
			content.word(committee, w[0], w[1]);
		}
	}

	// ---- the stories

	private static String p(String text) {
		return "<p>" + text + "</p>";
	}

	private static final List<Story> NEWS = List.of(
			new Story("school", "NEWS", "校党委理论学习中心组开展专题学习",
					p("校党委理论学习中心组围绕新时代高校党建工作开展专题学习，校党委书记主持并讲话。")
							+ p("会议强调，要把学习成果转化为推动学校高质量发展的实际成效。"), "PUBLIC", null, 5),
			new Story("college", "NEWS", "计算机科学与技术学院党委召开党建工作推进会",
					p("学院党委召开党建工作推进会，总结上半年工作，部署下一阶段重点任务。")
							+ p("各支部书记逐一汇报“三会一课”落实和党员发展情况。"), "PUBLIC", null, 12),
			new Story("branch1", "NEWS", "教工第一党支部赴红色教育基地开展主题党日活动",
					p("支部全体党员赴红色教育基地，重温入党誓词，聆听革命先辈的英雄事迹。")
							+ p("大家表示，要把红色基因融入教书育人全过程。"), "PUBLIC", "党史学习教育", 20),
			new Story("branch2", "NEWS", "机械工程学院教工第一党支部举行新党员入党宣誓仪式",
					p("在鲜红的党旗下，三名新党员庄严宣誓，老党员代表为他们佩戴党员徽章。")
							+ p("支部书记勉励新党员坚定理想信念，在岗位上发挥先锋模范作用。"), "PUBLIC", null, 33),
			new Story("school", "NEWS", "学校举办党史知识竞赛决赛",
					p("经过初赛、复赛选拔，来自十个党总支的代表队同台竞技，现场气氛热烈。")
							+ p("计算机科学与技术学院代表队获得一等奖。"), "PUBLIC", "党史学习教育", 45),
			new Story("college", "NEWS", "计算机学院开展“党建+专业”融合育人研讨",
					p("学院组织教工党员围绕课程思政、科研育人开展研讨，交流典型做法。"), "SCHOOL", null, 58),
			new Story("branch1", "NEWS", "教工第一党支部开展“两学一做”专题学习研讨",
					p("支部围绕党章和《中国共产党支部工作条例（试行）》开展专题学习，党员逐一交流心得。"), "PUBLIC",
					"两学一做", 70),
			new Story("branch2", "NEWS", "机械工程学院党员志愿服务队走进社区",
					p("党员志愿者走进周边社区，为居民义务维修家电、讲解用电安全知识。"), "SUBTREE", null, 95),
			new Story("college", "NEWS", "计算机学院党委举办“学党史、悟思想”读书分享会",
					p("学院师生党员分享阅读党史著作的体会，在交流中加深对党的历史的理解。"), "PUBLIC", "党史学习教育", 110),
			new Story("branch1", "NEWS", "教工第一党支部召开专题组织生活会",
					p("支部召开专题组织生活会，党员对照检查、开展批评和自我批评，明确整改方向。"), "PUBLIC", "两学一做",
					130),
			new Story("school", "NEWS", "学校召开庆祝中国共产党成立105周年暨“两优一先”表彰大会",
					p("大会表彰了一批优秀共产党员、优秀党务工作者和先进基层党组织。")
							+ p("受表彰代表作交流发言，全场党员重温入党誓词。"), "PUBLIC", "先锋模范", 154),
			new Story("school", "NEWS", "学校组织师生参观“伟大征程”主题展览",
					p("学校分批组织师生党员参观主题展览，在一件件珍贵文物前感悟初心使命。"), "PUBLIC", "党史学习教育", 200),
			new Story("branch2", "NEWS", "机械工程学院教工第一党支部书记讲专题党课",
					p("支部书记以“立足岗位作贡献”为题讲授专题党课，结合专业实际讲清道理。"), "PUBLIC", "两学一做", 230),
			new Story("college", "NEWS", "计算机学院师生党员志愿服务队获评优秀志愿服务集体",
					p("学院师生党员志愿服务队常年开展科技助老、网络安全进社区等活动，获评校级优秀志愿服务集体。"), "PUBLIC",
					null, 260),
			new Story("school", "NEWS", "学校召开2026年党建工作会议",
					p("会议总结上一年度党建工作，部署全年重点任务，签订党建工作责任书。"), "PUBLIC", null, 300),
			new Story("school", "NEWS", "学校开展“三会一课”制度落实情况专项检查",
					p("检查组深入各党总支、党支部，查阅会议记录、走访党员，推动制度落细落实。"), "PUBLIC", null, 330),
			new Story("branch1", "NEWS", "教工第一党支部与企业党支部开展联学共建",
					p("支部与合作企业党支部签订共建协议，围绕人才培养和技术攻关开展联学。"), "SCHOOL", null, 355));

	/** Notices: two that ask for a read receipt and are read by part of their audience. */
	private void notices(Map<String, Long> ids) {
		published(new Story("school", "NOTICE", "关于做好2026年度党员民主评议工作的通知",
				p("各党总支、直属党支部：") + p("根据上级党组织要求，现就做好本年度党员民主评议工作通知如下，请认真组织实施。"),
				"PUBLIC", null, 8), List.of());
		published(new Story("school", "NOTICE", "关于公布学校党委2026年度重点工作安排的通知",
				p("现将学校党委2026年度重点工作安排予以公布，请各单位结合实际抓好落实。"), "PUBLIC", null, 280), List.of());
		SplittableRandom random = new SplittableRandom(2026_18);
		long dues = notice(new Story("school", "NOTICE", "关于开展党费收缴情况自查的通知",
				p("各党支部：") + p("请于本月底前完成本支部党费收缴情况自查，并将自查报告报送组织部。"), "SCHOOL", null, 15));
		read(dues, scope.subtree(ids.get("SFDX")), 0.65, random, 15);
		long meeting = notice(new Story("college", "NOTICE", "关于召开计算机学院党员大会的通知",
				p("学院定于下周三下午召开全体党员大会，请各支部组织党员准时参加，无故不得缺席。"), "SUBTREE", null, 25));
		read(meeting, scope.subtree(ids.get("JSJ")), 0.8, random, 25);
		long day = notice(new Story("branch1", "NOTICE", "关于开展支部主题党日活动的通知",
				p("支部定于本周五开展主题党日活动，内容为集中学习和志愿服务，请全体党员安排好时间。"), "SUBTREE", null, 3));
		read(day, scope.subtree(ids.get("JSJ-1")), 0.4, random, 3);
	}

	private long notice(Story s) {
		return published(s, List.of(), true);
	}

	/** Part of the notice's audience opened it (member1 not: their own reading is recorded when they open it). */
	private void read(long id, java.util.Set<Long> audience, double share, SplittableRandom random, int daysAgo) {
		long member1 = accounts.callerFor("member1").accountId();
		Map<Long, Long> readers = new LinkedHashMap<>();
		for (MemberAccount m : accountsIn(audience)) {
			if (m.accountId() != member1 && random.nextDouble() < share) {
				readers.put(m.accountId(), m.organizationId());
			}
		}
		content.read(id, readers, now.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(2)));
	}

	/** The members with accounts, in a fixed order (the choices below are the same every time). */
	private List<MemberAccount> accountsIn(java.util.Set<Long> orgIds) {
		return members.accountsIn(orgIds).stream().sorted(java.util.Comparator.comparingLong(MemberAccount::memberId))
			.toList();
	}

	/** 典型: features on members of the college, in the column 先锋模范. */
	private void features() {
		List<MemberAccount> teachers = accountsIn(scope.subtree(orgs.get("branch1")));
		List<MemberAccount> students = accountsIn(scope.subtree(orgs.get("college"))).stream()
			.filter(m -> m.organizationId() != orgs.get("branch1")).toList();
		MemberAccount teacher = teachers.get(0);
		MemberAccount student = students.get(0);
		MemberAccount another = students.get(Math.min(5, students.size() - 1));
		published(new Story("college", "FEATURE", "优秀教师典型｜" + teacher.name() + "：三尺讲台育英才",
				p(teacher.name() + "同志从教二十年，始终坚守教学一线，主讲的程序设计课程深受学生喜爱。")
						+ p("作为支部党员，该同志带头参与课程思政建设，指导学生团队多次在全国竞赛中获奖。"),
				"PUBLIC", "先锋模范", 40), List.of(teacher.memberId()));
		published(new Story("college", "FEATURE", "学生领头雁｜" + student.name() + "：科研路上的追光者",
				p(student.name() + "同学是学院学生党员，在校期间参与多项科研项目，发表学术论文两篇。")
						+ p("课余时间，该同学组织党员志愿者为低年级同学开展学业帮扶。"), "PUBLIC", "先锋模范", 100),
				List.of(student.memberId()));
		// waiting for the committee
		long waiting = content.write(college1, item(new Story("college", "FEATURE",
				"学生领头雁｜" + another.name() + "：扎根基层的志愿者",
				p(another.name() + "同学连续三年参加暑期社会实践，带领党员服务队走进乡村小学支教。"), "PUBLIC", "先锋模范",
				0), List.of(another.memberId())));
		content.submit(college1, waiting);
		content.datedBack(waiting, now.minus(Duration.ofDays(1)));
	}

	/** Drafts, items waiting at each step, returned with comments, rejected, scheduled, and the blocked draft. */
	private void unfinished() {
		long draft = content.write(branch1, item(new Story("branch1", "NOTICE", "关于开展“学习强国”学习积分评比的通知",
				p("为激发党员学习热情，支部拟于下月开展学习积分评比，具体办法如下。"), "SUBTREE", null, 0), List.of()));
		content.datedBack(draft, now.minus(Duration.ofHours(20)));
		// the blocked draft: pasted from a notice board, it still carries the advertisements' words
		long blocked = content.write(branch2, item(new Story("branch2", "NEWS", "学生公寓宣传栏清理情况通报",
				p("近期，支部党员志愿者对学生公寓宣传栏进行了集中清理，共清除网络赌博、代写论文等违规小广告四十余张。")
						+ p("提醒同学们提高警惕，远离刷单返利等骗局。"), "PUBLIC", null, 0), List.of()));
		content.datedBack(blocked, now.minus(Duration.ofHours(5)));

		long atCollege = content.write(branch1, item(new Story("branch1", "NEWS", "教工第一党支部开展师德师风专题学习",
				p("支部组织党员教师学习师德师风建设有关文件，结合典型案例开展讨论。"), "PUBLIC", "两学一做", 0), List.of()));
		content.submit(branch1, atCollege);
		content.datedBack(atCollege, now.minus(Duration.ofDays(2)));

		long atCommittee = content.write(branch1, item(new Story("branch1", "NEWS", "教工第一党支部召开发展对象推荐会",
				p("支部召开党员大会，经民主推荐，确定两名入党积极分子为发展对象。"), "SCHOOL", null, 0), List.of()));
		content.submit(branch1, atCommittee);
		content.review(college1, atCommittee, "APPROVE", "内容属实，同意报送。");
		content.datedBack(atCommittee, now.minus(Duration.ofDays(4)));

		long returned = content.write(branch2, item(new Story("branch2", "NEWS", "机械工程学院教工党支部开展廉政教育",
				p("支部组织党员观看警示教育片，开展廉洁从教专题讨论。"), "PUBLIC", null, 0), List.of()));
		content.submit(branch2, returned);
		content.review(jxReviewer, returned, "RETURN", "请补充活动时间、地点和参加人数，配图请注明拍摄人。");
		content.datedBack(returned, now.minus(Duration.ofDays(6)));

		long returnedAbove = content.write(branch1, item(new Story("branch1", "NEWS", "支部书记参加学校党务工作培训",
				p("支部书记参加学校组织的党务工作培训，系统学习支部工作规范。"), "PUBLIC", null, 0), List.of()));
		content.submit(branch1, returnedAbove);
		content.review(college1, returnedAbove, "APPROVE", null);
		content.review(admin, returnedAbove, "RETURN", "标题请改为规范表述，正文中培训名称和主办单位请核对。");
		content.datedBack(returnedAbove, now.minus(Duration.ofDays(9)));

		long rejected = content.write(college1, item(new Story("college", "NEWS", "计算机学院召开学生党员座谈会",
				p("学院召开学生党员座谈会，听取学生党员对学院党建工作的意见建议。"), "PUBLIC", null, 0), List.of()));
		content.submit(college1, rejected);
		content.review(admin, rejected, "REJECT", "该活动已于上月报道，内容重复，不予刊发。");
		content.datedBack(rejected, now.minus(Duration.ofDays(50)));

		long scheduled = content.write(admin, item(new Story("school", "NOTICE", "关于开展新年主题党日活动的通知",
				p("各党总支、直属党支部：") + p("请于元旦前后组织开展新年主题党日活动，并及时报送活动情况。"), "PUBLIC", null, 0),
				List.of(), now.plus(Duration.ofDays(3))));
		content.submit(admin, scheduled);
		content.review(publicity, scheduled, "APPROVE", "同意，按时发布。");
	}

	// ---- through the rules

	private long published(Story s, List<Long> featured) {
		return published(s, featured, false);
	}

	/** Published, then dated back to its day (in the morning). */
	private long published(Story s, List<Long> featured, boolean readReceipt) {
		long id = live(s, featured, readReceipt);
		content.datedBack(id, now.minus(Duration.ofDays(s.daysAgo())).minus(Duration.ofHours(15))
			.plus(Duration.ofMinutes(id % 240)));
		return id;
	}

	private long live(Story s, List<Long> featured) {
		return live(s, featured, false);
	}

	/** Written, submitted and approved at each step of its chain: live now. */
	private long live(Story s, List<Long> featured, boolean readReceipt) {
		Caller author = author(s.who());
		ContentOnFile item = item(s, featured, null);
		if (readReceipt) {
			item = new ContentOnFile(item.kind(), item.title(), item.summary(), item.body(), item.orgId(), item.audience(),
					item.columnId(), true, null, item.featuredMemberIds());
		}
		long id = content.write(author, item);
		content.submit(author, id);
		for (Caller reviewer : chain(s.who())) {
			content.review(reviewer, id, "APPROVE", null);
		}
		return id;
	}

	private ContentOnFile item(Story s, List<Long> featured) {
		return item(s, featured, null);
	}

	private ContentOnFile item(Story s, List<Long> featured, Instant publishAt) {
		return new ContentOnFile(s.kind(), s.title(), null, s.body(), orgs.get(s.who()), s.audience(),
				s.column() == null ? null : columns.get(s.column()), false, publishAt, featured);
	}

	private Caller author(String who) {
		return switch (who) {
			case "school" -> admin;
			case "college" -> college1;
			case "branch1" -> branch1;
			default -> branch2;
		};
	}

	/** Who approves, step by step: a branch's item at its general branch, then the committee. */
	private List<Caller> chain(String who) {
		return switch (who) {
			case "school" -> List.of(publicity);
			case "college" -> List.of(admin);
			case "branch1" -> List.of(college1, admin);
			default -> List.of(jxReviewer, admin);
		};
	}
}
