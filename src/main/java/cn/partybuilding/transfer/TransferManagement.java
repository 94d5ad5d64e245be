package cn.partybuilding.transfer;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules ask of transfers, by the same rules as the pages: a member's move within the school
 * asked for, and what a school brings along when it starts keeping its transfers here — letters already
 * out, members' last contacts, members abroad. The demo university builds its transfers through it.
 */
@Facade("what other modules ask of transfers: a move asked for; letters already out, contacts, members abroad recorded")
@Service
@Transactional
public class TransferManagement {

	private final TransferWorkflow workflow;

	private final OutgoingLetters letters;

	private final PocketMembers pockets;

	private final ProvinceTransfers province;

	TransferManagement(TransferWorkflow workflow, OutgoingLetters letters, PocketMembers pockets,
			ProvinceTransfers province) {
		this.province = province;
		this.workflow = workflow;
		this.letters = letters;
		this.pockets = pockets;
	}

	/**
	 * The generated province's transfers within one school over the past year (the province generator, inside its
	 * transaction; the school's members in a fixed order), written with COPY. A school with transfers already is
	 * left alone (returns 0). Returns how many.
	 */
	public int generateYear(List<MemberSummary> members, String actor, LocalDate today, long seed) {
		return province.write(members, actor, today, seed);
	}

	/**
	 * The member (the caller themselves) or their branch asks to move the member to another branch of the
	 * school; it then waits where the route says (a branch asking has approved it). Returns the transfer's id.
	 */
	public long askToMove(Caller caller, long memberId, long toBranchId, String reason) {
		return workflow.start(caller, new TransferRequest(memberId, TransferKind.INTERNAL, toBranchId, null, null, reason, null))
			.id();
	}

	/**
	 * A letter out issued before the platform, recorded by the committee's administrator as issued on its
	 * day, with a number of that year and a verification code, valid for the usual period from that day: its
	 * 回执, its lapse (口袋党员) and its reissue are then followed like any other letter's. Returns the
	 * transfer's id.
	 */
	public long recordEarlierLetter(Caller caller, EarlierLetter letter) {
		return letters.recordEarlier(caller, letter).id();
	}

	/** The branch reached the member on {@code on} (today when null): their last contact, unless a later one is known. */
	public void recordContact(Caller caller, long memberId, String how, LocalDate on) {
		pockets.recordContact(caller, memberId, how, on);
	}

	/** The member is abroad ({@code country}, since {@code since}): without contact for six months they are listed apart. */
	public void markAbroad(Caller caller, long memberId, String country, LocalDate since) {
		pockets.markAbroad(caller, memberId, country, since);
	}
}
