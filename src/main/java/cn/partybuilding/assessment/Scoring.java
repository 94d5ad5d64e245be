package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Figures.Measured;
import cn.partybuilding.shared.Period;

/**
 * Scores organisations live under a year's published system: each automatic indicator from the module that owns
 * the figure (asked once for all organisations), each manual one from its claim, and a score the level above
 * adjusted with a reason (a review, an upheld appeal) in place of either. Nothing is stored here: a meeting signed
 * off today changes the score today. A figure with no data (no transfers at all) takes nothing off.
 */
@Component
class Scoring {

	/**
	 * One indicator's score with its source in words and, for an automatic one, the figure's value and the formula.
	 * {@code state}: COMPUTED, NO_DATA, NOT_CLAIMED, WAITING (claimed, not yet scored), SCORED; {@code adjusted}
	 * when the level above replaced the score.
	 */
	record IndicatorScore(String code, String name, String group, BigDecimal score, BigDecimal max, boolean automatic,
			String source, BigDecimal value, String state, boolean adjusted, String formula) {
	}

	/** An organisation's score: the total out of 100 and the stars it earns. */
	record OrgScore(long orgId, String orgName, String orgType, BigDecimal total, int stars, List<IndicatorScore> indicators) {

		Optional<IndicatorScore> indicator(String code) {
			return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
		}
	}

	private record Claim(String state, BigDecimal claimed, BigDecimal score) {
	}

	private record Adjustment(BigDecimal score, String reason) {
	}

	private final Map<String, Figures> providers = new HashMap<>();

	private final Map<String, Figures.Kind> kinds = new HashMap<>();

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final AssessmentSettings settings;

	Scoring(List<Figures> figures, JdbcClient jdbc, MessageSource messages, AssessmentSettings settings) {
		for (Figures f : figures) {
			for (Figures.Kind k : f.kinds()) {
				providers.putIfAbsent(k.code(), f);
				kinds.putIfAbsent(k.code(), k);
			}
		}
		this.jdbc = jdbc;
		this.messages = messages;
		this.settings = settings;
	}

	static Period year(int year) {
		return new Period(Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
	}

	/** The organisations' scores under the system, in the order given, texts in {@code locale}. */
	List<OrgScore> score(IndicatorSystem system, Collection<OrgRef> orgs, Locale locale) {
		if (orgs.isEmpty()) {
			return List.of();
		}
		List<Long> ids = orgs.stream().map(OrgRef::id).toList();
		Period period = year(system.year());
		// each module asked once for all its figures and every organisation; an indicator reads the ones it covers
		Map<Figures, List<String>> asked = new LinkedHashMap<>();
		for (Indicator i : system.indicators()) {
			if (i.automatic() && providers.containsKey(i.code())) {
				asked.computeIfAbsent(providers.get(i.code()), f -> new ArrayList<>()).add(i.code());
			}
		}
		Map<String, Map<Long, Measured>> measured = new HashMap<>();
		asked.forEach((provider, codes) -> measured.putAll(provider.measureAll(codes, ids, period)));
		Map<String, Claim> claims = claims(system.year(), ids);
		Map<String, Adjustment> adjustments = adjustments(system.year(), ids);
		List<OrgScore> scores = new ArrayList<>();
		for (OrgRef org : orgs) {
			List<IndicatorScore> lines = new ArrayList<>();
			for (Indicator i : system.indicatorsFor(org.type())) {
				IndicatorScore line = i.automatic()
						? automatic(i, measured.getOrDefault(i.code(), Map.of()).get(org.id()), locale)
						: manual(i, claims.get(key(i.code(), org.id())), locale);
				Adjustment a = adjustments.get(key(i.code(), org.id()));
				lines.add(a == null ? line : adjusted(line, a, locale));
			}
			scores.add(total(org, lines));
		}
		return scores;
	}

	/** The lines behind one organisation's automatic indicators, by code: each module asked once. */
	Map<String, List<Figures.Behind>> behind(Collection<String> codes, long orgId, int year) {
		Map<Figures, List<String>> asked = new LinkedHashMap<>();
		codes.stream().filter(providers::containsKey)
			.forEach(code -> asked.computeIfAbsent(providers.get(code), f -> new ArrayList<>()).add(code));
		Map<String, List<Figures.Behind>> lines = new HashMap<>();
		asked.forEach((provider, some) -> lines.putAll(provider.behindAll(some, orgId, year(year))));
		return lines;
	}

	Optional<Figures.Kind> kind(String code) {
		return Optional.ofNullable(kinds.get(code));
	}

	OrgScore total(OrgRef org, List<IndicatorScore> lines) {
		BigDecimal max = lines.stream().map(IndicatorScore::max).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal sum = lines.stream().map(IndicatorScore::score).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal total = max.signum() == 0 ? BigDecimal.ZERO.setScale(1)
				: sum.multiply(BigDecimal.valueOf(100)).divide(max, 1, RoundingMode.HALF_UP);
		return new OrgScore(org.id(), org.name(), org.type().name(), total, settings.stars(total), lines);
	}

	private IndicatorScore automatic(Indicator i, Measured m, Locale locale) {
		Figures.Kind kind = kinds.get(i.code());
		if (kind == null) {
			return new IndicatorScore(i.code(), i.name(), i.group(), i.max(), i.max(), true,
					text(locale, "assessment.source.unknown-figure"), null, "NO_DATA", false, "");
		}
		String formula = formula(i, kind, locale);
		if (m == null) {
			return new IndicatorScore(i.code(), i.name(), i.group(), i.max(), i.max(), true,
					text(locale, "assessment.source.no-data"), null, "NO_DATA", false, formula);
		}
		String source = messages.getMessage(m.sourceKey(), m.sourceArgs().toArray(), m.sourceKey(), locale) + " = "
				+ shown(kind.unit(), m.value());
		return new IndicatorScore(i.code(), i.name(), i.group(), i.score(kind.direction(), m.value()), i.max(), true, source,
				m.value(), "COMPUTED", false, formula);
	}

	private IndicatorScore manual(Indicator i, Claim c, Locale locale) {
		if (c == null) {
			return new IndicatorScore(i.code(), i.name(), i.group(), zero(), i.max(), false,
					text(locale, "assessment.source.not-claimed"), null, "NOT_CLAIMED", false, "");
		}
		if ("WAITING".equals(c.state())) {
			return new IndicatorScore(i.code(), i.name(), i.group(), zero(), i.max(), false,
					text(locale, "assessment.source.waiting", plain(c.claimed())), null, "WAITING", false, "");
		}
		return new IndicatorScore(i.code(), i.name(), i.group(), c.score().min(i.max()).setScale(2, RoundingMode.HALF_UP),
				i.max(), false, text(locale, "assessment.source.scored", plain(c.claimed()), plain(c.score())), null, "SCORED",
				false, "");
	}

	private IndicatorScore adjusted(IndicatorScore line, Adjustment a, Locale locale) {
		return new IndicatorScore(line.code(), line.name(), line.group(), a.score().min(line.max()).setScale(2, RoundingMode.HALF_UP),
				line.max(), line.automatic(),
				line.source() + " · " + text(locale, "assessment.source.adjusted", plain(a.score()), a.reason()), line.value(),
				line.state(), true, line.formula());
	}

	private String formula(Indicator i, Figures.Kind kind, Locale locale) {
		return kind.direction() == Figures.Direction.HIGHER_IS_BETTER
				? text(locale, "assessment.formula.higher", plain(i.max()), shown(kind.unit(), i.target()))
				: text(locale, "assessment.formula.lower", plain(i.max()), plain(i.penalty()), shown(kind.unit(), i.target()));
	}

	/** A value as people read it: a rate in per cent, anything else with at most two decimals. */
	static String shown(Figures.Unit unit, BigDecimal value) {
		if (value == null) {
			return "";
		}
		if (unit == Figures.Unit.RATE) {
			return plain(value.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP)) + "%";
		}
		return plain(value.setScale(2, RoundingMode.HALF_UP));
	}

	static String plain(BigDecimal d) {
		return d == null ? "" : d.stripTrailingZeros().toPlainString();
	}

	private String text(Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	private static BigDecimal zero() {
		return BigDecimal.ZERO.setScale(2);
	}

	private static String key(String code, long orgId) {
		return code + "@" + orgId;
	}

	private Map<String, Claim> claims(int year, List<Long> orgIds) {
		Map<String, Claim> claims = new HashMap<>();
		jdbc.sql("""
				select code, organization_id, state, claimed_score, score from assessment_claim
				where year = ? and organization_id = any(?)""").params(year, orgIds.toArray(Long[]::new))
			.query(rs -> {
				claims.put(key(rs.getString(1), rs.getLong(2)), new Claim(rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5)));
			});
		return claims;
	}

	private Map<String, Adjustment> adjustments(int year, List<Long> orgIds) {
		Map<String, Adjustment> adjustments = new HashMap<>();
		jdbc.sql("""
				select distinct on (code, organization_id) code, organization_id, score, reason from assessment_adjustment
				where year = ? and organization_id = any(?) order by code, organization_id, adjusted_at desc, id desc""")
			.params(year, orgIds.toArray(Long[]::new))
			.query(rs -> {
				adjustments.put(key(rs.getString(1), rs.getLong(2)), new Adjustment(rs.getBigDecimal(3), rs.getString(4)));
			});
		return adjustments;
	}
}
