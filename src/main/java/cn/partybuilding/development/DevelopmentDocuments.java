package cn.partybuilding.development;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The paperwork of a person's file, written from what was recorded (record once): each step's document as
 * an editable .docx filled from the step's template (the committee's upload, or the default shipped in
 * {@code development/templates/step-NN.docx}), all of them as a ZIP, a batch as a ZIP with a folder per
 * person, and the whole file as one PDF for 材料归档.
 * <p>
 * Placeholders, written {@code {{name}}} in a template: {@code name gender ethnicity birthDate staffNumber
 * category education phone branch college appliedOn stage joinDate probationEnds today}, and per step NN (two
 * digits, 01 to 25) {@code sNN.date sNN.actor sNN.note sNN.reason sNN.people sNN.days sNN.hours
 * sNN.vote.expected sNN.vote.present sNN.vote.yes sNN.vote.no sNN.vote.abstain sNN.vote.writtenYes
 * sNN.vote.writtenNo sNN.vote.outcome sNN.extensionMonths sNN.noticeFrom sNN.noticeUntil}. Dates read like
 * 2025年3月1日; people are joined with 、. A name with nothing recorded becomes a blank line to write on.
 */
@Component
class DevelopmentDocuments {

	/** The titles of the documents shipped with a default template, by step. */
	static final Map<Integer, String> TITLES = titles();

	static final List<String> PERSON = List.of("name", "gender", "ethnicity", "birthDate", "staffNumber", "category",
			"education", "phone", "branch", "college", "appliedOn", "stage", "joinDate", "probationEnds", "today");

	static final List<String> PER_STEP = List.of("date", "actor", "note", "reason", "people", "days", "hours",
			"vote.expected", "vote.present", "vote.yes", "vote.no", "vote.abstain", "vote.writtenYes", "vote.writtenNo",
			"vote.outcome", "extensionMonths", "noticeFrom", "noticeUntil");

	private static final Set<String> PER_STEP_NAMES = Set.copyOf(PER_STEP);

	private static final Pattern STEP_NAME = Pattern.compile("s(0[1-9]|1[0-9]|2[0-5])\\.(.+)");

	private static final Pattern UNSAFE = Pattern.compile("[\\\\/:*?\"<>|\\p{Cntrl}]");

	private final DevelopmentTemplates templates;

	private final MessageSource messages;

	private final Clock clock;

	private final ObjectProvider<DevelopmentRules> rules;

	DevelopmentDocuments(DevelopmentTemplates templates, MessageSource messages, Clock clock,
			ObjectProvider<DevelopmentRules> rules) {
		this.templates = templates;
		this.messages = messages;
		this.clock = clock;
		this.rules = rules;
	}

	private static Map<Integer, String> titles() {
		Map<Integer, String> t = new LinkedHashMap<>();
		t.put(2, "谈话记实表");
		t.put(3, "入党积极分子推荐表");
		t.put(4, "入党积极分子备案表");
		t.put(6, "入党积极分子培养考察表");
		t.put(8, "发展对象备案表");
		t.put(10, "政治审查综合材料");
		t.put(11, "集中培训考核鉴定表");
		t.put(12, "发展对象公示");
		t.put(13, "发展对象预审表");
		t.put(15, "支部大会决议");
		t.put(16, "上级党委谈话记实表");
		t.put(18, "预备党员备案表");
		t.put(21, "预备党员考察记实表");
		t.put(23, "预备党员转正支部大会决议");
		return Map.copyOf(t);
	}

	/** Whether a template may use this placeholder name (one of those documented above). */
	static boolean known(String name) {
		if (PERSON.contains(name)) {
			return true;
		}
		var m = STEP_NAME.matcher(name);
		return m.matches() && PER_STEP_NAMES.contains(m.group(2));
	}

	/** A step's document title: the default's, or the step's name for a template the committee added. */
	String title(int step) {
		return TITLES.getOrDefault(step, stepName(step));
	}

	String stepName(int step) {
		return messages.getMessage("development.step." + step, null, Locale.SIMPLIFIED_CHINESE);
	}

	/** Date as Chinese forms write it: 2025年3月1日 (empty for none). */
	static String date(LocalDate date) {
		return date == null ? "" : date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
	}

	/** The values of every placeholder with something recorded; those without are absent (a blank line). */
	Map<String, String> placeholders(DocumentFacts facts) {
		Map<String, String> v = new LinkedHashMap<>();
		put(v, "name", facts.name());
		put(v, "gender", facts.gender());
		put(v, "ethnicity", facts.ethnicity());
		put(v, "birthDate", date(facts.birthDate()));
		put(v, "staffNumber", facts.staffNumber());
		put(v, "category", facts.category());
		put(v, "education", facts.education());
		put(v, "phone", facts.phone());
		put(v, "branch", facts.branchName());
		put(v, "college", facts.collegeName());
		put(v, "appliedOn", date(facts.appliedOn()));
		if (facts.stage() != null) {
			put(v, "stage", messages.getMessage("applicant.stage." + facts.stage().name(), null, Locale.SIMPLIFIED_CHINESE));
		}
		put(v, "joinDate", date(facts.joinDate()));
		put(v, "probationEnds", date(facts.probationEnds()));
		put(v, "today", date(LocalDate.now(clock)));
		if (facts.steps() != null) {
			facts.steps().values().stream().sorted(java.util.Comparator.comparingInt(DocumentFacts.StepFacts::step))
				.forEach(s -> stepValues(v, s));
		}
		return v;
	}

	private void stepValues(Map<String, String> v, DocumentFacts.StepFacts s) {
		String p = String.format("s%02d.", s.step());
		put(v, p + "date", date(s.date()));
		put(v, p + "actor", s.actor());
		put(v, p + "note", s.note());
		put(v, p + "reason", s.reason());
		if (s.people() != null && !s.people().isEmpty()) {
			put(v, p + "people", String.join("、", s.people()));
		}
		put(v, p + "days", s.days() == null ? null : s.days().toString());
		put(v, p + "hours", s.hours() == null ? null : s.hours().toString());
		BranchVote vote = s.vote();
		if (vote != null) {
			put(v, p + "vote.expected", Integer.toString(vote.expected()));
			put(v, p + "vote.present", Integer.toString(vote.present()));
			put(v, p + "vote.yes", Integer.toString(vote.yes()));
			put(v, p + "vote.no", Integer.toString(vote.no()));
			put(v, p + "vote.abstain", Integer.toString(vote.abstain()));
			put(v, p + "vote.writtenYes", Integer.toString(vote.writtenYes()));
			put(v, p + "vote.writtenNo", Integer.toString(vote.writtenNo()));
			put(v, p + "vote.outcome", outcome(vote));
		}
		put(v, p + "extensionMonths", s.extensionMonths() == null ? null : s.extensionMonths().toString());
		if (s.step() == Step.COMMITTEE_REVIEW.number() || s.noticeFrom() != null) {
			LocalDate from = s.noticeFrom() != null ? s.noticeFrom() : s.date();
			if (from != null) {
				put(v, p + "noticeFrom", date(from));
				put(v, p + "noticeUntil", date(rules().noticeOver(from).minusDays(1)));
			}
		}
	}

	/** The vote's result in the words of a 决议 (the platform's reading of the counts, 细则 §21). */
	static String outcome(BranchVote vote) {
		BranchVote.Outcome o = vote.outcome();
		if (!o.quorate()) {
			return "到会有表决权的正式党员未超过应到会人数的半数，未进行表决";
		}
		return "赞成 " + o.yesCounted() + " 票（含书面意见），" + (o.passed() ? "超过" : "未超过") + "应到会有表决权正式党员的半数，"
				+ (o.passed() ? "决议通过" : "决议未通过");
	}

	private DevelopmentRules rules() {
		return rules.getIfAvailable(() -> DevelopmentRules.DEFAULTS);
	}

	private static void put(Map<String, String> values, String name, String value) {
		if (value != null && !value.isBlank()) {
			values.put(name, value);
		}
	}

	/** The step's document filled for this person: empty when the step has no template or is not approved. */
	Optional<byte[]> document(DocumentFacts facts, int step) {
		if (facts.steps() == null || !facts.steps().containsKey(step)) {
			return Optional.empty();
		}
		return templates.template(step).map(t -> DocxFiller.fill(t, placeholders(facts)));
	}

	/** The document's file name: 02-谈话记实表-张三.docx. */
	String fileName(DocumentFacts facts, int step) {
		return String.format("%02d-%s-%s.docx", step, safe(title(step)), safe(facts.name()));
	}

	/** Every document of the approved steps, as a ZIP (names in UTF-8). */
	byte[] zip(DocumentFacts facts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			write(zip, "", facts, templates.templates());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** A batch's documents, a folder per person (姓名-学号/工号, or the id when there is none). */
	byte[] zipBatch(List<DocumentFacts> people) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Map<Integer, byte[]> all = templates.templates();
		Set<String> folders = new HashSet<>();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (DocumentFacts facts : people) {
				String folder = safe(facts.name()) + "-"
						+ (facts.staffNumber() == null || facts.staffNumber().isBlank() ? Long.toString(facts.id()) : safe(facts.staffNumber()));
				if (!folders.add(folder)) {
					folder = folder + "-" + facts.id();
					folders.add(folder);
				}
				zip.putNextEntry(new ZipEntry(folder + "/"));
				zip.closeEntry();
				write(zip, folder + "/", facts, all);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	private void write(ZipOutputStream zip, String folder, DocumentFacts facts, Map<Integer, byte[]> all) throws IOException {
		if (facts.steps() == null) {
			return;
		}
		Map<String, String> values = placeholders(facts);
		for (int step = 1; step <= Step.values().length; step++) {
			byte[] template = all.get(step);
			if (template == null || !facts.steps().containsKey(step)) {
				continue;
			}
			zip.putNextEntry(new ZipEntry(folder + fileName(facts, step)));
			zip.write(DocxFiller.fill(template, values));
			zip.closeEntry();
		}
	}

	/**
	 * The whole file as one PDF for 材料归档: who and where, every step of the 25 (number, name, date, decision,
	 * who acted, what was recorded), and the attachments by name.
	 */
	byte[] filePdf(DocumentFacts facts, List<String> attachmentNames) {
		return DevelopmentFilePdf.write(facts, attachmentNames, this::stepName,
				facts.stage() == null ? ""
						: messages.getMessage("applicant.stage." + facts.stage().name(), null, Locale.SIMPLIFIED_CHINESE),
				LocalDate.now(clock));
	}

	/** What a step recorded beyond its date and actor, in one line for the file's table. */
	static String detail(DocumentFacts.StepFacts s) {
		StringBuilder d = new StringBuilder();
		append(d, s.note());
		if (s.people() != null && !s.people().isEmpty()) {
			append(d, "人员：" + String.join("、", s.people()));
		}
		if (s.days() != null || s.hours() != null) {
			append(d, "培训" + (s.days() == null ? "" : s.days() + " 天") + (s.days() != null && s.hours() != null ? "、" : "")
					+ (s.hours() == null ? "" : s.hours() + " 学时"));
		}
		if (s.vote() != null) {
			BranchVote vote = s.vote();
			append(d, "应到 " + vote.expected() + " 人，实到 " + vote.present() + " 人；赞成 " + vote.yes() + "，反对 " + vote.no() + "，弃权 "
					+ vote.abstain() + "；书面赞成 " + vote.writtenYes() + "，书面反对 " + vote.writtenNo() + "。" + outcome(vote));
		}
		if (s.extensionMonths() != null) {
			append(d, "延长预备期 " + s.extensionMonths() + " 个月");
		}
		if (s.noticeFrom() != null) {
			append(d, "公示自 " + date(s.noticeFrom()));
		}
		append(d, s.reason());
		return d.toString();
	}

	private static void append(StringBuilder d, String text) {
		if (text != null && !text.isBlank()) {
			if (!d.isEmpty()) {
				d.append("；");
			}
			d.append(text.strip());
		}
	}

	static String safe(String name) {
		String s = name == null ? "" : UNSAFE.matcher(name).replaceAll("_").strip();
		return s.isEmpty() ? "_" : s;
	}
}
