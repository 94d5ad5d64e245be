package cn.partybuilding.member;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellReference;

import cn.partybuilding.shared.FieldProblem;

/**
 * The columns of the member sheet and how a row's text becomes a {@link MemberForm}.
 * Headers are found by name (order free, a title row above them allowed, common variants accepted);
 * values are read the way people type them (男/男性, 本科/大学本科, 2001/9/1, 2001年9月1日 …).
 */
final class ImportColumns {

	/** A form field, the header the template uses and the variants offices write instead. */
	enum Column {
		NAME("name", "姓名"), GENDER("gender", "性别"), ETHNICITY("ethnicity", "民族"), BIRTH_DATE("birthDate", "出生日期", "出生年月日"),
		ID_CARD("idCard", "身份证号", "身份证号码", "公民身份号码", "身份证"), STAFF_NUMBER("staffNumber", "学号/工号", "学号", "工号", "学号或工号", "学工号"),
		CATEGORY("category", "人员类别", "人员类型"), EDUCATION("education", "学历"), ORGANIZATION("organizationId", "所在党组织", "所在支部", "所在党支部", "党组织"),
		STATUS("status", "党员状态", "党员类型"), JOIN_DATE("joinDate", "入党日期", "入党时间"), CONVERSION_DATE("conversionDate", "转正日期", "转正时间"),
		PHONE("phone", "手机号", "手机号码", "联系电话", "手机"), GRADUATION_YEAR("graduationYear", "毕业年份", "毕业年度"),
		NATIVE_PLACE("nativePlace", "籍贯"), HISTORICAL("historicalRecord", "历史记录", "是否历史记录", "补记转正");

		final String field;

		final String header;

		final List<String> names;

		Column(String field, String header, String... variants) {
			this.field = field;
			this.header = header;
			List<String> all = new ArrayList<>(List.of(header));
			all.addAll(List.of(variants));
			this.names = all.stream().map(ImportColumns::headerKey).toList();
		}

		static Optional<Column> ofField(String field) {
			for (Column c : values()) {
				if (c.field.equals(field)) {
					return Optional.of(c);
				}
			}
			return Optional.empty();
		}
	}

	/** Columns a file must have; the others may be missing (籍贯) or are derived (出生日期 from the ID card). */
	static final List<Column> REQUIRED = List.of(Column.NAME, Column.GENDER, Column.ID_CARD, Column.STAFF_NUMBER,
			Column.CATEGORY, Column.EDUCATION, Column.ORGANIZATION, Column.STATUS, Column.JOIN_DATE);

	/** One problem in one cell, with the row number Excel shows. */
	record CellProblem(int row, Column column, String messageKey, Object[] args) {
	}

	/** A parsed row: the form and what could not even be read (the registry's rules run afterwards). */
	record ParsedRow(int row, MemberForm form, String organizationText, List<CellProblem> problems) {

		ParsedRow with(MemberForm other) {
			return new ParsedRow(row, other, organizationText, problems);
		}
	}

	private final Map<Column, Integer> positions;

	private ImportColumns(Map<Column, Integer> positions) {
		this.positions = positions;
	}

	/**
	 * The header row if this row is one (it names 姓名 and 身份证号); empty for a title or note row above it.
	 * A header missing a required column is a file-level problem.
	 */
	static Optional<ImportColumns> header(List<String> cells) {
		Map<Column, Integer> found = new LinkedHashMap<>();
		for (int i = 0; i < cells.size(); i++) {
			String key = headerKey(cells.get(i));
			for (Column c : Column.values()) {
				if (c.names.contains(key)) {
					found.putIfAbsent(c, i);
				}
			}
		}
		if (!found.containsKey(Column.NAME) || !found.containsKey(Column.ID_CARD)) {
			return Optional.empty();
		}
		List<String> missing = REQUIRED.stream().filter(c -> !found.containsKey(c)).map(c -> c.header).toList();
		if (!missing.isEmpty()) {
			throw new FieldProblem("file", "member.import.missingColumns", String.join("、", missing));
		}
		return Optional.of(new ImportColumns(found));
	}

	/** The template's example row (姓名 starts with 示例), left in by whoever filled it in. */
	static boolean isExample(List<String> cells, ImportColumns columns) {
		Integer at = columns.positions.get(Column.NAME);
		return at != null && at < cells.size() && cells.get(at).strip().startsWith(MemberSheet.EXAMPLE_MARK);
	}

	/** The column letter of a column in this file, for the error list (E, AB …). */
	String letterOf(Column column) {
		Integer at = positions.get(column);
		return at == null ? "" : CellReference.convertNumToColString(at);
	}

	/** Reads a data row; {@code organizations} turns the 所在党组织 text into an id or a problem key. */
	ParsedRow parse(int row, List<String> cells, Function<String, Resolved> organizations) {
		List<CellProblem> problems = new ArrayList<>();
		Reader r = new Reader(row, cells, problems);
		String orgText = r.text(Column.ORGANIZATION);
		Long orgId = null;
		if (!orgText.isEmpty()) {
			Resolved resolved = organizations.apply(orgText);
			if (resolved.id() != null) {
				orgId = resolved.id();
			}
			else {
				problems.add(new CellProblem(row, Column.ORGANIZATION, resolved.problemKey(), new Object[] { orgText }));
			}
		}
		var form = new MemberForm(r.text(Column.NAME), r.choice(Column.GENDER, GENDERS),
				r.text(Column.ETHNICITY), r.date(Column.BIRTH_DATE), r.idCard(), r.text(Column.NATIVE_PLACE),
				r.choice(Column.EDUCATION, EDUCATIONS), r.choice(Column.CATEGORY, CATEGORIES), r.text(Column.STAFF_NUMBER),
				r.text(Column.PHONE), orgId, r.choice(Column.STATUS, STATUSES), r.date(Column.JOIN_DATE),
				r.date(Column.CONVERSION_DATE), r.year(Column.GRADUATION_YEAR), r.choice(Column.HISTORICAL, YES_NO));
		return new ParsedRow(row, form, orgText, problems);
	}

	/** The organisation a row names, or why it names none. */
	record Resolved(Long id, String problemKey) {
	}

	private final class Reader {

		private final int row;

		private final List<String> cells;

		private final List<CellProblem> problems;

		Reader(int row, List<String> cells, List<CellProblem> problems) {
			this.row = row;
			this.cells = cells;
			this.problems = problems;
		}

		String text(Column column) {
			Integer at = positions.get(column);
			if (at == null || at >= cells.size()) {
				return "";
			}
			// non-breaking and full-width spaces are common in pasted text
			return cells.get(at).replace('\u00a0', ' ').replace('\u3000', ' ').strip();
		}

		<T> T choice(Column column, Map<String, T> values) {
			String text = text(column);
			if (text.isEmpty()) {
				return null;
			}
			T value = values.get(text.replace(" ", ""));
			if (value == null) {
				problems.add(new CellProblem(row, column, "member.import.choice", new Object[] { text, CHOICES.get(column) }));
			}
			return value;
		}

		LocalDate date(Column column) {
			String text = text(column);
			if (text.isEmpty()) {
				return null;
			}
			Optional<LocalDate> date = parseDate(text);
			if (date.isEmpty()) {
				problems.add(new CellProblem(row, column, "member.import.date", new Object[] { text }));
			}
			return date.orElse(null);
		}

		Integer year(Column column) {
			String text = text(column).replace("年", "").replace("届", "");
			if (text.isEmpty()) {
				return null;
			}
			if (!text.matches("\\d{4}")) {
				problems.add(new CellProblem(row, column, "member.import.year", new Object[] { text(column) }));
				return null;
			}
			return Integer.valueOf(text);
		}

		/** An ID-card number Excel stored as a number has lost its last digits: say so rather than "wrong check digit". */
		String idCard() {
			String text = text(Column.ID_CARD).replace(" ", "");
			if (text.matches("\\d(\\.\\d+)?E\\+?\\d+")) {
				problems.add(new CellProblem(row, Column.ID_CARD, "member.import.idCardAsNumber", new Object[0]));
				return null;
			}
			return text;
		}
	}

	private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

	private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

	/** 2001-09-01, 2001/9/1, 2001.9.1, 2001年9月1日, 20010901 (real Excel dates arrive as the first). */
	static Optional<LocalDate> parseDate(String text) {
		Matcher m = DATE.matcher(text.strip());
		if (!m.matches()) {
			m = COMPACT_DATE.matcher(text.strip());
			if (!m.matches()) {
				return Optional.empty();
			}
		}
		try {
			return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
					Integer.parseInt(m.group(3))));
		}
		catch (DateTimeException e) {
			return Optional.empty();
		}
	}

	private static String headerKey(String text) {
		return text == null ? "" : text.replaceAll("[\\s*＊:：()（）\u00a0\u3000]", "").replace('／', '/');
	}

	private static final Map<String, Gender> GENDERS = Map.of("男", Gender.MALE, "男性", Gender.MALE, "女", Gender.FEMALE,
			"女性", Gender.FEMALE);

	private static final Map<String, Category> CATEGORIES = Map.ofEntries(Map.entry("学生", Category.STUDENT),
			Map.entry("本科生", Category.STUDENT), Map.entry("研究生", Category.STUDENT), Map.entry("教职工", Category.FACULTY),
			Map.entry("教工", Category.FACULTY), Map.entry("教师", Category.FACULTY), Map.entry("在职教职工", Category.FACULTY),
			Map.entry("离退休", Category.RETIREE), Map.entry("退休", Category.RETIREE), Map.entry("离休", Category.RETIREE),
			Map.entry("离退休人员", Category.RETIREE), Map.entry("其他", Category.OTHER));

	private static final Map<String, Education> EDUCATIONS = Map.ofEntries(Map.entry("博士研究生", Education.DOCTORATE),
			Map.entry("博士", Education.DOCTORATE), Map.entry("硕士研究生", Education.MASTER), Map.entry("硕士", Education.MASTER),
			Map.entry("大学本科", Education.BACHELOR), Map.entry("本科", Education.BACHELOR),
			Map.entry("大学专科", Education.JUNIOR_COLLEGE), Map.entry("专科", Education.JUNIOR_COLLEGE),
			Map.entry("大专", Education.JUNIOR_COLLEGE), Map.entry("高中/中专", Education.HIGH_SCHOOL),
			Map.entry("高中", Education.HIGH_SCHOOL), Map.entry("中专", Education.HIGH_SCHOOL),
			Map.entry("初中及以下", Education.BELOW_HIGH_SCHOOL), Map.entry("初中", Education.BELOW_HIGH_SCHOOL));

	private static final Map<String, MemberStatus> STATUSES = Map.of("正式党员", MemberStatus.FULL, "正式", MemberStatus.FULL,
			"预备党员", MemberStatus.PROBATIONARY, "预备", MemberStatus.PROBATIONARY);

	private static final Map<String, Boolean> YES_NO = Map.ofEntries(Map.entry("是", true), Map.entry("否", false),
			Map.entry("Y", true), Map.entry("N", false), Map.entry("y", true), Map.entry("n", false), Map.entry("√", true),
			Map.entry("×", false), Map.entry("1", true), Map.entry("0", false), Map.entry("TRUE", true),
			Map.entry("FALSE", false), Map.entry("true", true), Map.entry("false", false));

	/** What to write instead, in the message: the template's own words. */
	private static final Map<Column, String> CHOICES = Map.of(Column.GENDER, "男、女", Column.CATEGORY, "学生、教职工、离退休、其他",
			Column.EDUCATION, "博士研究生、硕士研究生、大学本科、大学专科、高中/中专、初中及以下", Column.STATUS, "正式党员、预备党员",
			Column.HISTORICAL, "是、否");
}
