package cn.partybuilding.development;

import java.io.IOException;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/** The committee's page of document templates: each step's, with upload, download and reset, and the placeholders. */
@Controller
class DevelopmentTemplatePages {

	private final DevelopmentTemplates templates;

	private final MessageSource messages;

	DevelopmentTemplatePages(DevelopmentTemplates templates, MessageSource messages) {
		this.templates = templates;
		this.messages = messages;
	}

	@GetMapping("/development/templates")
	String list(Model model) {
		model.addAttribute("templates", templates.list(Caller.require()));
		model.addAttribute("maxBytes", templates.maxBytes());
		model.addAttribute("personNames", DevelopmentDocuments.PERSON);
		model.addAttribute("stepNames", DevelopmentDocuments.PER_STEP);
		return "development/templates";
	}

	@PostMapping("/development/templates/{step}")
	String upload(@PathVariable int step, @RequestParam(name = "file", required = false) MultipartFile file,
			RedirectAttributes redirect, Locale locale) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new FieldProblem("file", "development.template.empty");
			}
			DevelopmentTemplates.TemplateView view = templates.upload(Caller.require(), step, file.getOriginalFilename(),
					file.getBytes());
			redirect.addFlashAttribute("notice",
					messages.getMessage("development.template.uploaded", new Object[] { step, view.fileName() }, locale));
		}
		catch (FieldProblem problem) {
			// a file input cannot be refilled: the page says what was wrong with the file that was sent
			redirect.addFlashAttribute("templateError", problem.messages(messages, locale).values().iterator().next());
			redirect.addFlashAttribute("errorStep", step);
		}
		return "redirect:/development/templates#step-" + step;
	}

	@PostMapping("/development/templates/{step}/reset")
	String reset(@PathVariable int step, RedirectAttributes redirect, Locale locale) {
		templates.reset(Caller.require(), step);
		redirect.addFlashAttribute("notice", messages.getMessage("development.template.wasReset", new Object[] { step }, locale));
		return "redirect:/development/templates#step-" + step;
	}
}
