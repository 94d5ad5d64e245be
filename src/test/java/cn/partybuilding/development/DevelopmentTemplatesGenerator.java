package cn.partybuilding.development;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowHeightRule;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;

/**
 * Writes the default Word templates of the development documents into
 * {@code src/main/resources/development/templates/step-NN.docx}. Run it from the project's folder after
 * changing a form here: {@code ./mvnw -o -q test -Dtest=DevelopmentTemplatesTest -Dregenerate.templates=true}
 * (or run {@link #main} from the IDE), then commit the files. DevelopmentTemplatesTest checks that every shipped template opens and uses only known placeholders.
 * <p>
 * A form is a title, lines, and a table of labels and values: a row of four cells (label, value, label, value)
 * or of two (label, value across the rest); a value line starting with a greater-than sign is set right (a
 * signature and its date); a label starting with an exclamation mark makes a tall row for written text.
 */
public final class DevelopmentTemplatesGenerator {

	private DevelopmentTemplatesGenerator() {
	}

	public static void main(String[] args) throws IOException {
		Path folder = Path.of(args.length > 0 ? args[0] : "src/main/resources/development/templates");
		Files.createDirectories(folder);
		for (Map.Entry<Integer, byte[]> t : templates().entrySet()) {
			Path file = folder.resolve(String.format("step-%02d.docx", t.getKey()));
			Files.write(file, t.getValue());
			System.out.println(file + " " + t.getValue().length + " bytes");
		}
	}

	private static final String[][] PERSON = {
			{ "姓　　名", "{{name}}", "性　　别", "{{gender}}" },
			{ "民　　族", "{{ethnicity}}", "出生日期", "{{birthDate}}" },
			{ "学号/工号", "{{staffNumber}}", "类　　别", "{{category}}" },
			{ "学　　历", "{{education}}", "联系电话", "{{phone}}" },
			{ "所在党支部", "{{branch}}" } };

	static Map<Integer, byte[]> templates() {
		Map<Integer, byte[]> t = new LinkedHashMap<>();
		t.put(2, new Form(2).line("所在党支部：{{branch}}").table(PERSON)
			.table(new String[][] { { "递交申请日期", "{{appliedOn}}", "谈话日期", "{{s02.date}}" },
					{ "谈话人", "{{s02.actor}}", "谈话地点", "" },
					{ "!谈话内容及对象的思想情况", "{{s02.note}}" },
					{ "!党组织意见", "\n>党支部书记（签名）：　　　　　　　　{{s02.date}}" } })
			.line(">谈话人（签名）：　　　　　　　　被谈话人（签名）：　　　　　　　　").bytes());
		t.put(3, new Form(3).table(PERSON)
			.table(new String[][] { { "申请入党日期", "{{appliedOn}}", "确定日期", "{{s03.date}}" },
					{ "推荐方式", "□党员推荐　□群团组织推优" },
					{ "推荐人", "{{s03.people}}" },
					{ "!推荐情况", "{{s03.note}}" },
					{ "!党支部委员会意见", "经支部委员会研究，同意确定{{name}}同志为入党积极分子。\n>党支部书记（签名）：{{s03.actor}}　　{{s03.date}}" } })
			.bytes());
		t.put(4, new Form(4).line("上级党委：{{college}}").table(PERSON)
			.table(new String[][] { { "申请入党日期", "{{appliedOn}}", "确定为积极分子日期", "{{s03.date}}" },
					{ "!党支部意见", "{{s03.note}}\n>（党支部盖章）　　{{s03.date}}" },
					{ "!上级党委备案意见", "{{s04.note}}\n>经办人：{{s04.actor}}　　备案日期：{{s04.date}}" } })
			.bytes());
		t.put(6, new Form(6).table(PERSON)
			.table(new String[][] { { "申请入党日期", "{{appliedOn}}", "确定为积极分子日期", "{{s03.date}}" },
					{ "培养联系人", "{{s05.people}}", "指定日期", "{{s05.date}}" },
					{ "!培养教育考察情况（思想汇报、学习工作表现）", "{{s06.note}}" },
					{ "!培养联系人意见", "\n>培养联系人（签名）：　　　　　　　　年　月　日" },
					{ "!党支部意见", "\n>党支部书记（签名）：{{s06.actor}}　　{{s06.date}}" } })
			.bytes());
		t.put(8, new Form(8).line("上级党委：{{college}}").table(PERSON)
			.table(new String[][] { { "申请入党日期", "{{appliedOn}}", "确定为积极分子日期", "{{s03.date}}" },
					{ "培养联系人", "{{s05.people}}", "确定为发展对象日期", "{{s07.date}}" },
					{ "!支部委员会意见", "{{s07.note}}\n>（党支部盖章）　　{{s07.date}}" },
					{ "!上级党委备案意见", "{{s08.note}}\n>经办人：{{s08.actor}}　　备案日期：{{s08.date}}" } })
			.bytes());
		t.put(10, new Form(10).table(PERSON)
			.table(new String[][] { { "确定为发展对象日期", "{{s07.date}}", "入党介绍人", "{{s09.people}}" },
					{ "审查方式", "□同本人谈话　□查阅档案　□函调或外调　□征求意见" },
					{ "!政治审查情况（本人及直系亲属、主要社会关系的政治情况）", "{{s10.note}}" },
					{ "!审查结论", "\n>审查人：{{s10.actor}}　　{{s10.date}}" },
					{ "!党支部意见", "\n>（党支部盖章）　　年　月　日" } })
			.bytes());
		t.put(11, new Form(11).table(PERSON)
			.table(new String[][] { { "培训结束日期", "{{s11.date}}", "组织单位", "{{college}}" },
					{ "培训天数", "{{s11.days}}", "培训学时", "{{s11.hours}}" },
					{ "!培训考核情况及鉴定意见", "{{s11.note}}" },
					{ "!培训单位意见", "\n>负责人（签名）：{{s11.actor}}　　（盖章）　　{{s11.date}}" } })
			.bytes());
		t.put(12, new Form(12).line("　　经{{branch}}支部委员会审查，拟将{{name}}同志列为预备党员接收对象，现将有关情况公示如下：")
			.table(new String[][] { { "姓　　名", "{{name}}", "性　　别", "{{gender}}" },
					{ "出生日期", "{{birthDate}}", "学　　历", "{{education}}" },
					{ "申请入党日期", "{{appliedOn}}", "确定为积极分子日期", "{{s03.date}}" },
					{ "确定为发展对象日期", "{{s07.date}}", "入党介绍人", "{{s09.people}}" } })
			.line("　　公示时间：{{s12.noticeFrom}}至{{s12.noticeUntil}}。公示期间，党员和群众可通过来电、来信或面谈等方式向党支部或上级党委反映情况。反映问题要实事求是，以真实姓名反映。")
			.line(">{{branch}}").line(">{{s12.date}}").bytes());
		t.put(13, new Form(13).line("上级党委：{{college}}").table(PERSON)
			.table(new String[][] { { "申请入党日期", "{{appliedOn}}", "确定为积极分子日期", "{{s03.date}}" },
					{ "确定为发展对象日期", "{{s07.date}}", "入党介绍人", "{{s09.people}}" },
					{ "政治审查日期", "{{s10.date}}", "集中培训", "{{s11.days}}天　{{s11.hours}}学时" },
					{ "公示时间", "{{s12.noticeFrom}}至{{s12.noticeUntil}}" },
					{ "!支部委员会审查意见", "{{s12.note}}\n>（党支部盖章）　　{{s12.date}}" },
					{ "!上级党委预审意见", "{{s13.note}}\n>经办人：{{s13.actor}}　　（盖章）　　{{s13.date}}" } })
			.bytes());
		t.put(15, new Form(15).line("　　{{branch}}于{{s15.date}}召开支部大会，讨论{{name}}同志的入党问题。")
			.table(new String[][] { { "应到会有表决权的正式党员", "{{s15.vote.expected}}", "实到会", "{{s15.vote.present}}" },
					{ "赞成", "{{s15.vote.yes}}", "反对", "{{s15.vote.no}}" },
					{ "弃权", "{{s15.vote.abstain}}", "书面意见（赞成/反对）", "{{s15.vote.writtenYes}} / {{s15.vote.writtenNo}}" },
					{ "入党介绍人", "{{s09.people}}" },
					{ "表决结果", "{{s15.vote.outcome}}" },
					{ "!支部大会决议", "{{s15.note}}\n>党支部书记（签名）：{{s15.actor}}　　{{s15.date}}" } })
			.bytes());
		t.put(16, new Form(16).line("上级党委：{{college}}").table(PERSON)
			.table(new String[][] { { "支部大会日期", "{{s15.date}}", "谈话日期", "{{s16.date}}" },
					{ "谈话人", "{{s16.actor}}", "谈话地点", "" },
					{ "!谈话内容及对象对党的认识、入党动机和思想表现", "{{s16.note}}" },
					{ "!谈话人意见", "\n>谈话人（签名）：　　　　　　　　{{s16.date}}" } })
			.bytes());
		t.put(18, new Form(18).line("上级党委：{{college}}").table(PERSON)
			.table(new String[][] { { "支部大会日期（入党日期）", "{{joinDate}}", "上级党委审批日期", "{{s17.date}}" },
					{ "表决情况", "应到 {{s15.vote.expected}} 人，实到 {{s15.vote.present}} 人，赞成 {{s15.vote.yes}} 票，书面赞成 {{s15.vote.writtenYes}} 票" },
					{ "预备期", "{{joinDate}}至{{probationEnds}}" },
					{ "入党介绍人", "{{s09.people}}" },
					{ "!备案意见", "{{s18.note}}\n>经办人：{{s18.actor}}　　备案日期：{{s18.date}}" } })
			.bytes());
		t.put(21, new Form(21).table(PERSON)
			.table(new String[][] { { "入党日期", "{{joinDate}}", "预备期满", "{{probationEnds}}" },
					{ "编入党小组", "{{s19.note}}" },
					{ "入党宣誓日期", "{{s20.date}}", "考察日期", "{{s21.date}}" },
					{ "!继续教育考察情况（学习、工作、思想表现）", "{{s21.note}}" },
					{ "!入党介绍人意见", "{{s09.people}}\n>（签名）　　　　年　月　日" },
					{ "!党支部意见", "\n>党支部书记（签名）：{{s21.actor}}　　{{s21.date}}" } })
			.bytes());
		t.put(23, new Form(23).line("　　{{branch}}于{{s23.date}}召开支部大会，讨论预备党员{{name}}同志的转正问题。")
			.table(new String[][] { { "入党日期", "{{joinDate}}", "预备期满", "{{probationEnds}}" },
					{ "应到会有表决权的正式党员", "{{s23.vote.expected}}", "实到会", "{{s23.vote.present}}" },
					{ "赞成", "{{s23.vote.yes}}", "反对", "{{s23.vote.no}}" },
					{ "弃权", "{{s23.vote.abstain}}", "书面意见（赞成/反对）", "{{s23.vote.writtenYes}} / {{s23.vote.writtenNo}}" },
					{ "表决结果", "{{s23.vote.outcome}}" },
					{ "!支部大会决议", "{{s23.note}}\n>党支部书记（签名）：{{s23.actor}}　　{{s23.date}}" } })
			.bytes());
		return t;
	}

	/** One form: 宋体 五号 in a table of fixed columns on A4. */
	private static final class Form {

		private static final int[] COLUMNS = { 1700, 2500, 1700, 2500 };

		private final XWPFDocument document = new XWPFDocument();

		Form(int step) {
			XWPFParagraph title = document.createParagraph();
			title.setAlignment(ParagraphAlignment.CENTER);
			title.setSpacingAfter(200);
			run(title, DevelopmentDocuments.TITLES.get(step), 18, true);
		}

		Form line(String text) {
			XWPFParagraph paragraph = document.createParagraph();
			paragraph.setSpacingBefore(80);
			String t = text;
			if (t.startsWith(">")) {
				paragraph.setAlignment(ParagraphAlignment.RIGHT);
				t = t.substring(1);
			}
			run(paragraph, t, 12, false);
			return this;
		}

		Form table(String[][] rows) {
			XWPFTable table = document.createTable();
			CTTblGrid grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid()
					: table.getCTTbl().addNewTblGrid();
			while (grid.sizeOfGridColArray() > 0) {
				grid.removeGridCol(0);
			}
			for (int w : COLUMNS) {
				grid.addNewGridCol().setW(BigInteger.valueOf(w));
			}
			table.setWidth(Integer.toString(sum(0, COLUMNS.length)));
			for (String[] cells : rows) {
				XWPFTableRow row = table.insertNewTableRow(table.getNumberOfRows());
				boolean tall = cells[0].startsWith("!");
				if (tall) {
					row.setHeight(1800);
					row.setHeightRule(TableRowHeightRule.AT_LEAST);
				}
				else {
					row.setHeight(480);
					row.setHeightRule(TableRowHeightRule.AT_LEAST);
				}
				for (int c = 0; c < cells.length; c++) {
					XWPFTableCell cell = row.createCell();
					boolean last = c == cells.length - 1;
					int span = last ? COLUMNS.length - c : 1;
					cell.setWidth(Integer.toString(sum(c, c + span)));
					if (span > 1) {
						CTTcPr pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
						pr.addNewGridSpan().setVal(BigInteger.valueOf(span));
					}
					boolean label = c % 2 == 0;
					String text = label && tall ? cells[c].substring(1) : cells[c];
					cell.setVerticalAlignment(label || !tall ? XWPFTableCell.XWPFVertAlign.CENTER : XWPFTableCell.XWPFVertAlign.TOP);
					String[] lines = text.split("\n", -1);
					for (int i = 0; i < lines.length; i++) {
						XWPFParagraph p = i == 0 ? cell.getParagraphs().get(0) : cell.addParagraph();
						String l = lines[i];
						if (l.startsWith(">")) {
							p.setAlignment(ParagraphAlignment.RIGHT);
							p.setSpacingBefore(600);
							l = l.substring(1);
						}
						else if (label) {
							p.setAlignment(ParagraphAlignment.CENTER);
						}
						if (!l.isEmpty()) {
							run(p, l, 10.5, label);
						}
					}
				}
			}
			table.removeRow(0);
			document.createParagraph();
			return this;
		}

		private static int sum(int from, int to) {
			int s = 0;
			for (int i = from; i < to; i++) {
				s += COLUMNS[i];
			}
			return s;
		}

		private static void run(XWPFParagraph paragraph, String text, double size, boolean bold) {
			XWPFRun run = paragraph.createRun();
			run.setText(text);
			run.setFontSize(size);
			run.setBold(bold);
			run.setFontFamily("宋体", XWPFRun.FontCharRange.eastAsia);
			run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
		}

		byte[] bytes() {
			try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
				document.write(out);
				document.close();
				return out.toByteArray();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}
