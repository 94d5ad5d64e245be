package cn.partybuilding.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.learning.CourseOnFile;
import cn.partybuilding.learning.LearningRecords;
import cn.partybuilding.learning.MaterialKind;
import cn.partybuilding.learning.MaterialOnFile;
import cn.partybuilding.learning.StudyOnFile;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/**
 * Two courses for the demo university: the committee's 党史 micro-course offered to the whole school, which member1
 * has finished (certificate and 纪实 entry included), and computer science's 二十大 course assigned to the college
 * with a due date in three weeks, which member1 is half-way through (the first chapter done, the video of the
 * second half watched, the third not begun).
 */
@Component
class CourseDemo {

	private final LearningRecords learning;

	private final AccountManagement accounts;

	CourseDemo(LearningRecords learning, AccountManagement accounts) {
		this.learning = learning;
		this.accounts = accounts;
	}

	/** {@code video}, {@code audio}: the demo's 党课 clip and 党史 audio, published school-wide before. */
	void seed(Map<String, Long> ids, Instant now, long video, long audio) {
		Caller admin = accounts.callerFor("admin");
		Caller college1 = accounts.callerFor("college1");
		Caller member1 = accounts.callerFor("member1");
		long school = ids.get("SFDX");
		long jsj = ids.get("JSJ");
		Instant earlier = now.minusSeconds(40L * 86_400);

		long redBoat = article(admin, school, true, "红船精神：开天辟地、敢为人先",
				"1921年7月，中国共产党第一次全国代表大会在上海召开，后转移到嘉兴南湖的一条游船上继续举行。红船见证了中国历史上开天辟地的大事变，"
						+ "孕育了开天辟地、敢为人先的首创精神，坚定理想、百折不挠的奋斗精神，立党为公、忠诚为民的奉献精神。", earlier);
		long longMarch = article(admin, school, true, "长征精神永放光芒",
				"红军长征是人类历史上的伟大奇迹。长征精神就是把全国人民和中华民族的根本利益看得高于一切，坚定革命的理想和信念，"
						+ "坚信正义事业必然胜利的精神；就是不怕任何艰难险阻，不惜付出一切牺牲的精神。", earlier);
		long report = article(college1, jsj, false, "二十大报告学习导读",
				"党的二十大报告明确了新时代新征程党的使命任务：团结带领全国各族人民全面建成社会主义现代化强国、实现第二个百年奋斗目标，"
						+ "以中国式现代化全面推进中华民族伟大复兴。本导读按报告结构梳理要点，供支部集中学习使用。", earlier);
		long education = article(college1, jsj, false, "实施科教兴国战略，强化现代化建设人才支撑",
				"教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑。高校党组织要坚持为党育人、为国育才，"
						+ "把学习成果转化为立德树人、科研创新的实际成效。", earlier);
		long practice = article(college1, jsj, false, "把学习成果转化为推动工作的实际行动",
				"学习贯彻党的二十大精神，要在学懂弄通做实上下功夫。支部要结合师生实际，开展主题党日、志愿服务等活动，"
						+ "做到学思用贯通、知信行统一。", earlier);

		long history = learning.publish(admin, new CourseOnFile("党史学习教育微课：从红船到长征",
				"三节微课讲述建党和长征的故事，适合在手机上利用碎片时间学习。", school, true, List.of("党史", "微课"),
				List.of(new CourseOnFile.Chapter("第一讲 红船启航", List.of(redBoat, audio), "WATCH_SHARE", 90),
						new CourseOnFile.Chapter("第二讲 长征精神", List.of(longMarch), "READ_MINUTES", 1))));
		long congress = learning.publish(college1, new CourseOnFile("学习贯彻党的二十大精神专题课程",
				"计算机学院党委组织的专题课程，三章，布置给全院党员，三周内学完。", jsj, false, List.of("二十大", "专题"),
				List.of(new CourseOnFile.Chapter("第一章 报告导读", List.of(report), "READ_MINUTES", 1),
						new CourseOnFile.Chapter("第二章 专题党课", List.of(video), "WATCH_SHARE", 90),
						new CourseOnFile.Chapter("第三章 学以致用", List.of(education, practice), "READ_MINUTES", 3))));

		// what member1 studied: the 党史 course's materials some weeks ago, the 二十大 guide last week (the 党课
		// video is already half watched this week)
		List<StudyOnFile> studied = new ArrayList<>();
		Instant weeksAgo = now.minusSeconds(20L * 86_400);
		for (long material : List.of(redBoat, audio, longMarch)) {
			studied.add(new StudyOnFile(member1.accountId(), material, weeksAgo, true));
		}
		studied.add(new StudyOnFile(member1.accountId(), report, now.minusSeconds(5L * 86_400), true));
		learning.recordHistory(studied, true);
		learning.enrol(member1, history);
		learning.assign(college1, congress, jsj, LocalDate.ofInstant(now, PlatformZone.ZONE).plusWeeks(3));
	}

	private long article(Caller by, long orgId, boolean wholeSchool, String title, String text, Instant at) {
		return learning.publish(by, new MaterialOnFile(MaterialKind.ARTICLE, title, "<p>" + text + "</p>", null, orgId,
				wholeSchool, List.of(), null, null, at));
	}
}
