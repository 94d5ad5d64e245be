package cn.partybuilding.organization;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provided by the member module once it exists: how many full (正式) and probationary members a
 * branch has. Without it the size warnings of 支部工作条例 are not computed.
 */
public interface Headcount {

	record Count(int full, int probationary) {
		public int total() {
			return full + probationary;
		}
	}

	Count of(long branchId);

	/** The counts of several branches at once (the early-warning centre asks for every branch of the school). */
	default Map<Long, Count> of(Collection<Long> branchIds) {
		Map<Long, Count> all = new LinkedHashMap<>();
		branchIds.forEach(id -> all.put(id, of(id)));
		return all;
	}
}
