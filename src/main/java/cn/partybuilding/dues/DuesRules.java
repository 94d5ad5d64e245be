package cn.partybuilding.dues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * The regulation's brackets as a table with versions: a version applies from its first day until the
 * next one's. The 2008 values ship with the platform; the committee may add a version for a future month.
 * Amounts are exact decimals rounded to 分 ({@code party.dues.rounding}, HALF_UP).
 */
@Service
@Transactional(readOnly = true)
class DuesRules {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final RoundingMode rounding;

	private final MessageSource messages;

	DuesRules(JdbcTemplate jdbc, Clock clock, @Value("${party.dues.rounding:HALF_UP}") RoundingMode rounding,
			MessageSource messages) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.rounding = rounding;
		this.messages = messages;
	}

	/** One bracket or fixed amount: a base in (above, upTo] pays rate × base; or fixedAmount (up to fixedMax). */
	public record Rule(DuesCategory category, BigDecimal above, BigDecimal upTo, BigDecimal rate, BigDecimal fixedAmount,
			BigDecimal fixedMax) {

		/** The rate in percent, as people write it ("1.5"). */
		public String percent() {
			return rate == null ? null : rate.movePointRight(2).stripTrailingZeros().toPlainString();
		}

		boolean covers(BigDecimal base) {
			return (above == null || base.compareTo(above) > 0) && (upTo == null || base.compareTo(upTo) <= 0);
		}
	}

	public record Version(long id, LocalDate effectiveFrom, String title, List<Rule> rules) {
	}

	public List<Version> versions() {
		Map<Long, List<Rule>> rules = jdbc.query("""
				select version_id, category, above, up_to, rate, fixed_amount, fixed_max from dues_rule order by category, above nulls first""",
				(rs, n) -> Map.entry(rs.getLong(1), new Rule(DuesCategory.valueOf(rs.getString(2)), rs.getBigDecimal(3),
						rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7))))
			.stream().collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return jdbc.query("select id, effective_from, title from dues_rule_version order by effective_from",
				(rs, n) -> new Version(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3),
						rules.getOrDefault(rs.getLong(1), List.of())));
	}

	/** The rules in force in a month. */
	public Version versionFor(YearMonth month) {
		return versionFor(versions(), month);
	}

	static Version versionFor(List<Version> versions, YearMonth month) {
		return versions.stream().filter(v -> !v.effectiveFrom().isAfter(month.atDay(1)))
			.max(Comparator.comparing(Version::effectiveFrom))
			.orElseThrow(() -> new FieldProblem("month", "dues.rules.none", month.toString()));
	}

	/** The calculator: what a member of this category with this base pays a month under the rules of {@code month}. */
	public DuesStandard standard(DuesCategory category, BigDecimal base, YearMonth month) {
		return standard(versionFor(month), category, base);
	}

	/** {@link #charge} with the sentence saying why, in the reader's language. */
	DuesStandard standard(Version version, DuesCategory category, BigDecimal base) {
		Charge charge = charge(version, category, base);
		return new DuesStandard(category, charge.base(), charge.amount(), charge.rule().rate() == null ? null
				: charge.rule().rate().stripTrailingZeros(), explain(charge, version), version.id());
	}

	/** What a month costs: the base as counted (none for a fixed amount), the amount, and the rule that says so. */
	record Charge(DuesCategory category, BigDecimal base, BigDecimal amount, Rule rule) {
	}

	/**
	 * For a 农民党员 the base is the amount they chose within the range (the lower end if none); for the
	 * other fixed categories it is ignored.
	 */
	Charge charge(Version version, DuesCategory category, BigDecimal base) {
		if (category == null) {
			throw new FieldProblem("category", "dues.category.required");
		}
		List<Rule> rules = version.rules().stream().filter(r -> r.category() == category).toList();
		if (rules.isEmpty()) {
			throw new FieldProblem("category", "dues.rules.noCategory", label(category));
		}
		if (!category.needsBase()) {
			Rule fixed = rules.get(0);
			BigDecimal amount = fixed.fixedAmount();
			if (fixed.fixedMax() != null && base != null) {
				if (base.compareTo(fixed.fixedAmount()) < 0 || base.compareTo(fixed.fixedMax()) > 0 || base.scale() > 2) {
					throw new FieldProblem("base", "dues.fixed.range", yuan(fixed.fixedAmount()), yuan(fixed.fixedMax()));
				}
				amount = base;
			}
			return new Charge(category, null, amount.setScale(2, rounding), fixed);
		}
		if (base == null) {
			throw new FieldProblem("base", "dues.base.required");
		}
		if (base.signum() <= 0 || base.scale() > 2 || base.compareTo(new BigDecimal("10000000")) >= 0) {
			throw new FieldProblem("base", "dues.base.invalid");
		}
		BigDecimal exact = base.setScale(2, RoundingMode.UNNECESSARY);
		Rule rule = rules.stream().filter(r -> r.covers(exact)).findFirst()
			.orElseThrow(() -> new FieldProblem("base", "dues.rules.gap", yuan(exact)));
		return new Charge(category, exact, exact.multiply(rule.rate()).setScale(2, rounding), rule);
	}

	private String explain(Charge charge, Version version) {
		Locale locale = LocaleContextHolder.getLocale();
		Rule rule = charge.rule();
		if (rule.rate() == null) {
			return rule.fixedMax() == null
					? messages.getMessage("dues.standard.fixed", new Object[] { label(charge.category()), yuan(charge.amount()),
							version.title() }, locale)
					: messages.getMessage("dues.standard.fixedChosen", new Object[] { label(charge.category()),
							yuan(rule.fixedAmount()), yuan(rule.fixedMax()), yuan(charge.amount()), version.title() }, locale);
		}
		MessageSourceResolvable bracket = rule.above() == null && rule.upTo() == null ? new DefaultMessageSourceResolvable("dues.standard.anyBase")
				: rule.above() == null ? resolvable("dues.rules.upTo", yuan(rule.upTo()))
				: rule.upTo() == null ? resolvable("dues.rules.above", yuan(rule.above()))
						: resolvable("dues.rules.between", yuan(rule.above()), yuan(rule.upTo()));
		return messages.getMessage("dues.standard.rate", new Object[] { label(charge.category()), yuan(charge.base()), bracket,
				rule.rate().multiply(HUNDRED).stripTrailingZeros().toPlainString(), yuan(charge.amount()), version.title() },
				locale);
	}

	/** The category's name in the reader's language, as a message argument. */
	static MessageSourceResolvable label(DuesCategory category) {
		return new DefaultMessageSourceResolvable("dues.category." + category.name());
	}

	private static MessageSourceResolvable resolvable(String key, Object... args) {
		return new DefaultMessageSourceResolvable(new String[] { key }, args);
	}

	static String yuan(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
	}

	// ---- new versions ----

	public record RuleForm(DuesCategory category, BigDecimal above, BigDecimal upTo, BigDecimal rate, BigDecimal fixedAmount,
			BigDecimal fixedMax) {
	}

	/**
	 * A new version from the first day of a coming month. Each category needs rules; a category with a
	 * base needs brackets that run from 0 to no upper bound without gaps or overlaps.
	 */
	@Transactional
	public Version add(Caller caller, LocalDate effectiveFrom, String title, List<RuleForm> rules) {
		if (!caller.has(Role.COMMITTEE_ADMIN)) {
			throw new NotPermittedException("dues-rules", "*", "add");
		}
		List<FieldProblem.Problem> problems = new ArrayList<>();
		LocalDate firstOfNextMonth = YearMonth.now(clock).plusMonths(1).atDay(1);
		if (effectiveFrom == null || effectiveFrom.getDayOfMonth() != 1 || effectiveFrom.isBefore(firstOfNextMonth)) {
			problems.add(new FieldProblem.Problem("effectiveFrom", "dues.rules.future", new Object[] { firstOfNextMonth.toString() }));
		}
		String name = PlainText.clean(title);
		if (name.isEmpty() || name.length() > 100) {
			problems.add(new FieldProblem.Problem("title", "dues.rules.titleRequired", new Object[0]));
		}
		List<RuleForm> given = rules == null ? List.of() : rules;
		for (DuesCategory category : DuesCategory.values()) {
			List<RuleForm> mine = given.stream().filter(r -> r.category() == category)
				.sorted(Comparator.comparing(RuleForm::above, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
			if (!consistent(category, mine)) {
				problems.add(new FieldProblem.Problem("rules", "dues.rules.inconsistent", new Object[] { label(category) }));
			}
		}
		if (given.stream().anyMatch(r -> r.category() == null)) {
			problems.add(new FieldProblem.Problem("rules", "dues.category.required", new Object[0]));
		}
		if (effectiveFrom != null && Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from dues_rule_version where effective_from = ?)", Boolean.class, Date.valueOf(effectiveFrom)))) {
			problems.add(new FieldProblem.Problem("effectiveFrom", "dues.rules.taken", new Object[] { effectiveFrom.toString() }));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		Long id = jdbc.queryForObject("insert into dues_rule_version (effective_from, title, created_by) values (?, ?, ?) returning id",
				Long.class, Date.valueOf(effectiveFrom), name, caller.username());
		jdbc.batchUpdate("""
				insert into dues_rule (version_id, category, above, up_to, rate, fixed_amount, fixed_max) values (?, ?, ?, ?, ?, ?, ?)""",
				given.stream().map(r -> new Object[] { id, r.category().name(), r.above(), r.upTo(), r.rate(), r.fixedAmount(),
						r.fixedMax() }).toList());
		return versions().stream().filter(v -> v.id() == id).findFirst().orElseThrow();
	}

	private static boolean consistent(DuesCategory category, List<RuleForm> rules) {
		if (rules.isEmpty()) {
			return false;
		}
		if (!category.needsBase()) {
			RuleForm fixed = rules.get(0);
			return rules.size() == 1 && fixed.rate() == null && money(fixed.fixedAmount()) && fixed.fixedAmount().signum() > 0
					&& (fixed.fixedMax() == null || money(fixed.fixedMax()) && fixed.fixedMax().compareTo(fixed.fixedAmount()) > 0)
					&& (fixed.fixedMax() == null || category == DuesCategory.FARMER);
		}
		BigDecimal from = null;
		for (int i = 0; i < rules.size(); i++) {
			RuleForm r = rules.get(i);
			boolean last = i == rules.size() - 1;
			if (r.rate() == null || r.rate().signum() <= 0 || r.rate().compareTo(BigDecimal.ONE) >= 0 || r.rate().scale() > 4
					|| r.fixedAmount() != null || !equal(r.above(), from) || (r.upTo() == null) != last
					|| r.upTo() != null && (!money(r.upTo()) || from != null && r.upTo().compareTo(from) <= 0)) {
				return false;
			}
			from = r.upTo();
		}
		return true;
	}

	private static boolean money(BigDecimal amount) {
		return amount != null && amount.signum() >= 0 && amount.scale() <= 2;
	}

	private static boolean equal(BigDecimal a, BigDecimal b) {
		return a == null ? b == null : b != null && a.compareTo(b) == 0;
	}
}
