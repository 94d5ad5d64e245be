package cn.partybuilding.dues;

import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;

/**
 * Organisations in batches of about {@code party.dues.billing.chunk-size} members (whole organisations: one larger than
 * that is a batch of its own; at most 1 000 organisations to a batch), sized by the member counts kept per
 * organisation: the jobs and lists that would otherwise read every member of a province at once (billing, the
 * arrears warnings, members without a base, the arrears list) read one batch at a time; the jobs write each batch in a
 * transaction of its own ({@link #eachInItsOwnTransaction}).
 */
@Component
class DuesChunks {

	private final OrganizationScope scope;

	private final MemberDirectory members;

	private final int size;

	private final TransactionTemplate transaction;

	DuesChunks(OrganizationScope scope, MemberDirectory members, @Value("${party.dues.billing.chunk-size:5000}") int size,
			PlatformTransactionManager transactions) {
		this.scope = scope;
		this.members = members;
		this.size = Math.max(1, size);
		this.transaction = new TransactionTemplate(transactions);
	}

	/** The configured number of members to a batch. */
	int size() {
		return size;
	}

	/** Every active organisation, in batches of about {@code chunk} members, in id order. */
	List<List<Long>> all(int chunk) {
		return of(scope.activeOfTypes(OrgType.values()).stream().map(OrgRef::id).toList(), chunk);
	}

	/**
	 * The members of every active organisation, a batch of about {@code chunk} members at a time ({@link #all}), each batch
	 * read and handed to {@code work} in a transaction of its own (joining the caller's, if it holds one): memory stays
	 * bounded whatever the membership, and a run stopped half way keeps the batches done. Returns the sum of what
	 * {@code work} returned.
	 */
	int eachInItsOwnTransaction(int chunk, ToIntFunction<List<MemberSummary>> work) {
		int done = 0;
		for (List<Long> batch : all(chunk)) {
			Integer n = transaction.execute(status -> work.applyAsInt(members.summaries(batch)));
			done += n == null ? 0 : n;
		}
		return done;
	}

	/** A write after the batches (clearing what none of them saw), in a transaction of its own like each batch. */
	void inItsOwnTransaction(Runnable work) {
		transaction.executeWithoutResult(status -> work.run());
	}

	/** These organisations in batches of about {@code chunk} members, in id order; an empty one is read too. */
	List<List<Long>> of(Collection<Long> organizations, int chunk) {
		return members.inBatchesOf(organizations, chunk);
	}
}
