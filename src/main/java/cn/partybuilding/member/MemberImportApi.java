package cn.partybuilding.member;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.member.ImportJobs.ImportStatus;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * Imports over JSON: upload ({@code 202} and a job), follow its progress, take the new accounts'
 * one-time passwords once. A job is visible to the person who started it only.
 */
@RestController
@RequestMapping("/api/v1/members/imports")
class MemberImportApi {

	private final MemberImports imports;

	private final MemberSheet sheet;

	MemberImportApi(MemberImports imports, MemberSheet sheet) {
		this.imports = imports;
		this.sheet = sheet;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImportStatus> start(@RequestParam("file") MultipartFile file,
			@RequestParam(defaultValue = "ALL_OR_NOTHING") ImportJobs.Mode mode,
			@RequestParam(defaultValue = "SKIP") ImportJobs.OnExisting onExisting) throws IOException {
		Caller caller = Caller.require();
		UUID id;
		try (InputStream content = file.getInputStream()) {
			id = imports.start(caller, file.getOriginalFilename(), file.getSize(), content, mode, onExisting);
		}
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/members/imports/" + id))
			.body(imports.status(caller, id));
	}

	@GetMapping("/{id}")
	ImportStatus status(@PathVariable UUID id) {
		return imports.status(Caller.require(), id);
	}

	/** The caller's ten latest imports. */
	@GetMapping
	List<ImportStatus> recent() {
		return imports.recent(Caller.require());
	}

	/** The new accounts' one-time passwords as .xlsx, once: a POST, since taking them erases them. */
	@PostMapping("/{id}/credentials")
	ResponseEntity<byte[]> credentials(@PathVariable UUID id) throws IOException {
		var list = imports.takeCredentials(Caller.require(), id)
			.orElseThrow(() -> new OutOfScopeException("member-import-credentials", id));
		String signIn = ServletUriComponentsBuilder.fromCurrentContextPath().path("/login").toUriString();
		return MemberSheet.download("初始密码单.xlsx", "initial-passwords.xlsx", out -> sheet.credentials(list, signIn, out));
	}

	/** The wrong cells of an import as .xlsx. */
	@GetMapping("/{id}/errors.xlsx")
	ResponseEntity<byte[]> errors(@PathVariable UUID id) throws IOException {
		ImportStatus job = imports.status(Caller.require(), id);
		return MemberSheet.download("导入错误清单.xlsx", "import-errors.xlsx", out -> sheet.errors(job.errors(), out));
	}
}
