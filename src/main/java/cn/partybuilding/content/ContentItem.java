package cn.partybuilding.content;

import java.time.Instant;
import java.util.List;

import cn.partybuilding.shared.ConflictProblem;

/**
 * An item with the guards of its life: written as a draft, submitted, approved step by step up its review chain
 * (or returned with comments, or rejected for good), published at once or at its time, edited again (a new version
 * that goes back to review while the approved one stays live), withdrawn with a reason.
 */
final class ContentItem {

	final long id;

	final ContentKind kind;

	final long orgId;

	final long authorAccount;

	final String authorName;

	ItemState state;

	int version;

	/** Whether the working version has been submitted once (then it is kept as it was and an edit makes a new one). */
	boolean versionSubmitted;

	List<Long> reviewChain;

	int reviewStep;

	Integer publishedVersion;

	Instant withdrawnAt;

	ContentItem(long id, ContentKind kind, long orgId, long authorAccount, String authorName, ItemState state, int version,
			boolean versionSubmitted, List<Long> reviewChain, int reviewStep, Integer publishedVersion, Instant withdrawnAt) {
		this.id = id;
		this.kind = kind;
		this.orgId = orgId;
		this.authorAccount = authorAccount;
		this.authorName = authorName;
		this.state = state;
		this.version = version;
		this.versionSubmitted = versionSubmitted;
		this.reviewChain = List.copyOf(reviewChain);
		this.reviewStep = reviewStep;
		this.publishedVersion = publishedVersion;
		this.withdrawnAt = withdrawnAt;
	}

	/** Readers see the approved text. */
	boolean live() {
		return publishedVersion != null && withdrawnAt == null;
	}

	/**
	 * An edit: in place while the draft was never submitted; otherwise a new version (the submitted one is kept as
	 * the reviewers saw it). A scheduled item edited goes back to review and its schedule with it.
	 *
	 * @return whether the edit makes a new version
	 */
	boolean edit() {
		if (state == ItemState.IN_REVIEW) {
			throw new ConflictProblem("state", "content.edit.inReview");
		}
		if (state == ItemState.REJECTED) {
			throw new ConflictProblem("state", "content.edit.rejected");
		}
		boolean newVersion = versionSubmitted;
		if (newVersion) {
			version++;
			versionSubmitted = false;
		}
		state = ItemState.DRAFT;
		return newVersion;
	}

	void submit(List<Long> chain) {
		if (state != ItemState.DRAFT) {
			throw new ConflictProblem("state", state == ItemState.RETURNED ? "content.submit.editFirst" : "content.submit.notDraft");
		}
		reviewChain = List.copyOf(chain);
		reviewStep = 0;
		versionSubmitted = true;
		state = ItemState.IN_REVIEW;
	}

	/** The organisation whose reviewers decide now. */
	long reviewingOrg() {
		if (state != ItemState.IN_REVIEW) {
			throw new ConflictProblem("state", "content.review.notInReview");
		}
		return reviewChain.get(reviewStep);
	}

	/** Approval at the current step: true when it was the last one (publish or schedule now). */
	boolean approve() {
		reviewingOrg();
		if (reviewStep + 1 < reviewChain.size()) {
			reviewStep++;
			return false;
		}
		return true;
	}

	void returnToAuthor() {
		reviewingOrg();
		state = ItemState.RETURNED;
	}

	void reject() {
		reviewingOrg();
		state = ItemState.REJECTED;
	}

	void schedule() {
		state = ItemState.SCHEDULED;
	}

	void publish() {
		publishedVersion = version;
		withdrawnAt = null;
		state = ItemState.PUBLISHED;
	}

	void withdraw(Instant at) {
		if (!live() && state != ItemState.SCHEDULED) {
			throw new ConflictProblem("state", "content.withdraw.notPublished");
		}
		withdrawnAt = at;
		state = ItemState.WITHDRAWN;
	}
}
