package cn.partybuilding.development;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;

/**
 * The import page: the template, the upload, and the outcome on the same page — the people created with their
 * one-time passwords (shown this once), or every wrong cell with nothing written.
 */
@Controller
class DevelopmentImportPages {

	private final DevelopmentImports imports;

	private final MessageSource messages;

	DevelopmentImportPages(DevelopmentImports imports, MessageSource messages) {
		this.imports = imports;
		this.messages = messages;
	}

	@GetMapping("/development/imports")
	String form() {
		if (!Caller.require().has(DevelopmentImports.IMPORT)) {
			throw new NotPermittedException("development-import", "*", "import");
		}
		return "development/import";
	}

	@PostMapping("/development/imports")
	String upload(@RequestParam(name = "file", required = false) MultipartFile file, Model model, Locale locale)
			throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new FieldProblem("file", "member.import.empty");
			}
			try (InputStream content = file.getInputStream()) {
				model.addAttribute("result", imports.run(Caller.require(), file.getOriginalFilename(), content));
			}
		}
		catch (FieldProblem problem) {
			model.addAttribute("fileError", problem.messages(messages, locale).values().iterator().next());
		}
		return "development/import";
	}
}
