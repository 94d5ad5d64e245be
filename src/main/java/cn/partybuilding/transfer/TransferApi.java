package cn.partybuilding.transfer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.Keyset;

/** 组织关系转接 as JSON. */
@RestController
@RequestMapping("/api/v1")
class TransferApi {

	private final Transfers transfers;

	private final TransferWorkflow workflow;

	private final TransferPermissions permissions;

	private final OutgoingLetters outgoing;

	private final IncomingLetters incoming;

	private final PocketMembers pockets;

	private final IntroductionLetters letters;

	private final GraduateBatches batches;

	private final ReceiptScans scans;

	TransferApi(Transfers transfers, TransferWorkflow workflow, TransferPermissions permissions, OutgoingLetters outgoing,
			IncomingLetters incoming, PocketMembers pockets, IntroductionLetters letters, GraduateBatches batches, ReceiptScans scans) {
		this.transfers = transfers;
		this.workflow = workflow;
		this.permissions = permissions;
		this.outgoing = outgoing;
		this.incoming = incoming;
		this.pockets = pockets;
		this.letters = letters;
		this.batches = batches;
		this.scans = scans;
	}

	/** 口袋党员 in the caller's organisations: why, since when, who is responsible. */
	@GetMapping("/transfers/pocket-members")
	List<PocketMembers.Pocket> pocketMembers(@RequestParam(required = false) Long orgId) {
		return pockets.list(Caller.require(), orgId);
	}

	record Contact(@Size(max = 100) String how) {
	}

	/** The branch reached the member: their last contact is now. */
	@PostMapping("/members/{id}/contact")
	ResponseEntity<Void> contact(@PathVariable long id, @RequestBody(required = false) @Valid Contact body) {
		pockets.recordContact(Caller.require(), id, body == null ? null : body.how(), null);
		return ResponseEntity.noContent().build();
	}

	record Abroad(@Size(max = 50) String country, LocalDate since) {
	}

	/** The member is abroad ({@code country}, {@code since}): without contact for six months they are listed apart. */
	@PostMapping("/members/{id}/abroad")
	ResponseEntity<Void> abroad(@PathVariable long id, @RequestBody @Valid Abroad body) {
		pockets.markAbroad(Caller.require(), id, body.country(), body.since());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/members/{id}/abroad")
	ResponseEntity<Void> back(@PathVariable long id) {
		pockets.clearAbroad(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/transfers")
	ResponseEntity<TransferView> start(@RequestBody @Valid TransferRequest body) {
		TransferView t = workflow.start(Caller.require(), body);
		return ResponseEntity.created(URI.create("/api/v1/transfers/" + t.id())).body(t);
	}

	/**
	 * The transfers in scope, newest first, at most {@code size} (1 to 500, default 500) a page; the next page is
	 * asked with the {@code after} the response's {@code X-Next-After} (or its {@code Link}) gives, the total is in
	 * {@code X-Total-Count} and {@code X-Total-Exact}.
	 */
	@GetMapping("/transfers")
	ResponseEntity<List<TransferView>> list(@RequestParam(required = false) Long orgId,
			@RequestParam(required = false) TransferState state, @RequestParam(required = false) @Size(max = 40) String after,
			@RequestParam(defaultValue = "500") int size) {
		Transfers.TransferPage page = transfers.page(Caller.require(), orgId, state, Keyset.parse(after),
				Math.max(1, Math.min(size, Transfers.LIMIT)), true);
		return page.total().respond(page.transfers(), page.next());
	}

	@GetMapping("/transfers/waiting")
	List<TransferView> waiting() {
		return permissions.waitingFor(Caller.require());
	}

	@GetMapping("/me/transfers")
	List<TransferView> mine() {
		return transfers.mine(Caller.require());
	}

	@GetMapping("/transfers/{id}")
	TransferView get(@PathVariable long id) {
		return permissions.visible(Caller.require(), id);
	}

	/** The current stage's side approves; at the receiving branch of an incoming letter this is the arrival (see accept). */
	@PostMapping("/transfers/{id}/approve")
	Object approve(@PathVariable long id) {
		Caller caller = Caller.require();
		TransferView t = permissions.visible(caller, id);
		return t.kind() == TransferKind.INCOMING ? incoming.arrive(caller, id) : workflow.approve(caller, id);
	}

	record Reason(@Size(max = 200) String reason) {
	}

	@PostMapping("/transfers/{id}/reject")
	TransferView reject(@PathVariable long id, @RequestBody(required = false) @Valid Reason body) {
		return workflow.reject(Caller.require(), id, body == null ? null : body.reason());
	}

	/**
	 * The receiving branch accepts. For a letter from outside the answer is the arrival: the transfer, the
	 * new member's username and — this once — their one-time password.
	 */
	@PostMapping("/transfers/{id}/accept")
	Object accept(@PathVariable long id) {
		Caller caller = Caller.require();
		return permissions.visible(caller, id).kind() == TransferKind.INCOMING ? incoming.arrive(caller, id)
				: workflow.accept(caller, id);
	}

	/** 转入: an introduction letter from outside the school registered for the branch chosen to receive the member. */
	@PostMapping("/transfers/incoming")
	ResponseEntity<TransferView> incoming(@RequestBody @Valid IncomingLetters.Incoming body) {
		TransferView t = incoming.register(Caller.require(), body);
		return ResponseEntity.created(URI.create("/api/v1/transfers/" + t.id())).body(t);
	}

	record ReceiptBody(@Size(max = 64) String receiptNo, LocalDate receivedOn) {
	}

	/** The 回执 came back: {@code receiptNo, receivedOn}; the transfer closes, the member leaves the active lists. */
	@PostMapping("/transfers/{id}/receipt")
	TransferView receipt(@PathVariable long id, @RequestBody @Valid ReceiptBody body) {
		return outgoing.receipt(Caller.require(), id, body.receiptNo(), body.receivedOn());
	}

	/** The 回执's scan or photo (JPEG, PNG, PDF), multipart {@code file}: by the committee, with or after the receipt. */
	@PostMapping(path = "/transfers/{id}/receipt-scan", consumes = "multipart/form-data")
	ResponseEntity<Void> uploadScan(@PathVariable long id,
			@RequestParam("file") MultipartFile file)
			throws IOException {
		scans.upload(Caller.require(), id, file.getOriginalFilename(), file.getBytes());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/transfers/{id}/receipt-scan")
	ResponseEntity<byte[]> scan(@PathVariable long id) {
		Optional<ReceiptScans.Scan> found = scans.find(Caller.require(), id);
		if (found.isEmpty()) {
			return ResponseEntity.notFound().build(); // the transfer is visible, it has no scan yet
		}
		ReceiptScans.Scan scan = found.get();
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(scan.fileName(), "receipt-scan"))
			.header("Cache-Control", "no-store")
			.header("X-Content-Type-Options", "nosniff")
			.contentType(MediaType.parseMediaType(scan.contentType()))
			.body(scan.bytes());
	}

	/** By the committee: a letter that is out is voided, with {@code reason}; the member stays and is billed here again. */
	@PostMapping("/transfers/{id}/void")
	TransferView voidLetter(@PathVariable long id, @Valid @RequestBody(required = false) Reason body) {
		return outgoing.voidLetter(Caller.require(), id, body == null ? null : body.reason());
	}

	@PostMapping("/transfers/{id}/reissue")
	TransferView reissue(@PathVariable long id) {
		return outgoing.reissue(Caller.require(), id);
	}

	/** Students graduating in {@code year} in the caller's organisations (or one subtree) not yet on their way. */
	@GetMapping("/transfers/graduates")
	List<GraduateBatches.Candidate> graduates(@RequestParam int year, @RequestParam(required = false) Long orgId) {
		return batches.candidates(Caller.require(), year, orgId);
	}

	/** The graduation batch: 202, the letters are issued and printed in the background; follow {@code Location}. */
	@PostMapping("/transfers/graduate-batches")
	ResponseEntity<GraduateBatches.Batch> startBatch(@RequestBody @Valid GraduateBatches.BatchRequest body) {
		GraduateBatches.Batch batch = batches.start(Caller.require(), body);
		return ResponseEntity.accepted().location(URI.create("/api/v1/transfers/graduate-batches/" + batch.id())).body(batch);
	}

	@GetMapping("/transfers/graduate-batches")
	List<GraduateBatches.Batch> batches() {
		return batches.list(Caller.require());
	}

	@GetMapping("/transfers/graduate-batches/{id}")
	GraduateBatches.Batch batch(@PathVariable long id) {
		return batches.get(Caller.require(), id);
	}

	@PostMapping("/transfers/graduate-batches/{id}/retry")
	GraduateBatches.Batch retryBatch(@PathVariable long id) {
		return batches.retry(Caller.require(), id);
	}

	/** Every letter of a finished batch: {@code letters.zip} (a PDF each) or {@code letters.pdf} (one file to print). */
	@GetMapping("/transfers/graduate-batches/{id}/letters.{format:zip|pdf}")
	ResponseEntity<Resource> batchLetters(@PathVariable long id, @PathVariable String format) {
		Path file = batches.file(Caller.require(), id, format);
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(GraduateBatches.downloadName(id, format),
					"letters-" + id + "." + format))
			.header("Cache-Control", "no-store")
			.contentType(MediaType.parseMediaType("zip".equals(format) ? "application/zip" : "application/pdf"))
			.body(new FileSystemResource(file));
	}

	/** The introduction letter, printable: stub, letter and 回执 on one A4 page, with its QR code. */
	@GetMapping("/transfers/{id}/letter.pdf")
	ResponseEntity<byte[]> letterPdf(@PathVariable long id) {
		return download(letters.pdf(Caller.require(), id), "application/pdf", "letter.pdf");
	}

	/** The same letter as an editable Word document. */
	@GetMapping("/transfers/{id}/letter.docx")
	ResponseEntity<byte[]> letterDocx(@PathVariable long id) {
		return download(letters.docx(Caller.require(), id),
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "letter.docx");
	}

	private static ResponseEntity<byte[]> download(IntroductionLetters.Printed file, String type, String fallback) {
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(file.fileName(), fallback))
			.header("Cache-Control", "no-store")
			.contentType(MediaType.parseMediaType(type))
			.body(file.content());
	}

	@PostMapping("/transfers/{id}/withdraw")
	TransferView withdraw(@PathVariable long id) {
		return workflow.withdraw(Caller.require(), id);
	}
}
