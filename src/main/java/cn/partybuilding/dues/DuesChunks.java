package cn.partybuilding.dues;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;

/**
 * Organisations in batches of about {@code party.dues.billing.chunk-size} members (whole organisations: one larger than
 * that is a batch of its own; at most 1 000 organisations to a batch), sized by the member counts kept per
 * organisation: the jobs and lists that would otherwise read every member of a province at once (billing, the
 * arrears warnings, members without a base, the arrears list) read one batch at a time.
 */
@Component
class DuesChunks {

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final int size;

	DuesChunks(OrganizationScope scope, MemberDirectory members, @Value("${party.dues.billing.chunk-size:5000}") int size) {
		this.scope = scope;
		this.members = members;
		this.size = Math.max(1, size);
	}

	/** The configured number of members to a batch. */
	int size() {
		return size;
	}

	/** Every active organisation, in batches of about {@code chunk} members, in id order. */
	List<List<Long>> all(int chunk) {
		return of(scope.activeOfTypes(OrgType.values()).stream().map(OrgRef::id).toList(), chunk);
	}

	/** These organisations in batches of about {@code chunk} members, in id order; an empty one is read too. */
	List<List<Long>> of(Collection<Long> organizations, int chunk) {
		List<Long> sorted = organizations.stream().sorted().toList();
		Map<Long, Long> counts = members.countsIn(sorted);
		List<List<Long>> batches = new ArrayList<>();
		List<Long> batch = new ArrayList<>();
		long inBatch = 0;
		for (Long org : sorted) {
			long n = counts.getOrDefault(org, 0L);
			if (!batch.isEmpty() && (inBatch + n > chunk || batch.size() >= 1000)) {
				batches.add(batch);
				batch = new ArrayList<>();
				inBatch = 0;
			}
			batch.add(org);
			inBatch += n;
		}
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		return batches;
	}
}
