package cn.partybuilding.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import cn.partybuilding.PlatformMessages;

import cn.partybuilding.analytics.Dashboard.Area;
import cn.partybuilding.analytics.Dashboard.Bar;
import cn.partybuilding.analytics.Dashboard.Breakdown;
import cn.partybuilding.analytics.Dashboard.Child;
import cn.partybuilding.analytics.Dashboard.Figure;
import cn.partybuilding.analytics.Dashboard.Funnel;
import cn.partybuilding.analytics.Dashboard.Members;
import cn.partybuilding.shared.Figures.Direction;
import cn.partybuilding.shared.Figures.Unit;

/**
 * The report's files from a dashboard value made here: the Word file carries native charts (word/charts/chart*.xml)
 * and the narrative numbers; the PDF's text extracts with the same narrative; quarters and years read 本季度/上季度
 * and 本年/上年.
 */
class ReportDocumentsTest {

	private final ReportNarrative narrative = new ReportNarrative(messages());

	static ResourceBundleMessageSource messages() {
		return PlatformMessages.load();
	}

	static Dashboard dashboard(String period, String previous, String lastYear) {
		Members members = new Members(52005, 50000, 2005, 51970L, 51000L, List.of(
				new Breakdown("category", "党员类别", List.of(new Bar("STUDENT", "学生党员", 30000, 29990L),
						new Bar("STAFF", "教职工党员", 20005, 19980L), new Bar("RETIRED", "离退休党员", 2000, 2000L))),
				new Breakdown("gender", "性别", List.of(new Bar("MALE", "男", 27000, null), new Bar("FEMALE", "女", 25005, null)))));
		Funnel funnel = new Funnel(List.of(new Bar("application", "递交入党申请", 320, 300L), new Bar("activist", "确定入党积极分子", 210, 190L),
				new Bar("candidate", "确定发展对象", 120, 118L), new Bar("admitted", "接收预备党员", 80, 75L),
				new Bar("converted", "预备党员转正", 66, 70L)));
		Figure orglife = new Figure("rate", "orglife.rate", "组织生活完成率", Unit.RATE, Direction.HIGHER_IS_BETTER, 0.924, 0.942,
				0.90, "已开 924 次 / 应开 1000 次");
		Figure dues = new Figure("rate", "dues.rate", "党费收缴率", Unit.RATE, Direction.HIGHER_IS_BETTER, 0.981, 0.975, null,
				"已交 51 000 人 / 应交 52 000 人");
		Figure arrears = new Figure("arrears", "dues.arrears", "欠交党员", Unit.COUNT, Direction.LOWER_IS_BETTER, 120d, 160d, null, null);
		Figure hours = new Figure("hours", "volunteer.hours", "人均志愿服务时长", Unit.PER_MEMBER, Direction.HIGHER_IS_BETTER, 1.25, 1.1,
				null, null);
		List<Area> areas = List.of(
				new Area("orglife", "组织生活", List.of(orglife), List.of(new Figure("kind", "orglife.compliance.BRANCH_COMMITTEE",
						"支委会", Unit.RATE, Direction.HIGHER_IS_BETTER, 0.95, 0.96, null, "已开 95 次 / 应开 100 次"))),
				new Area("dues", "党费收缴", List.of(dues, arrears), List.of()),
				new Area("volunteer", "志愿服务", List.of(hours), List.of()));
		Map<String, Double> a = new LinkedHashMap<>(Map.of("orglife.rate", 0.80, "dues.rate", 0.99));
		Map<String, Double> b = new LinkedHashMap<>(Map.of("orglife.rate", 0.852, "dues.rate", 0.95));
		Map<String, Double> c = new LinkedHashMap<>(Map.of("orglife.rate", 0.99));
		List<Child> children = List.of(new Child(11, "机械学院", 9000, a), new Child(12, "外国语学院", 7000, b),
				new Child(13, "计算机学院", 12000, c));
		return new Dashboard(1, "示范大学党委", period, previous, lastYear, Instant.parse("2026-12-01T19:00:00Z"), members, funnel,
				areas, children);
	}

	@Test
	void theWordFileCarriesNativeChartsAndTheNarrativeNumbers() throws IOException {
		ReportContent content = narrative.write(dashboard("2026-11", "2026-10", "2025-11"), true, List.of("机械学院 换届到期"),
				Instant.parse("2026-12-02T01:00:00Z"));
		byte[] docx = ReportDocx.write(content, "footer");
		Map<String, String> parts = unzip(docx);
		assertThat(parts.keySet().stream().filter(p -> p.matches("word/charts/chart\\d+\\.xml")).count())
			.as("a native chart per composition, the funnel, the children's orglife and dues rates").isGreaterThanOrEqualTo(5);
		assertThat(parts.keySet()).anyMatch(p -> p.startsWith("word/embeddings/"));
		String document = parts.get("word/document.xml");
		assertThat(document).contains("示范大学党委党建工作分析报告（2026年11月）")
			.contains("本月全校党员 52 005 名，其中正式党员 50 000 名、预备党员 2 005 名，较上月增加 35 名")
			.contains("组织生活完成率 92.4%（已开 924 次 / 应开 1000 次），低于上月 1.8 个百分点，去年同期为 90.0%，主要集中在机械学院（80.0%）、外国语学院（85.2%）")
			.contains("党费收缴率 98.1%")
			.contains("欠交党员")
			.contains("机械学院 换届到期")
			.contains("主要变化")
			.contains("对比：上月（2026-10）、去年同期（2025-11）");
		String chart = parts.entrySet().stream().filter(e -> e.getKey().startsWith("word/charts/chart"))
			.map(Map.Entry::getValue).reduce("", String::concat);
		assertThat(chart).contains("<c:barChart>").contains("学生党员").contains("组织生活完成率");
	}

	@Test
	void thePdfReadsTheSameNarrative() throws IOException {
		ReportContent content = narrative.write(dashboard("2026-11", "2026-10", "2025-11"), true,
				List.of("党费欠缴：教工第一党支部，张三 欠缴 3 个月（期限 2026-12-31）"), Instant.parse("2026-12-02T01:00:00Z"));
		byte[] pdf = ReportPdf.write(content, "本报告由平台生成");
		try (PDDocument read = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(read).replaceAll("\\s+", "");
			assertThat(text).contains("示范大学党委党建工作分析报告（2026年11月）")
				.contains("本月全校党员52005名".replace(" ", ""))
				.contains("低于上月1.8个百分点")
				.contains("主要集中在机械学院（80.0%）")
				.contains("学生党员")
				.contains("本期共有1项预警需要关注").contains("张三欠缴3个月");
		}
	}

	@Test
	void aQuarterReadsThisQuarterAndLastQuarter() throws IOException {
		ReportContent content = narrative.write(dashboard("2026-Q4", "2026-Q3", "2025-Q4"), false, List.of(),
				Instant.parse("2027-01-01T01:00:00Z"));
		String document = unzip(ReportDocx.write(content, "footer")).get("word/document.xml");
		assertThat(document).contains("示范大学党委党建工作分析报告（2026年第4季度）")
			.contains("本季度示范大学党委党员 52 005 名").contains("较上季度增加 35 名").contains("低于上季度 1.8 个百分点")
			.contains("本期没有需要提示的预警事项");
	}

	@Test
	void aYearReadsThisYearAndLastYear() throws IOException {
		ReportContent content = narrative.write(dashboard("2026", "2025", "2025"), true, List.of(),
				Instant.parse("2027-01-01T01:00:00Z"));
		String document = unzip(ReportDocx.write(content, "footer")).get("word/document.xml");
		assertThat(document).contains("（2026年）").contains("本年全校党员 52 005 名").contains("较上年增加 35 名")
			.contains("低于上年 1.8 个百分点").doesNotContain("去年同期");
	}

	@Test
	void theLargestMovesComeFirst() {
		List<ReportNarrative.Change> changes = narrative.largestChanges(dashboard("2026-11", "2026-10", "2025-11"));
		assertThat(changes).extracting(ReportNarrative.Change::label).first().isEqualTo("欠交党员");
		assertThat(changes).hasSizeLessThanOrEqualTo(ReportNarrative.CHANGES);
	}

	static Map<String, String> unzip(byte[] file) throws IOException {
		Map<String, String> parts = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				parts.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return parts;
	}
}
