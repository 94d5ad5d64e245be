package cn.partybuilding.transfer;

import java.time.LocalDate;
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
class IntroductionLetters {

	private final TransferPermissions permissions;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final String publicUrl;

	IntroductionLetters(TransferPermissions permissions, MemberDirectory members, OrganizationScope scope, ApplicationEventPublisher events,
			@Value("${party.public-url:http://localhost:8080}") String publicUrl) {
		this.permissions = permissions;
		this.members = members;
		this.scope = scope;
		this.events = events;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	record Printed(String fileName, byte[] content) {
	}

	Printed pdf(Caller caller, long transferId) {
		TransferView t = printable(caller, transferId);
		LetterText letter = text(t);
		events.publishEvent(new LetterPrinted(t.memberId(), letter.number(), "PDF"));
		return new Printed(letter.fileName() + ".pdf", LetterDocuments.pdf(letter));
	}

	Printed docx(Caller caller, long transferId) {
		TransferView t = printable(caller, transferId);
		LetterText letter = text(t);
		events.publishEvent(new LetterPrinted(t.memberId(), letter.number(), "Word"));
		return new Printed(letter.fileName() + ".docx", LetterDocuments.docx(letter));
	}

	private TransferView printable(Caller caller, long transferId) {
		TransferView t = permissions.visible(caller, transferId);
		if (t.letter() == null || t.kind() != TransferKind.OUTGOING) {
			throw new FieldProblem("state", "transfer.letter.none");
		}
		// the letter carries the full ID-card number: the member, or those the member database shows it to
		if (!permissions.isMember(caller, t) && !members.mayReveal(caller, t.fromOrgId())) {
			throw new NotPermittedException("transfer", transferId, "print");
		}
		return t;
	}

	/** The words of a transfer's current letter. */
	LetterText text(TransferView t) {
		MemberParticulars member = members.particulars(t.memberId()).orElseThrow();
		List<OrgRef> lineage = scope.lineage(t.fromOrgId());
		// the school's 党委 issues and seals the letter, not a province's 教育工委 above it
		String committee = OrganizationScope.schoolIn(lineage).map(OrgRef::name).orElse("");
		LocalDate issuedOn = LocalDate.ofInstant(t.letter().issuedAt(), PlatformZone.ZONE);
		return LetterText.of(t, member, committee, issuedOn, verifyUrl(t.letter().verifyCode()));
	}

	String verifyUrl(String code) {
		return publicUrl + "/verify/letters/" + code;
	}
}
