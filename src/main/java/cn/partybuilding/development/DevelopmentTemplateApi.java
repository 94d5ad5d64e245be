package cn.partybuilding.development;

import java.io.IOException;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;

/**
 * The Word templates of the development documents, for the committee: the list with the placeholders each
 * holds, the current template to download, an upload replacing it, and a reset to the default. Anyone else: 403.
 */
@RestController
@RequestMapping("/api/v1/development/templates")
class DevelopmentTemplateApi {

	private final DevelopmentTemplates templates;

	DevelopmentTemplateApi(DevelopmentTemplates templates) {
		this.templates = templates;
	}

	@GetMapping
	List<DevelopmentTemplates.TemplateView> list() {
		return templates.list(Caller.require());
	}

	@GetMapping("/{step}.docx")
	ResponseEntity<byte[]> download(@PathVariable int step) {
		DevelopmentTemplates.Download d = templates.current(Caller.require(), step);
		return ResponseEntity.ok()
			.header("Content-Disposition", Downloads.attachment(d.fileName(), String.format("step-%02d.docx", step)))
			.contentType(MediaType.parseMediaType(DevelopmentTemplates.DOCX))
			.body(d.bytes());
	}

	@PutMapping(path = "/{step}", consumes = "multipart/form-data")
	DevelopmentTemplates.TemplateView upload(@PathVariable int step,
			@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
		if (file == null) {
			throw new FieldProblem("file", "development.template.empty");
		}
		return templates.upload(Caller.require(), step, file.getOriginalFilename(), file.getBytes());
	}

	@DeleteMapping("/{step}")
	DevelopmentTemplates.TemplateView reset(@PathVariable int step) {
		return templates.reset(Caller.require(), step);
	}
}
