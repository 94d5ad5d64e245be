package cn.partybuilding.member;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;

/**
 * 批量导入: upload a sheet, watch it being read, checked and written, see every wrong cell with its row
 * number, and take the new accounts' one-time passwords once.
 */
@Controller
class MemberImportPages {

	private final MemberImports imports;

	private final MemberSheet sheet;

	private final MessageSource messages;

	MemberImportPages(MemberImports imports, MemberSheet sheet, MessageSource messages) {
		this.imports = imports;
		this.sheet = sheet;
		this.messages = messages;
	}

	@GetMapping("/members/import")
	String form(Model model) {
		return form(model, ImportJobs.Mode.ALL_OR_NOTHING, ImportJobs.OnExisting.SKIP, null);
	}

	@PostMapping("/members/import")
	String upload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "ALL_OR_NOTHING") ImportJobs.Mode mode,
			@RequestParam(defaultValue = "SKIP") ImportJobs.OnExisting onExisting, Model model, Locale locale)
			throws IOException {
		if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
			return form(model, mode, onExisting, messages.getMessage("upload.missing", null, locale));
		}
		try (InputStream content = file.getInputStream()) {
			UUID id = imports.start(Caller.require(), file.getOriginalFilename(), file.getSize(), content, mode, onExisting);
			return "redirect:/members/imports/" + id;
		}
		catch (FieldProblem problem) {
			return form(model, mode, onExisting, problem.messages(messages, locale).values().iterator().next());
		}
	}

	/** An oversized upload is refused before the controller runs; the form comes back with the reason. */
	@ExceptionHandler({ MaxUploadSizeExceededException.class, MultipartException.class })
	String tooLarge(Exception ex, Model model, Locale locale) {
		String message = ex instanceof MaxUploadSizeExceededException
				? messages.getMessage("upload.tooLarge", new Object[] { imports.maxBytes() / (1024 * 1024) }, locale)
				: messages.getMessage("upload.missing", null, locale);
		return form(model, ImportJobs.Mode.ALL_OR_NOTHING, ImportJobs.OnExisting.SKIP, message);
	}

	private String form(Model model, ImportJobs.Mode mode, ImportJobs.OnExisting onExisting, String fileError) {
		Caller caller = Caller.require();
		if (!MemberImports.mayImport(caller)) {
			throw new NotPermittedException("member-import", "*", "import");
		}
		model.addAttribute("mode", mode);
		model.addAttribute("onExisting", onExisting);
		model.addAttribute("modes", ImportJobs.Mode.values());
		model.addAttribute("onExistings", ImportJobs.OnExisting.values());
		model.addAttribute("fileError", fileError);
		model.addAttribute("maxMegabytes", imports.maxBytes() / (1024 * 1024));
		model.addAttribute("recent", imports.recent(caller));
		return "member/import";
	}

	@GetMapping("/members/imports/{id}")
	String status(@PathVariable UUID id, Model model) {
		model.addAttribute("job", imports.status(Caller.require(), id));
		return "member/import-status";
	}

	/** Polled by the page every second while the job runs; the finished state stops the polling. */
	@GetMapping("/members/imports/{id}/progress")
	String progress(@PathVariable UUID id, Model model) {
		model.addAttribute("job", imports.status(Caller.require(), id));
		return "member/import-status :: progress";
	}

	@PostMapping("/members/imports/{id}/credentials")
	Object credentials(@PathVariable UUID id, RedirectAttributes redirect, Locale locale) throws IOException {
		var list = imports.takeCredentials(Caller.require(), id);
		if (list.isEmpty()) {
			redirect.addFlashAttribute("notice", messages.getMessage("member.import.credentials.gone", null, locale));
			return "redirect:/members/imports/" + id;
		}
		String signIn = ServletUriComponentsBuilder.fromCurrentContextPath().path("/login").toUriString();
		return MemberSheet.download("初始密码单.xlsx", "initial-passwords.xlsx", out -> sheet.credentials(list.get(), signIn, out));
	}

	@GetMapping("/members/imports/{id}/errors.xlsx")
	ResponseEntity<byte[]> errors(@PathVariable UUID id) throws IOException {
		var job = imports.status(Caller.require(), id);
		return MemberSheet.download("导入错误清单.xlsx", "import-errors.xlsx", out -> sheet.errors(job.errors(), out));
	}
}
