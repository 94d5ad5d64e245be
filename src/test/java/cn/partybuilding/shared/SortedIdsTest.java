package cn.partybuilding.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * A scope's ids go to PostgreSQL in ascending order ({@link SortedIds}): an index scan sorts an {@code = any(?)} array
 * before it starts, and sorted input is only checked. The set still behaves as any other set of the same ids.
 */
class SortedIdsTest {

	@Test
	void idsAreKeptOnceAscendingAndTheSetEqualsAnyOtherOfTheSameIds() {
		SortedIds ids = SortedIds.of(List.of(42L, 7L, 1_000_000_000_000L, 7L, -3L));
		assertThat(ids).containsExactly(-3L, 7L, 42L, 1_000_000_000_000L);
		assertThat(ids.toArray(Long[]::new)).containsExactly(-3L, 7L, 42L, 1_000_000_000_000L);
		assertThat(ids.toArray()).containsExactly(-3L, 7L, 42L, 1_000_000_000_000L);
		assertThat(ids.contains(42L)).isTrue();
		assertThat(ids.contains(43L)).isFalse();
		assertThat(ids.contains(42)).as("an Integer is not one of the ids, as in any Set<Long>").isFalse();
		assertThat(ids.contains(null)).isFalse();
		Set<Long> same = new HashSet<>(List.of(1_000_000_000_000L, 42L, -3L, 7L));
		assertThat(ids).isEqualTo(same);
		assertThat(same).isEqualTo(ids);
		assertThat(ids.hashCode()).isEqualTo(same.hashCode());
		assertThat(ids).isEqualTo(SortedIds.of(same)).isNotEqualTo(SortedIds.of(List.of(7L, 42L)));
		assertThat(SortedIds.of(List.of())).isEmpty();
		assertThat(SortedIds.of(ids)).isSameAs(ids);
		assertThatThrownBy(() -> ids.add(8L)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> ids.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void idsBoxedOnceStillComeAsAFreshArrayEachTimeAsAnyCollectionGivesThem() {
		SortedIds ids = SortedIds.of(List.of(1_000L, 3L, 2_000L));
		Long[] first = ids.toArray(Long[]::new);
		first[0] = 99L;
		Long[] second = ids.toArray(Long[]::new);
		assertThat(second).as("a caller changing its array changes no one else's").containsExactly(3L, 1_000L, 2_000L)
			.isNotSameAs(first);
		Long[] roomy = { 5L, 5L, 5L, 5L, 5L };
		assertThat(ids.toArray(roomy)).isSameAs(roomy).containsExactly(3L, 1_000L, 2_000L, null, 5L);
		Object[] objects = ids.toArray(new Object[0]);
		assertThat(objects).isExactlyInstanceOf(Object[].class).containsExactly(3L, 1_000L, 2_000L);
		assertThat(ids.toArray(new Number[3])).containsExactly(3L, 1_000L, 2_000L);
		Object[] plain = ids.toArray();
		plain[1] = "changed";
		assertThat(ids.toArray()).as("toArray(): a fresh Object[] too").isExactlyInstanceOf(Object[].class)
			.containsExactly(3L, 1_000L, 2_000L);
		assertThat(SortedIds.of(List.of()).toArray(Long[]::new)).isEmpty();
		assertThat(SortedIds.of(List.of()).toArray()).isEmpty();
	}
}
