package cn.partybuilding.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.partybuilding.shared.Figures.Direction;
import cn.partybuilding.shared.Figures.Unit;

/**
 * One scope's figures for a period, with the previous period and the same period a year before beside each, and the
 * same figures per child organisation (the drill-down a level lower). Computed once and kept ({@code asOf} says
 * when): the dashboard, the 大屏, the API and the reports all read this one value, so their numbers agree.
 * Labels are already resolved (Chinese).
 */
record Dashboard(long orgId, String orgName, String period, String previousPeriod, String lastYearPeriod, Instant asOf,
		Members members, Funnel funnel, List<Area> areas, List<Child> children) {

	/** Members at the end of the period (joined before it ended, not departed by then), by six dimensions. */
	record Members(long total, long full, long probationary, Long previousTotal, Long lastYearTotal,
			List<Breakdown> breakdowns) {
	}

	/** One dimension of the composition: {@code category, gender, education, age, partyAge, graduation}. */
	record Breakdown(String dimension, String label, List<Bar> bars) {
	}

	/** One bar: a key for the drill-down link, its label and its count ({@code previous} may be null). */
	record Bar(String key, String label, long count, Long previous) {
	}

	/** 发展党员 steps approved in the period: application, activist, candidate, admitted, converted. */
	record Funnel(List<Bar> stages) {
	}

	/**
	 * A module's headline figures ({@code orglife}: {@code rate}; {@code dues}: {@code rate}, {@code arrears}…) and
	 * its details (the orglife compliance per kind of meeting).
	 */
	record Area(String name, String label, List<Figure> figures, List<Figure> details) {
	}

	/**
	 * One figure: the name it has in its area ({@code rate}), the {@code shared.Figures} code behind it, its value
	 * (null: no data), the previous period's and last year's, and its source in words (已开 34 次 / 应开 36 次).
	 */
	record Figure(String alias, String code, String label, Unit unit, Direction direction, Double value, Double previous,
			Double lastYear, String source) {
	}

	/** A child organisation: its members and its value of every figure, by code (absent: no data). */
	record Child(long orgId, String orgName, long members, Map<String, Double> values) {
	}
}
