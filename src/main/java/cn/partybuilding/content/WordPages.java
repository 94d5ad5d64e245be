package cn.partybuilding.content;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * The word list's page, for the committee: the words with a filter and pages, a word added (a mistake brings the
 * form back as typed, the message beside the field), a word's action switched, a word removed after a
 * confirmation, and the spreadsheets: import (every wrong cell on failure), export and the template.
 */
@Controller
class WordPages {

	private static final int PAGE_SIZE = 30;

	private final WordList words;

	private final WordImports imports;

	private final MessageSource messages;

	private final ScreenSettings settings;

	WordPages(WordList words, WordImports imports, MessageSource messages, ScreenSettings settings) {
		this.words = words;
		this.imports = imports;
		this.messages = messages;
		this.settings = settings;
	}

	/** The add form. */
	record WordForm(@Size(max = 200) String word, @Size(max = 20) String action) {
	}

	/** Builds the pager's links with the list's filters. */
	record PageLink(UriComponentsBuilder base) {
		public String to(int page) {
			return base.cloneBuilder().replaceQueryParam("page", page).build().encode().toUriString();
		}
	}

	@GetMapping("/content/words")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String action,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = words.requireKeeper(Caller.require(), "list");
		model.addAttribute("form", new WordForm(null, WordAction.BLOCK.name()));
		return page(caller, q, action, page, model);
	}

	private String page(Caller caller, String q, String action, int page, Model model) {
		q = WordApi.clip(q);
		WordAction a = WordAction.of(action).orElse(null);
		Page<WordList.Word> result = words.list(caller, q, a, page, PAGE_SIZE);
		model.addAttribute("result", result);
		model.addAttribute("q", q);
		model.addAttribute("action", a);
		model.addAttribute("actions", WordAction.values());
		UriComponentsBuilder filters = UriComponentsBuilder.fromPath("/content/words")
			.queryParamIfPresent("q", Optional.ofNullable(q).filter(t -> !t.isBlank()))
			.queryParamIfPresent("action", Optional.ofNullable(a));
		model.addAttribute("pageLink", new PageLink(filters));
		return "content/words";
	}

	@PostMapping("/content/words")
	String add(@Valid @ModelAttribute("form") WordForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		Caller caller = words.requireKeeper(Caller.require(), "add");
		if (binding.hasErrors()) {
			return page(caller, null, null, 0, model);
		}
		try {
			WordList.Word added = words.add(caller, form.word(), form.action());
			redirect.addFlashAttribute("notice", "content.word.added");
			redirect.addFlashAttribute("noticeArg", added.word());
			return "redirect:/content/words";
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return page(caller, null, null, 0, model);
		}
	}

	@PostMapping("/content/words/{id}/action")
	String change(@PathVariable long id, @RequestParam(required = false) String action,
			@RequestParam(required = false) String back, RedirectAttributes redirect) {
		WordList.Word word = words.change(Caller.require(), id, action);
		redirect.addFlashAttribute("notice", "content.word.changed");
		redirect.addFlashAttribute("noticeArg", word.word());
		return "redirect:" + back(back);
	}

	@PostMapping("/content/words/{id}/delete")
	String delete(@PathVariable long id, @RequestParam(required = false) String back, RedirectAttributes redirect) {
		Caller caller = Caller.require();
		WordList.Word word = words.find(caller, id);
		words.delete(caller, id);
		redirect.addFlashAttribute("notice", "content.word.deleted");
		redirect.addFlashAttribute("noticeArg", word.word());
		return "redirect:" + back(back);
	}

	/** Back to the list as it was filtered; nothing but the list's own path is followed. */
	private static String back(String back) {
		return back != null && back.startsWith("/content/words") && !back.contains("//") && !back.contains("\\")
				? back : "/content/words";
	}

	// ---- import ----

	@GetMapping("/content/words/imports")
	String importForm(Model model) {
		words.requireKeeper(Caller.require(), "import");
		model.addAttribute("maxRows", settings.importMaxRows());
		return "content/words-import";
	}

	@PostMapping("/content/words/imports")
	String upload(@RequestParam(name = "file", required = false) MultipartFile file, Model model, Locale locale,
			RedirectAttributes redirect) throws IOException {
		Caller caller = words.requireKeeper(Caller.require(), "import");
		model.addAttribute("maxRows", settings.importMaxRows());
		try (InputStream content = WordApi.content(file)) {
			WordImports.ImportResult result = imports.run(caller, file.getOriginalFilename(), content);
			if (result.done()) {
				redirect.addFlashAttribute("imported", result.message());
				return "redirect:/content/words";
			}
			model.addAttribute("result", result);
		}
		catch (FieldProblem problem) {
			Map<String, String> byField = problem.messages(messages, locale);
			model.addAttribute("fileError", byField.get("file"));
		}
		return "content/words-import";
	}
}
