package cn.partybuilding.orglife;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * 支部工作条例 compliance as figures, one per kind of meeting whose frequency setting asks for it: intervals held
 * over intervals required, summed over the branches of an organisation's subtree, from the very intervals
 * {@link Compliance} draws for the pages. Only intervals due by today count: an interval not over yet counts only
 * once a meeting was held in it (then as held and required), so a month under way is not a gap yet.
 */
@Component
@Transactional(readOnly = true)
class ComplianceFigures implements Figures {

	static final String PREFIX = "orglife.compliance.";

	/** Every kind of meeting together (not talks, counted in people): held ÷ required over all of them. */
	static final String ALL = PREFIX + "ALL";

	private final Compliance compliance;

	private final OrganizationScope scope;

	private final Clock clock;

	ComplianceFigures(Compliance compliance, OrganizationScope scope, Clock clock) {
		this.compliance = compliance;
		this.scope = scope;
		this.clock = clock;
	}

	@Override
	public List<Kind> kinds() {
		List<Kind> kinds = new ArrayList<>();
		kinds.add(new Kind(ALL, "figure." + ALL, Unit.RATE, Direction.HIGHER_IS_BETTER));
		compliance.frequencies().forEach((type, frequency) -> {
			if (frequency != Compliance.Frequency.NONE) {
				kinds.add(new Kind(PREFIX + type.name(), "figure." + PREFIX + type.name(), Unit.RATE,
						Direction.HIGHER_IS_BETTER));
			}
		});
		return kinds;
	}

	@Override
	public Map<Long, Measured> measure(String code, Collection<Long> orgIds, Period period) {
		return measureAll(List.of(code), orgIds, period).getOrDefault(code, Map.of());
	}

	/**
	 * Every kind asked from one pass over the period's meetings (the ranking asks six or more at once); all kinds
	 * together summed from each kind's held and required.
	 */
	@Override
	public Map<String, Map<Long, Measured>> measureAll(Collection<String> codes, Collection<Long> orgIds, Period period) {
		if (!codes.contains(ALL)) {
			return measureKinds(codes, orgIds, period);
		}
		Set<String> asked = new LinkedHashSet<>(codes);
		asked.remove(ALL);
		asked.addAll(meetingCodes());
		Map<String, Map<Long, Measured>> each = measureKinds(asked, orgIds, period);
		Map<Long, int[]> sums = new HashMap<>();
		meetingCodes().forEach(code -> each.get(code).forEach((org, m) -> {
			int[] sum = sums.computeIfAbsent(org, o -> new int[2]);
			sum[0] += ((Number) m.sourceArgs().get(0)).intValue();
			sum[1] += ((Number) m.sourceArgs().get(1)).intValue();
		}));
		Map<Long, Measured> overall = new HashMap<>();
		sums.forEach((org, sum) -> overall.put(org, rate(sum[0], sum[1], "figure." + PREFIX + "source")));
		Map<String, Map<Long, Measured>> out = new LinkedHashMap<>();
		codes.forEach(code -> out.put(code, code.equals(ALL) ? overall : each.get(code)));
		return out;
	}

	private List<String> meetingCodes() {
		return kinds().stream().map(Kind::code).filter(c -> !c.equals(ALL) && !c.equals(PREFIX + MeetingType.TALK.name()))
			.toList();
	}

	private static Measured rate(int held, int required, String sourceKey) {
		return Measured.of(BigDecimal.valueOf(held).divide(BigDecimal.valueOf(required), 4, RoundingMode.HALF_UP), sourceKey,
				held, required);
	}

	private Map<String, Map<Long, Measured>> measureKinds(Collection<String> codes, Collection<Long> orgIds, Period period) {
		Map<String, MeetingType> types = new LinkedHashMap<>();
		codes.forEach(code -> typeOf(code).ifPresent(t -> types.put(code, t)));
		Map<String, Map<Long, Measured>> out = new LinkedHashMap<>();
		codes.forEach(code -> out.put(code, new HashMap<>()));
		if (types.isEmpty() || orgIds.isEmpty()) {
			return out;
		}
		Map<Long, Set<Long>> subtrees = scope.subtreesOf(orgIds);
		Set<Long> all = new HashSet<>();
		subtrees.values().forEach(all::addAll);
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		// each branch's due intervals of each kind, once, then summed for every organisation whose subtree holds it
		Map<MeetingType, Map<Long, int[]>> byBranch = new EnumMap<>(MeetingType.class);
		compliance.each(period, scope.findAll(all), types.containsValue(MeetingType.TALK), false, d -> {
			for (Compliance.Line line : d.lines()) {
				if (!types.containsValue(line.type())) {
					continue;
				}
				for (Compliance.Cell c : line.cells()) {
					int[] counted = counted(c, today);
					if (counted != null) {
						int[] sum = byBranch.computeIfAbsent(line.type(), t -> new HashMap<>())
							.computeIfAbsent(d.branch().orgId(), b -> new int[2]);
						sum[0] += counted[0];
						sum[1] += counted[1];
					}
				}
			}
		});
		types.forEach((code, type) -> {
			String sourceKey = "figure." + PREFIX + (type == MeetingType.TALK ? "TALK.source" : "source");
			Map<Long, int[]> branches = byBranch.getOrDefault(type, Map.of());
			subtrees.forEach((org, subtree) -> {
				int held = 0;
				int required = 0;
				for (Long b : subtree) {
					int[] s = branches.get(b);
					if (s != null) {
						held += s[0];
						required += s[1];
					}
				}
				if (required > 0) {
					out.get(code).put(org, rate(held, required, sourceKey));
				}
			});
		});
		return out;
	}

	/**
	 * An interval's held and required as the figure counts them: a whole interval once over, an interval under way
	 * only when something was held in it (as held and required), otherwise nothing (null).
	 */
	static int[] counted(Compliance.Cell c, LocalDate today) {
		int done = Math.min(c.held(), c.required());
		boolean over = !c.from().plusMonths(c.months()).isAfter(today);
		if (over) {
			return new int[] { done, c.required() };
		}
		if (!c.from().isAfter(today) && done > 0) {
			return new int[] { done, done };
		}
		return null;
	}

	@Override
	public List<Behind> behind(String code, long orgId, Period period) {
		return behindAll(List.of(code), orgId, period).getOrDefault(code, List.of());
	}

	/** The lines of every kind asked from one reading of the organisation's year; all kinds together: theirs in turn. */
	@Override
	public Map<String, List<Behind>> behindAll(Collection<String> codes, long orgId, Period period) {
		if (!codes.contains(ALL)) {
			return behindKinds(codes, orgId, period);
		}
		Set<String> asked = new LinkedHashSet<>(codes);
		asked.addAll(meetingCodes());
		Map<String, List<Behind>> each = behindKinds(asked, orgId, period);
		List<Behind> all = meetingCodes().stream().flatMap(code -> each.get(code).stream()).limit(500).toList();
		Map<String, List<Behind>> out = new LinkedHashMap<>();
		codes.forEach(code -> out.put(code, code.equals(ALL) ? all : each.get(code)));
		return out;
	}

	private Map<String, List<Behind>> behindKinds(Collection<String> codes, long orgId, Period period) {
		Map<String, MeetingType> types = new LinkedHashMap<>();
		codes.forEach(code -> typeOf(code).ifPresent(t -> types.put(code, t)));
		Map<String, List<Behind>> out = new LinkedHashMap<>();
		codes.forEach(code -> out.put(code, new ArrayList<>()));
		if (types.isEmpty()) {
			return out;
		}
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		compliance.each(period, scope.findAll(scope.subtree(orgId)), types.containsValue(MeetingType.TALK), true, d -> {
			for (Compliance.Line line : d.lines()) {
				String where = line.groupName() == null ? d.branch().name() : d.branch().name() + " › " + line.groupName();
				types.forEach((code, type) -> {
					if (line.type() != type) {
						return;
					}
					List<Behind> lines = out.get(code);
					for (Compliance.Cell c : line.cells()) {
						int[] counted = counted(c, today);
						if (counted == null || lines.size() >= 500) {
							continue;
						}
						String href = "/orglife/year?orgId=" + d.branch().orgId() + "&year=" + c.from().getYear();
						boolean ok = counted[0] >= counted[1];
						if (type == MeetingType.TALK) {
							lines.add(Behind.of(ok, href, "figure." + PREFIX + "behind.talk", where, interval(c), counted[0],
									c.required()));
						}
						else {
							lines.add(Behind.of(ok, href, "figure." + PREFIX + (ok ? "behind.held" : "behind.missing"), where,
									interval(c)));
						}
					}
				});
			}
		});
		return out;
	}

	/** The interval as people write it: 2026-03, 2026-Q1, 2026. */
	static String interval(Compliance.Cell c) {
		return switch (c.months()) {
			case 1 -> YearMonth.from(c.from()).toString();
			case 3 -> c.from().getYear() + "-Q" + ((c.from().getMonthValue() - 1) / 3 + 1);
			case 12 -> Integer.toString(c.from().getYear());
			default -> c.from() + "/" + c.from().plusMonths(c.months()).minusDays(1);
		};
	}

	private Optional<MeetingType> typeOf(String code) {
		if (code == null || !code.startsWith(PREFIX)) {
			return Optional.empty();
		}
		return kinds().stream().filter(k -> k.code().equals(code) && !code.equals(ALL)).findFirst()
			.map(k -> MeetingType.valueOf(code.substring(PREFIX.length())));
	}
}
