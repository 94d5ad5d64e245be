package cn.partybuilding.learning;

import java.util.List;
import java.util.Random;

/**
 * Study materials as a university's party organisations write them, for the search benchmark: each document has a
 * main topic (党章, 党史, 初心使命, 三会一课 …) most of its sentences come from, some general sentences about how the
 * study is organised, and a few from other topics; one in twenty is long (the text of a PDF). Document {@code i} is
 * always the same (its own random seed), so the corpus need not be held in memory.
 */
final class SearchCorpus {

	record Topic(String name, List<String> sentences) {
	}

	static final List<Topic> TOPICS = List.of(
			new Topic("党章", List.of("党章是党的根本大法，是全党必须共同遵守的根本行为规范。",
					"认真学习党章、严格遵守党章、坚决维护党章，是每个党员的基本义务。", "学习党章要同学习党的创新理论结合起来。",
					"新修订的党章把党的二十大确立的重大理论观点写入总纲。", "支部组织党员逐条学习党章，对照检查自身差距。",
					"尊崇党章就要把党章作为加强党性修养的根本标准。", "党章规定了党员的八项义务和八项权利。",
					"入党誓词写在党章第一章第六条。", "党员要自觉用党章规范自己的一言一行。", "开展学党章、守党规主题读书活动。",
					"《中国共产党章程》由总纲和十一章组成。", "党的纪律是党的各级组织和全体党员必须遵守的行为规则。")),
			new Topic("党史", List.of("学习党史是坚持和发展中国特色社会主义的必修课。", "中国共产党的百年奋斗历程波澜壮阔。",
					"从南湖红船到延安窑洞，党在艰苦环境中发展壮大。", "遵义会议是党的历史上一个生死攸关的转折点。",
					"长征精神是中国共产党人革命风范的生动反映。", "学史明理、学史增信、学史崇德、学史力行。",
					"井冈山精神、延安精神、西柏坡精神代代相传。", "改革开放是决定当代中国命运的关键一招。",
					"党的历史是最生动、最有说服力的教科书。", "参观革命纪念馆，重温入党誓词，接受红色教育。",
					"一九二一年七月，中国共产党第一次全国代表大会在上海召开。", "伟大建党精神是中国共产党的精神之源。")),
			new Topic("初心使命", List.of("为中国人民谋幸福、为中华民族谋复兴，是中国共产党人的初心和使命。",
					"不忘初心、牢记使命，永远奋斗。", "守初心就是要始终把人民放在心中最高位置。", "担使命就是要勇于担当作为。",
					"初心易得，始终难守。", "牢记初心使命，推进自我革命。", "党员干部要在为民服务中践行初心。",
					"不忘来时路，走好脚下路。", "以初心映照初心，以使命践行使命。", "把初心使命落实到教书育人的每个环节。")),
			new Topic("三会一课", List.of("三会一课是党的组织生活的基本制度。", "支部党员大会一般每季度召开一次。",
					"支部委员会一般每月召开一次。", "党小组会一般每月召开一次。", "党课每季度至少一次，书记带头讲党课。",
					"认真落实三会一课制度，增强组织生活的政治性、时代性、原则性、战斗性。", "会议记录要完整规范，做到有据可查。",
					"党员无故连续六个月不参加组织生活，按自行脱党处理。", "支部书记讲授专题党课，全体党员认真聆听。",
					"党小组长组织党员交流学习体会。")),
			new Topic("主题党日", List.of("每月固定一天开展主题党日活动。", "主题党日活动内容包括集中学习、过组织生活、开展志愿服务等。",
					"本月主题党日组织党员到社区开展志愿服务。", "主题党日前，支部委员会研究确定活动主题。",
					"主题党日活动结束后，支部及时总结并在平台上记录。", "党员佩戴党徽，重温入党誓词。")),
			new Topic("组织生活会", List.of("组织生活会一般每年召开一次。", "认真开展批评和自我批评，红红脸、出出汗。",
					"民主评议党员每年开展一次。", "会前开展谈心谈话，广泛征求意见。",
					"对照检查材料要查摆问题、剖析根源、明确整改措施。", "支部书记代表支委会作对照检查。",
					"评议结果分为优秀、合格、基本合格、不合格四个等次。")),
			new Topic("党费", List.of("交纳党费是党员对党组织应尽的义务。", "党员应当增强党员意识，主动按月交纳党费。",
					"党费收缴、使用和管理必须严格执行规定。", "党员连续六个月不交纳党费，按自行脱党处理。",
					"在职党员以工资收入为基数按比例交纳党费。", "党费专款专用，主要用于开展党员教育。")),
			new Topic("发展党员", List.of("发展党员工作要坚持标准、保证质量、改善结构、慎重发展。",
					"入党申请人经过培养教育成为入党积极分子。", "发展对象须经过不少于三天的集中培训。", "预备党员的预备期为一年。",
					"预备期满，支部大会讨论能否按期转为正式党员。", "入党介绍人要认真了解申请人的入党动机。",
					"入党积极分子每季度向党组织递交一次思想汇报。", "发展党员前要进行政治审查并公示。")),
			new Topic("二十大精神", List.of("深入学习贯彻党的二十大精神。", "以新时代中国特色社会主义思想凝心铸魂。",
					"坚持用马克思主义中国化时代化最新成果武装头脑。", "全面建设社会主义现代化国家。",
					"以中国式现代化全面推进中华民族伟大复兴。", "坚持以人民为中心的发展思想。",
					"高质量发展是全面建设社会主义现代化国家的首要任务。",
					"教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑。", "全面推进乡村振兴，加快建设农业强国。")),
			new Topic("立德树人", List.of("坚持立德树人根本任务，培养德智体美劳全面发展的社会主义建设者和接班人。",
					"教师党支部书记双带头人培育工程持续推进。", "把思想政治工作贯穿教育教学全过程。", "课程思政与思政课程同向同行。",
					"学生党员要在学习和科研中发挥先锋模范作用。", "推动党建工作与业务工作深度融合。",
					"实验室党员先锋岗带头攻关关键技术。")),
			new Topic("党风廉政", List.of("全面从严治党永远在路上。", "深入推进党风廉政建设和反腐败斗争。", "严格落实中央八项规定精神。",
					"以案为鉴、以案促改。", "驰而不息纠治四风。", "党员干部要严守纪律规矩，知敬畏、存戒惧、守底线。",
					"廉洁从教，做学生的引路人。")),
			new Topic("志愿服务", List.of("青年党员志愿服务队深入社区开展服务。", "党员先锋岗在急难险重任务中冲锋在前。",
					"组织党员参加义务植树和无偿献血。", "开展我为群众办实事实践活动。", "党员志愿者为留守儿童辅导功课。",
					"寒暑假期间，学生党员返乡开展乡村振兴调研。")));

	static final List<String> GENERAL = List.of("会议由支部书记主持。", "全体党员参加学习。", "大家结合工作实际谈了学习体会。",
			"与会同志一致认为，要把学习成果转化为推动工作的实际行动。", "会后，支部将学习情况报学院党委。", "本次学习安排在学院会议室。",
			"材料请各支部认真组织学习。", "学习时间不少于两小时。", "党员要做好学习笔记。", "请于本周五前完成学习并提交心得体会。",
			"学习采取集中学习与个人自学相结合的方式。", "各党支部要高度重视，精心组织。", "党员领导干部要以身作则，带头学习。",
			"学习中要注重联系思想和工作实际。", "2024年是全面贯彻落实党的二十大精神的关键之年。", "本期学习纲要共安排三项必学内容和两项选学内容。",
			"请通过学习平台观看视频课件。", "附件为PDF格式的学习资料。", "学习情况将纳入年度考核。", "未能参加集中学习的党员请及时自学补课。");

	static final List<String> UNITS = List.of("计算机学院", "机械工程学院", "外国语学院", "经济管理学院", "化学化工学院", "马克思主义学院",
			"文学院", "物理学院", "图书馆", "后勤处", "校医院", "研究生院");

	static final List<String> BRANCHES = List.of("教工第一党支部", "教工第二党支部", "本科生党支部", "研究生第一党支部",
			"研究生第二党支部", "离退休党支部");

	static final List<String> ACTIONS = List.of("召开支部党员大会", "开展集中学习", "组织专题研讨", "举行主题党日活动", "讲授专题党课",
			"召开组织生活会", "开展志愿服务");

	record Material(long id, String kind, int org, boolean wholeSchool, String title, String text) {
	}

	static final String[] KINDS = { "ARTICLE", "ARTICLE", "ARTICLE", "PDF", "PDF", "VIDEO", "AUDIO", "LINK" };

	/** How many different sentences the corpus is written from. */
	static int sentences() {
		return TOPICS.stream().mapToInt(t -> t.sentences().size()).sum() + GENERAL.size()
				+ UNITS.size() * BRANCHES.size() * ACTIONS.size();
	}

	/** Material {@code i}, of one of {@code orgs} organisations (one in five offered to the whole school). */
	static Material material(long i, int orgs) {
		Random random = new Random(i * 7919 + 17);
		Topic topic = TOPICS.get(random.nextInt(TOPICS.size()));
		String unit = UNITS.get(random.nextInt(UNITS.size()));
		String branch = BRANCHES.get(random.nextInt(BRANCHES.size()));
		String kind = KINDS[random.nextInt(KINDS.length)];
		boolean outline = random.nextInt(10) == 0;
		String title = switch (outline ? 4 : random.nextInt(4)) {
			case 0 -> topic.name() + "专题学习材料（第" + (1 + random.nextInt(40)) + "期）";
			case 1 -> unit + branch + topic.name() + "学习心得";
			case 2 -> "关于开展" + topic.name() + "学习的通知";
			case 3 -> first(topic.sentences().get(random.nextInt(topic.sentences().size())));
			default -> (2023 + random.nextInt(3)) + "年第" + (1 + random.nextInt(52)) + "周学习纲要：" + topic.name();
		};
		int count = random.nextInt(20) == 0 ? 150 + random.nextInt(250) : 6 + random.nextInt(25);
		StringBuilder text = new StringBuilder();
		for (int s = 0; s < count; s++) {
			int pick = random.nextInt(100);
			if (pick < 60) {
				text.append(topic.sentences().get(random.nextInt(topic.sentences().size())));
			}
			else if (pick < 85) {
				text.append(GENERAL.get(random.nextInt(GENERAL.size())));
			}
			else if (pick < 93) {
				Topic other = TOPICS.get(random.nextInt(TOPICS.size()));
				text.append(other.sentences().get(random.nextInt(other.sentences().size())));
			}
			else {
				text.append(UNITS.get(random.nextInt(UNITS.size()))).append(BRANCHES.get(random.nextInt(BRANCHES.size())))
					.append(ACTIONS.get(random.nextInt(ACTIONS.size()))).append('。');
			}
			if (random.nextInt(6) == 0) {
				text.append('\n');
			}
		}
		return new Material(i, outline ? "OUTLINE" : kind, random.nextInt(orgs), random.nextInt(5) == 0, title,
				text.toString());
	}

	private static String first(String sentence) {
		int cut = sentence.indexOf('，');
		return cut > 0 ? sentence.substring(0, cut) : sentence.substring(0, sentence.length() - 1);
	}

	private SearchCorpus() {
	}
}
