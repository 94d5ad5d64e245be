package cn.partybuilding.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class RecentTotalsTest {

	private Instant now = Instant.parse("2026-12-04T08:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	};

	@Test
	void aProvincesTotalIsReadOnceWithinItsMaxAgeAndAgainAfterIt() {
		RecentTotals<Long> totals = RecentTotals.keptFor(Duration.ofSeconds(10), clock);
		AtomicLong members = new AtomicLong(1_002_045);
		AtomicLong reads = new AtomicLong();

		assertThat(totals.get("members", null, () -> { reads.incrementAndGet(); return members.get(); })).isEqualTo(1_002_045);
		members.incrementAndGet();
		now = now.plusSeconds(10);
		assertThat(totals.get("members", null, () -> { reads.incrementAndGet(); return members.get(); }))
			.as("within the max age: the copy").isEqualTo(1_002_045);
		now = now.plusMillis(1);
		assertThat(totals.get("members", null, () -> { reads.incrementAndGet(); return members.get(); }))
			.as("older than the max age: read again").isEqualTo(1_002_046);
		assertThat(reads).hasValue(2);
		assertThat(totals.get("meetings", null, () -> 758_898L)).as("each key its own copy").isEqualTo(758_898);
	}

	@Test
	void onlyAScopeAboveAThousandOrganisationsWithAMaxAgeHasCopies() {
		RecentTotals<Long> totals = RecentTotals.keptFor(Duration.ofSeconds(10), clock);
		assertThat(totals.applyTo(23_653)).as("a province").isTrue();
		assertThat(totals.applyTo(1_183)).as("one of its schools").isTrue();
		assertThat(totals.applyTo(RecentTotals.ABOVE_ORGANIZATIONS)).isFalse();
		assertThat(totals.applyTo(57)).as("a college: summed, exact").isFalse();
		assertThat(RecentTotals.keptFor(Duration.ZERO, clock).applyTo(23_653)).as("0s: always summed").isFalse();
	}

	@Test
	void twoSchoolsOfTheSameSizeKeepTheirOwnCopiesAndTheSameSchoolAskedAgainFindsItsOwn() {
		RecentTotals<Long> totals = RecentTotals.keptFor(Duration.ofSeconds(10), clock);
		Set<Long> first = LongStream.range(7_002, 8_185).boxed().collect(Collectors.toSet());
		Set<Long> second = LongStream.range(9_000, 10_183).boxed().collect(Collectors.toSet());
		Set<Long> overlapping = LongStream.range(7_003, 8_186).boxed().collect(Collectors.toSet());
		AtomicLong reads = new AtomicLong();

		assertThat(totals.get(null, first, () -> { reads.incrementAndGet(); return 52_000L; })).isEqualTo(52_000);
		assertThat(totals.get(null, second, () -> { reads.incrementAndGet(); return 3_100L; })).isEqualTo(3_100);
		assertThat(totals.get(null, overlapping, () -> { reads.incrementAndGet(); return 52_001L; })).isEqualTo(52_001);
		assertThat(totals.get(null, new HashSet<>(first), () -> { reads.incrementAndGet(); return -1L; }))
			.as("the same organisations in another set: the copy").isEqualTo(52_000);
		List<Long> descending = new ArrayList<>(first);
		descending.sort(Comparator.reverseOrder());
		descending.add(7_500L);
		assertThat(totals.get(null, descending, () -> { reads.incrementAndGet(); return -1L; }))
			.as("the same organisations in another order, one twice: the copy").isEqualTo(52_000);
		assertThat(totals.get(null, LongStream.range(7_002, 8_185).boxed().toList(), () -> { reads.incrementAndGet(); return -1L; }))
			.as("the same organisations ascending: the copy").isEqualTo(52_000);
		assertThat(totals.get(null, SortedIds.of(first), () -> { reads.incrementAndGet(); return -1L; }))
			.as("the same organisations as the tree keeps them: the copy").isEqualTo(52_000);
		assertThat(totals.get("2026-12", first, () -> { reads.incrementAndGet(); return 40_000L; }))
			.as("another month: its own copy").isEqualTo(40_000);
		assertThat(reads).hasValue(4);
	}
}
