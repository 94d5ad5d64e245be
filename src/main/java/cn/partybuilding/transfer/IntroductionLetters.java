package cn.partybuilding.transfer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberParticulars;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.MemberEvent;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.PlatformZone;

/**
 * The printed introduction letter of an outgoing transfer, as PDF or .docx, for whoever may see the
 * transfer (the member, the sending side, the committee). It carries the full ID-card number, so every
 * print is audited. The QR code and the printed address lead to the public verification page at
 * {@code party.public-url}.
 */
@Service
@Transactional
public class IntroductionLetters {


	private final Transfers transfers;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final String publicUrl;

	IntroductionLetters(Transfers transfers, MemberDirectory members, OrganizationScope scope, ApplicationEventPublisher events,
			@Value("${party.public-url:http://localhost:8080}") String publicUrl) {
		this.transfers = transfers;
		this.members = members;
		this.scope = scope;
		this.events = events;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/** Printed for someone: audited as such. */
	public record LetterPrinted(long memberId, String number, String format) implements MemberEvent {

		@Override
		public String action() {
			return "transfer.letter.print";
		}

		@Override
		public String summary() {
			return "打印组织关系介绍信 " + number + "（" + format + "）";
		}
	}

	public record Printed(String fileName, byte[] content) {
	}

	public Printed pdf(Caller caller, long transferId) {
		Transfers.TransferView t = printable(caller, transferId);
		LetterText letter = text(t);
		events.publishEvent(new LetterPrinted(t.memberId(), letter.number(), "PDF"));
		return new Printed(letter.fileName() + ".pdf", LetterDocuments.pdf(letter));
	}

	public Printed docx(Caller caller, long transferId) {
		Transfers.TransferView t = printable(caller, transferId);
		LetterText letter = text(t);
		events.publishEvent(new LetterPrinted(t.memberId(), letter.number(), "Word"));
		return new Printed(letter.fileName() + ".docx", LetterDocuments.docx(letter));
	}

	private Transfers.TransferView printable(Caller caller, long transferId) {
		Transfers.TransferView t = transfers.get(caller, transferId);
		if (t.letter() == null || t.kind() != Transfers.Kind.OUTGOING) {
			throw new FieldProblem("state", "transfer.letter.none");
		}
		// the letter carries the full ID-card number: the member, or those the member database shows it to
		boolean self = members.memberOfAccount(caller.accountId()).map(m -> m.equals(t.memberId())).orElse(false);
		if (!self && !members.mayReveal(caller, t.fromOrgId())) {
			throw new NotPermittedException("transfer", transferId, "print");
		}
		return t;
	}

	/** The words of a transfer's current letter. */
	LetterText text(Transfers.TransferView t) {
		MemberParticulars member = members.particulars(t.memberId()).orElseThrow();
		List<OrgRef> lineage = scope.lineage(t.fromOrgId());
		String committee = lineage.isEmpty() ? "" : lineage.get(0).name();
		LocalDate issuedOn = LocalDate.ofInstant(t.letter().issuedAt(), PlatformZone.ZONE);
		return LetterText.of(t, member, committee, issuedOn, verifyUrl(t.letter().verifyCode()));
	}

	String verifyUrl(String code) {
		return publicUrl + "/verify/letters/" + code;
	}
}
