package cn.partybuilding.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberView;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;

/** The chronicle as JSON and as a Word 党员纪实档案: a member's (scoped like the member) and the caller's own. */
@RestController
class RecordApi {

	private static final MediaType DOCX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

	private final Chronicle chronicle;

	private final MemberDirectory members;

	private final ChronicleDocument document;

	private final OrganizationScope scope;

	RecordApi(Chronicle chronicle, MemberDirectory members, ChronicleDocument document, OrganizationScope scope) {
		this.scope = scope;
		this.chronicle = chronicle;
		this.members = members;
		this.document = document;
	}

	@GetMapping("/api/v1/members/{id}/record")
	List<Chronicle.Entry> ofMember(@PathVariable long id) {
		return chronicle.of(Caller.require(), id);
	}

	@GetMapping("/api/v1/me/record")
	List<Chronicle.Entry> mine() {
		return chronicle.mine(Caller.require());
	}

	@GetMapping("/api/v1/members/{id}/record.docx")
	ResponseEntity<byte[]> ofMemberAsWord(@PathVariable long id) throws IOException {
		Caller caller = Caller.require();
		List<Chronicle.Entry> entries = chronicle.of(caller, id);
		return word(members.find(caller, id), entries);
	}

	@GetMapping("/api/v1/me/record.docx")
	ResponseEntity<byte[]> mineAsWord() throws IOException {
		Caller caller = Caller.require();
		List<Chronicle.Entry> entries = chronicle.mine(caller);
		return word(members.mine(caller), entries);
	}

	private ResponseEntity<byte[]> word(MemberView member, List<Chronicle.Entry> entries) throws IOException {
		var buffer = new ByteArrayOutputStream();
		String path = scope.lineage(member.organizationId()).stream().skip(1).map(OrgRef::name)
			.collect(Collectors.joining(" / "));
		document.write(member, path.isEmpty() ? member.organizationName() : path, entries, buffer);
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(ChronicleDocument.fileName(member), "record.docx"))
			.header("Cache-Control", "no-store")
			.contentType(DOCX)
			.body(buffer.toByteArray());
	}
}
