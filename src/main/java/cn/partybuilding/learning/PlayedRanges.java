package cn.partybuilding.learning;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a video or audio a person really played, in whole seconds, merged: seeking to the end and playing
 * the last second adds one second, not the whole video; playing a part twice counts it once. Stored as
 * {@code from-to,from-to} (ends exclusive).
 */
final class PlayedRanges {

	private final List<int[]> ranges = new ArrayList<>();

	private PlayedRanges() {
	}

	static PlayedRanges parse(String stored) {
		PlayedRanges played = new PlayedRanges();
		if (stored != null && !stored.isBlank()) {
			for (String part : stored.split(",")) {
				String[] ends = part.split("-");
				played.ranges.add(new int[] { Integer.parseInt(ends[0]), Integer.parseInt(ends[1]) });
			}
		}
		return played;
	}

	/** Seconds covered. */
	int seconds() {
		return ranges.stream().mapToInt(r -> r[1] - r[0]).sum();
	}

	/**
	 * Adds {@code [from, to)}, clipped to {@code [0, duration)}; at most {@code budget} seconds not yet covered are
	 * added (the time that passed allows no more). Returns the seconds newly covered.
	 */
	int add(int from, int to, int duration, int budget) {
		int start = Math.max(0, from);
		int end = Math.min(duration, to);
		int added = 0;
		int cursor = start;
		while (cursor < end && added < budget) {
			int[] covering = covering(cursor);
			if (covering != null) {
				cursor = covering[1];
				continue;
			}
			int next = nextStartAfter(cursor);
			int gapEnd = Math.min(Math.min(end, next), cursor + (budget - added));
			insert(cursor, gapEnd);
			added += gapEnd - cursor;
			cursor = gapEnd;
		}
		return added;
	}

	private int[] covering(int second) {
		for (int[] r : ranges) {
			if (r[0] <= second && second < r[1]) {
				return r;
			}
		}
		return null;
	}

	private int nextStartAfter(int second) {
		return ranges.stream().mapToInt(r -> r[0]).filter(s -> s > second).min().orElse(Integer.MAX_VALUE);
	}

	private void insert(int from, int to) {
		ranges.add(new int[] { from, to });
		ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
		List<int[]> merged = new ArrayList<>();
		for (int[] r : ranges) {
			if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] >= r[0]) {
				int[] last = merged.get(merged.size() - 1);
				last[1] = Math.max(last[1], r[1]);
			}
			else {
				merged.add(r);
			}
		}
		ranges.clear();
		ranges.addAll(merged);
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		for (int[] r : ranges) {
			sb.append(sb.isEmpty() ? "" : ",").append(r[0]).append('-').append(r[1]);
		}
		return sb.toString();
	}
}
