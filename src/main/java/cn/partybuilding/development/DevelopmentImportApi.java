package cn.partybuilding.development;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * Existing applicants and activists from a spreadsheet: 201 with the people created (and their accounts' one-time
 * passwords, shown once), or 400 with every wrong cell and nothing written; the template to fill.
 */
@RestController
class DevelopmentImportApi {

	private final DevelopmentImports imports;

	DevelopmentImportApi(DevelopmentImports imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/api/v1/development/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DevelopmentImports.ImportResult> upload(@RequestParam(name = "file", required = false) MultipartFile file)
			throws IOException {
		if (file == null || file.isEmpty()) {
			throw new FieldProblem("file", "member.import.empty");
		}
		DevelopmentImports.ImportResult result;
		try (InputStream content = file.getInputStream()) {
			result = imports.run(Caller.require(), file.getOriginalFilename(), content);
		}
		return ResponseEntity.status("DONE".equals(result.status()) ? HttpStatus.CREATED : HttpStatus.BAD_REQUEST)
			.body(result);
	}

	@GetMapping("/api/v1/development/imports/template.xlsx")
	ResponseEntity<byte[]> template() throws IOException {
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment("发展党员档案导入模板.xlsx", "development-import-template.xlsx"))
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(imports.template(Caller.require()));
	}
}
