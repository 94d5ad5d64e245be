package cn.partybuilding.record;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.function.IntPredicate;

import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberView;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.PersonalDataSeen;
import cn.partybuilding.shared.PlatformZone;

/**
 * 党员纪实档案: one member's chronicle as an editable Word document, for the paper file offices keep —
 * the profile's heading (sensitive fields masked) and every entry, oldest first. Each export is audited.
 */
@Component
class ChronicleDocument {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private static final String FONT = "宋体";

	/** The profile table: label, value, label, value. */
	private static final IntPredicate LABELS = c -> c % 2 == 0;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ChronicleDocument(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	record ChronicleExported(long memberId, String summary) implements AuditableEvent, PersonalDataSeen {

		@Override
		public Kind kind() {
			return Kind.EXPORT;
		}

		@Override
		public Collection<Long> memberIds() {
			return List.of(memberId);
		}

		@Override
		public String reason() {
			return "导出党员纪实档案（Word）";
		}

		@Override
		public String action() {
			return "record.export";
		}

		@Override
		public String entityType() {
			return "member";
		}

		@Override
		public String entityId() {
			return Long.toString(memberId);
		}
	}

	/** The document's file name, as it is filed: 党员纪实档案-姓名.docx. */
	static String fileName(MemberView member) {
		return "党员纪实档案-" + member.name() + ".docx";
	}

	/** {@code organizationPath} is the member's organisation with its parents, e.g. 计算机学院党委 / 教工第一党支部. */
	void write(MemberView member, String organizationPath, List<Chronicle.Entry> entries, OutputStream out)
			throws IOException {
		try (XWPFDocument doc = new XWPFDocument()) {
			a4WithPageNumbers(doc);
			XWPFParagraph title = doc.createParagraph();
			title.setAlignment(ParagraphAlignment.CENTER);
			text(title, "党员纪实档案", 18, true);

			XWPFTable profile = doc.createTable(4, 4);
			cells(profile.getRow(0), LABELS, "姓名", member.name(), "学号/工号", member.staffNumber());
			cells(profile.getRow(1), LABELS, "性别", member.gender().name().equals("MALE") ? "男" : "女", "身份证号", member.idCard());
			cells(profile.getRow(2), LABELS, "所在党组织", organizationPath, "党员状态",
					member.status().name().equals("FULL") ? "正式党员" : "预备党员");
			cells(profile.getRow(3), LABELS, "入党日期", String.valueOf(member.joinDate()), "转正日期",
					member.conversionDate() == null ? "—" : member.conversionDate().toString());
			width(profile);

			text(doc.createParagraph(), "", 10, false);
			XWPFParagraph heading = doc.createParagraph();
			text(heading, "纪实记录（共 " + entries.size() + " 条）", 13, true);
			if (entries.isEmpty()) {
				text(doc.createParagraph(), "暂无记录", 11, false);
			}
			else {
				XWPFTable table = doc.createTable(entries.size() + 1, 4);
				cells(table.getRow(0), c -> true, "时间", "事项", "内容", "记录人");
				table.getRow(0).setRepeatHeader(true);
				// the chronicle is shown newest first; the archive reads as a history, oldest first
				for (int i = 0; i < entries.size(); i++) {
					Chronicle.Entry e = entries.get(entries.size() - 1 - i);
					cells(table.getRow(i + 1), c -> false, WHEN.format(e.occurredAt()), e.title(), e.detail() == null ? "" : e.detail(),
							e.actor() == null ? "本人" : "system".equals(e.actor()) ? "系统" : e.actor());
				}
				width(table);
			}
			XWPFParagraph footer = doc.createParagraph();
			footer.setAlignment(ParagraphAlignment.RIGHT);
			text(footer, "导出时间：" + WHEN.format(clock.instant()), 9, false);
			doc.write(out);
		}
		events.publishEvent(new ChronicleExported(member.id(),
				"导出党员纪实档案（Word）：" + member.name() + "，" + entries.size() + " 条记录"));
	}

	/** Offices print on A4; the archive runs to many pages, so each is numbered. */
	private static void a4WithPageNumbers(XWPFDocument doc) {
		var section = doc.getDocument().getBody().addNewSectPr();
		var size = section.addNewPgSz();
		size.setW(BigInteger.valueOf(11906));
		size.setH(BigInteger.valueOf(16838));
		var margins = section.addNewPgMar();
		margins.setTop(BigInteger.valueOf(1440));
		margins.setBottom(BigInteger.valueOf(1440));
		margins.setLeft(BigInteger.valueOf(1304));
		margins.setRight(BigInteger.valueOf(1304));
		XWPFParagraph footer = doc.createFooter(HeaderFooterType.DEFAULT).createParagraph();
		footer.setAlignment(ParagraphAlignment.CENTER);
		text(footer, "第 ", 9, false);
		footer.getCTP().addNewFldSimple().setInstr("PAGE");
		text(footer, " 页", 9, false);
	}

	/** A row of cells; {@code bold} says which columns are labels. */
	private static void cells(XWPFTableRow row, IntPredicate bold, String... values) {
		for (int i = 0; i < values.length; i++) {
			text(row.getCell(i).getParagraphs().get(0), values[i], 10.5, bold.test(i));
		}
	}

	private static void width(XWPFTable table) {
		table.setWidth("100%");
		table.getCTTbl().getTblPr().addNewTblLayout().setType(STTblLayoutType.AUTOFIT);
		table.getCTTbl().getTblPr().getTblW().setW(BigInteger.valueOf(5000));
	}

	private static void text(XWPFParagraph p, String text, double size, boolean bold) {
		XWPFRun run = p.createRun();
		run.setText(text);
		run.setFontSize(size);
		run.setBold(bold);
		run.setFontFamily(FONT, XWPFRun.FontCharRange.eastAsia);
	}
}
