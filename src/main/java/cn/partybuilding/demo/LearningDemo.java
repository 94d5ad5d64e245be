package cn.partybuilding.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.learning.HistoryCounts;
import cn.partybuilding.learning.LearningRecords;
import cn.partybuilding.learning.MaterialKind;
import cn.partybuilding.learning.MaterialOnFile;
import cn.partybuilding.learning.OutlineOnFile;
import cn.partybuilding.learning.StudyOnFile;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PdfText;
import cn.partybuilding.shared.PlatformZone;

/**
 * A lived year of 学习 for the demo university, through learning's façade: about fifty short articles written for
 * the demo (党章, 党史, 初心使命, 三会一课, 二十大精神 …, in {@code demo/learning/articles.txt}), a 党课 video clip, a
 * 党史 audio, a PDF made here, two links; the committee's weekly outline most weeks of the year (not in the winter
 * and summer vacations), some of computer science's and of two branches'; and what members studied: each member
 * keeps at it to their own degree (students, teachers and retirees alike, some diligent, some seldom), most
 * finishing before the due date, some late, some not at all, so the completion tables show real rates. member1
 * finished nearly every outline of the year (a few late, two missed) and has this week's open with one material
 * left, a video half watched; member1's and member2's history is in their 纪实. Deterministic for a seed.
 */
@Component
class LearningDemo {

	private static final Logger log = LoggerFactory.getLogger(LearningDemo.class);

	private static final String ARTICLES = "demo/learning/articles.txt";

	record Article(String title, List<String> tags, String html) {
	}

	private record Outline(long id, long orgId, LocalDate monday, LocalDate dueOn, List<Long> required,
			List<Long> optional) {
	}

	private final LearningRecords learning;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final CourseDemo courses;

	LearningDemo(LearningRecords learning, AccountManagement accounts, MemberDirectory members,
			OrganizationScope scope, CourseDemo courses) {
		this.courses = courses;
		this.learning = learning;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
	}

	/** {@code ids}: the demo's organisations as {@link DemoUniversity} numbers them (SFDX, JSJ, JSJ-1, …). */
	void seed(Map<String, Long> ids, Instant now) {
		long started = System.nanoTime();
		LocalDate today = now.atZone(PlatformZone.ZONE).toLocalDate();
		LocalDate thisMonday = today.with(DayOfWeek.MONDAY);
		LocalDate firstMonday = thisMonday.minusWeeks(51);
		Caller admin = accounts.callerFor("admin");
		Caller college1 = accounts.callerFor("college1");
		Caller branch1 = accounts.callerFor("branch1");
		Caller branch2 = accounts.callerFor("branch2");
		long school = ids.get("SFDX");
		long jsj = ids.get("JSJ");
		long jsj1 = ids.get("JSJ-1");
		long jx1 = ids.get("JX-1");

		// the organisations' own articles: the college's three, branch1's two, branch2's one; the rest are the committee's
		Deque<Article> articles = new ArrayDeque<>(articles());
		Deque<Long> collegeOwn = new ArrayDeque<>();
		Deque<Long> branch1Own = new ArrayDeque<>();
		Deque<Long> branch2Own = new ArrayDeque<>();
		Instant early = at(firstMonday.minusWeeks(2), 9);
		for (int i = 0; i < 3; i++) {
			collegeOwn.add(article(college1, jsj, false, articles.removeLast(), early));
		}
		for (int i = 0; i < 2; i++) {
			branch1Own.add(article(branch1, jsj1, false, articles.removeLast(), early));
		}
		branch2Own.add(article(branch2, jx1, false, articles.removeLast(), early));
		long video = learning.publish(admin, new MaterialOnFile(MaterialKind.VIDEO, "党课视频：坚定理想信念，补足精神之钙（片段）",
				"校党委书记专题党课录像片段。", null, school, true, List.of("党课", "理想信念"), "demo-clip.mp4",
				bytes("demo/learning/demo-clip.mp4"), at(thisMonday.minusDays(3), 10)));
		long audio = learning.publish(admin, new MaterialOnFile(MaterialKind.AUDIO, "党史故事音频：红船启航",
				"党史故事系列音频第一集，讲述党的一大召开前后的故事。", null, school, true, List.of("党史", "音频"),
				"demo-audio.mp3", bytes("demo/learning/demo-audio.mp3"), at(firstMonday.plusWeeks(11), 10)));
		long pdf = learning.publish(admin, new MaterialOnFile(MaterialKind.PDF, "《中国共产党支部工作条例（试行）》学习辅导",
				"支部工作条例要点辅导材料（PDF）。", null, school, true, List.of("支部建设", "三会一课"), "支部工作条例学习辅导.pdf",
				guidePdf(), at(firstMonday.plusWeeks(30), 10)));
		long party = learning.publish(admin, new MaterialOnFile(MaterialKind.LINK, "共产党员网", "全国党员干部现代远程教育网站，党建资料与学习专题。",
				"https://www.12371.cn/", school, true, List.of("学习平台"), null, null, at(firstMonday.minusWeeks(1), 9)));
		long gov = learning.publish(admin, new MaterialOnFile(MaterialKind.LINK, "中国政府网：政策文件库",
				"国务院及各部门政策文件、政府工作报告。", "https://www.gov.cn/", school, true, List.of("政策"), null, null,
				at(firstMonday.minusWeeks(1), 9)));

		// the committee's articles, published as the weeks come
		List<Outline> outlines = new ArrayList<>();
		int issue = 1;
		for (LocalDate monday = firstMonday; !monday.isAfter(thisMonday); monday = monday.plusWeeks(1)) {
			boolean current = monday.equals(thisMonday);
			LocalDate due = monday.plusDays(6);
			String week = String.format("%d-W%02d", monday.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
					monday.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			Instant published = at(monday, 8);
			if (current || !vacation(monday)) {
				int needed = current ? 2 : 1;
				if (articles.size() >= needed) {
					List<Long> required = new ArrayList<>();
					List<String> titles = new ArrayList<>();
					for (int i = 0; i < needed; i++) {
						Article a = articles.removeFirst();
						required.add(article(admin, school, true, a, published.minusSeconds(3600)));
						titles.add(a.title());
					}
					if (current) {
						required.add(video);
					}
					else if (monday.equals(firstMonday.plusWeeks(11))) {
						required.add(audio);
					}
					else if (monday.equals(firstMonday.plusWeeks(30))) {
						required.add(pdf);
					}
					List<Long> optional = issue % 4 == 0 ? List.of(party) : issue % 9 == 0 ? List.of(gov) : List.of();
					String title = "第" + issue + "期：" + titles.get(0).replaceAll("[《》]", "");
					String topic = "本周学习" + titles.stream().map(t -> "《" + t + "》").collect(Collectors.joining("、"))
							+ "，请结合本职工作思考如何把学习成果转化为推动工作的实际行动。";
					long id = learning.publish(admin, new OutlineOnFile(school, week, title, topic, required, optional, due,
							published));
					outlines.add(new Outline(id, school, monday, due, required, optional));
					issue++;
				}
			}
			int n = (int) java.time.temporal.ChronoUnit.WEEKS.between(firstMonday, monday);
			if (n % 13 == 6 && !collegeOwn.isEmpty()) {
				outlines.add(own(college1, jsj, week, "计算机学院专题学习：", collegeOwn.removeFirst(), monday, published));
			}
			if (n % 17 == 9 && !branch1Own.isEmpty()) {
				outlines.add(own(branch1, jsj1, week, "支部学习：", branch1Own.removeFirst(), monday, published));
			}
			if (n == 20 && !branch2Own.isEmpty()) {
				outlines.add(own(branch2, jx1, week, "支部学习：", branch2Own.removeFirst(), monday, published));
			}
		}
		long published = System.nanoTime();
		HistoryCounts history = history(outlines, ids, now, today);
		courses.seed(ids, now, video, audio);
		log.info("Demo learning: {} outlines, {} progress rows, {} outlines finished, {} days with points in {} ms ({} ms publishing)",
				outlines.size(), history.progress(), history.outlinesFinished(), history.pointDays(),
				(System.nanoTime() - started) / 1_000_000, (published - started) / 1_000_000);
	}

	private Outline own(Caller by, long orgId, String week, String prefix, long material, LocalDate monday,
			Instant published) {
		LocalDate due = monday.plusDays(6);
		long id = learning.publish(by, new OutlineOnFile(orgId, week, prefix + week, "本周请学习本单位推荐的学习材料，并在支部学习群交流体会。",
				List.of(material), List.of(), due, published.plusSeconds(7200)));
		return new Outline(id, orgId, monday, due, List.of(material), List.of());
	}

	/** The university's vacations, when the committee sends no outline: winter (late January to mid February) and summer. */
	private static boolean vacation(LocalDate monday) {
		MonthDay d = MonthDay.from(monday);
		return !d.isBefore(MonthDay.of(1, 20)) && d.isBefore(MonthDay.of(2, 17))
				|| !d.isBefore(MonthDay.of(7, 14)) && d.isBefore(MonthDay.of(8, 25));
	}

	private long article(Caller by, long orgId, boolean wholeSchool, Article a, Instant at) {
		return learning.publish(by, new MaterialOnFile(MaterialKind.ARTICLE, a.title(), a.html(), null, orgId, wholeSchool,
				a.tags(), null, null, at));
	}

	/**
	 * What everyone studied: each member's diligence decides how many outlines they finish, most on time, some late;
	 * this week's is under way. member1: all but two of the year (three late), this week's one material short.
	 */
	private HistoryCounts history(List<Outline> outlines, Map<String, Long> ids, Instant now, LocalDate today) {
		SplittableRandom random = new SplittableRandom(2026_15);
		long member1 = accounts.callerFor("member1").accountId();
		long member2 = accounts.callerFor("member2").accountId();
		List<MemberAccount> everyone = members.accountsIn(scope.subtree(ids.get("SFDX")));
		Map<Long, Set<Long>> audiences = new HashMap<>();
		for (Outline o : outlines) {
			audiences.computeIfAbsent(o.orgId(), scope::subtree);
		}
		List<StudyOnFile> others = new ArrayList<>();
		List<StudyOnFile> chronicled = new ArrayList<>();
		// member1's year: two missed and three late, spread over it
		List<Outline> member1s = outlines.stream().filter(o -> audiences.get(o.orgId()).contains(ids.get("JSJ-1"))).toList();
		for (MemberAccount m : everyone) {
			boolean first = m.accountId() == member1;
			double diligence = first ? 1 : m.accountId() == member2 ? 0.8 : diligence(random);
			List<StudyOnFile> lines = first || m.accountId() == member2 ? chronicled : others;
			for (Outline o : outlines) {
				if (!audiences.get(o.orgId()).contains(m.organizationId())) {
					continue;
				}
				int mine = first ? member1s.indexOf(o) : -1;
				boolean open = !today.isAfter(o.dueOn());
				Instant from = at(o.monday(), 8);
				Instant until = open ? now : at(o.dueOn(), 22);
				double share = open ? Math.min(1, (double) java.time.Duration.between(from, now).toHours() / (6 * 24 + 14)) : 1;
				if (first && open && o.orgId() == ids.get("SFDX")) {
					// this week's: every required material but the last (a video, half watched)
					for (int i = 0; i < o.required().size(); i++) {
						boolean last = i == o.required().size() - 1;
						lines.add(new StudyOnFile(m.accountId(), o.required().get(i),
								between(random, from, now.minusSeconds(1800)), !last));
					}
					continue;
				}
				boolean studies = first ? mine != 7 && mine != 23 : random.nextDouble() < diligence * share;
				if (!studies) {
					if (open && random.nextDouble() < diligence * 0.3) {
						lines.add(new StudyOnFile(m.accountId(), o.required().get(0), between(random, from, now), false));
					}
					continue;
				}
				boolean late = !open && at(o.dueOn().plusDays(1), 8).isBefore(now)
						&& (first ? mine == 4 || mine == 15 || mine == 31 : random.nextDouble() < 0.09);
				for (int i = 0; i < o.required().size(); i++) {
					boolean last = i == o.required().size() - 1;
					Instant at = late && last ? between(random, at(o.dueOn().plusDays(1), 8), min(now, at(o.dueOn().plusDays(9), 22)))
							: between(random, from, until);
					lines.add(new StudyOnFile(m.accountId(), o.required().get(i), at, true));
				}
				for (long optional : o.optional()) {
					if (random.nextDouble() < diligence * 0.2) {
						lines.add(new StudyOnFile(m.accountId(), optional, between(random, from, until), true));
					}
				}
			}
		}
		HistoryCounts a = learning.recordHistory(others, false);
		HistoryCounts b = learning.recordHistory(chronicled, true);
		return new HistoryCounts(a.progress() + b.progress(), a.outlinesFinished() + b.outlinesFinished(),
				a.pointDays() + b.pointDays());
	}

	/** How keen a member is: many fairly keen, some very, a tail who seldom study. */
	private static double diligence(SplittableRandom random) {
		int dice = random.nextInt(100);
		return dice < 30 ? 0.9 + random.nextDouble() * 0.1 : dice < 75 ? 0.65 + random.nextDouble() * 0.25
				: dice < 92 ? 0.35 + random.nextDouble() * 0.3 : random.nextDouble() * 0.3;
	}

	private static Instant between(SplittableRandom random, Instant from, Instant to) {
		long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
		return from.plusSeconds(random.nextLong(span));
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant at(LocalDate day, int hour) {
		return ZonedDateTime.of(day, LocalTime.of(hour, 0), PlatformZone.ZONE).toInstant();
	}

	/** The demo's articles: a line of a hash, the title, a bar and the tags opens each, every other line is a paragraph. */
	static List<Article> articles() {
		List<Article> articles = new ArrayList<>();
		String title = null;
		List<String> tags = List.of();
		StringBuilder html = new StringBuilder();
		for (String line : new String(bytes(ARTICLES), StandardCharsets.UTF_8).split("\n")) {
			if (line.startsWith("//") || line.isBlank()) {
				continue;
			}
			if (line.startsWith("# ")) {
				if (title != null) {
					articles.add(new Article(title, tags, html.toString()));
				}
				String[] parts = line.substring(2).split("\\|");
				title = parts[0].strip();
				tags = parts.length > 1 ? List.of(parts[1].strip().split(",")) : List.of();
				html.setLength(0);
			}
			else {
				html.append("<p>").append(line.strip()).append("</p>");
			}
		}
		if (title != null) {
			articles.add(new Article(title, tags, html.toString()));
		}
		return articles;
	}

	private static byte[] bytes(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new IllegalStateException(resource + " is missing", e);
		}
	}

	/** A short study guide, made as a PDF here (the fonts embedded as far as used). */
	static byte[] guidePdf() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document doc = new Document(PageSize.A4, 60, 60, 60, 60);
		PdfWriter.getInstance(doc, out);
		doc.open();
		Paragraph heading = PdfText.write(new Paragraph(), "《中国共产党支部工作条例（试行）》学习辅导", 16, Font.BOLD);
		heading.setAlignment(Element.ALIGN_CENTER);
		heading.setSpacingAfter(14);
		doc.add(heading);
		for (String text : GUIDE) {
			Paragraph p = PdfText.write(new Paragraph(), text, 11, Font.NORMAL);
			p.setLeading(20);
			p.setSpacingAfter(8);
			p.setFirstLineIndent(22);
			doc.add(p);
		}
		doc.close();
		return out.toByteArray();
	}

	private static final String[] GUIDE = {
			"一、党支部的定位。党支部是党的基础组织，是党在社会基层组织中的战斗堡垒，是党的全部工作和战斗力的基础，担负直接教育党员、管理党员、监督党员和组织群众、宣传群众、凝聚群众、服务群众的职责。",
			"二、党支部的设置。企业、农村、机关、学校、科研院所、街道社区、社会组织等基层单位，凡是有正式党员3人以上的，都应当成立党支部。正式党员不足3人的，可以与邻近单位的党员联合成立党支部。",
			"三、党支部的基本任务。主要包括：宣传和执行党的路线方针政策；组织党员认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想；对党员进行教育、管理、监督和服务；密切联系群众；做好发展党员工作；监督党员干部严格遵守国家法律法规等。",
			"四、组织生活。党支部应当严格执行“三会一课”制度，经常开展谈心谈话，每年至少召开一次组织生活会，一般每年开展一次民主评议党员。党支部每月相对固定一天开展主题党日。",
			"五、高校党支部的特点。高校党支部一般按院系、专业、年级或教研室、科研团队设置，注重发挥党支部在师生思想政治工作中的作用，推动党建工作与教学科研、学生培养深度融合。",
			"六、学习要求。各党支部要结合“三会一课”组织党员逐条学习，支部书记带头讲一次专题党课，每名党员结合自身实际撰写学习体会。" };
}
