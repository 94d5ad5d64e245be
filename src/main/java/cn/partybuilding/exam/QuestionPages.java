package cn.partybuilding.exam;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

import tools.jackson.databind.node.JsonNodeFactory;

import cn.partybuilding.exam.QuestionSheet.Column;
import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;

/**
 * The question bank's pages, for those who manage an organisation: the list with its filters, export and template,
 * the import with every wrong cell on failure, a question's form (new or changed; a question an exam has used shows
 * why it cannot change), and retiring a question.
 */
@Controller
class QuestionPages {

	private static final int PAGE_SIZE = 30;

	private final QuestionBank bank;

	private final QuestionImports imports;

	private final OrganizationTree tree;

	private final OrganizationScope scope;

	private final MessageSource messages;

	private final ExamSettings settings;

	QuestionPages(QuestionBank bank, QuestionImports imports, OrganizationTree tree, OrganizationScope scope,
			MessageSource messages, ExamSettings settings) {
		this.bank = bank;
		this.imports = imports;
		this.tree = tree;
		this.scope = scope;
		this.messages = messages;
		this.settings = settings;
	}

	/** Builds the pager's links with the list's filters. */
	record PageLink(UriComponentsBuilder base) {
		public String to(int page) {
			return base.cloneBuilder().replaceQueryParam("page", page).build().encode().toUriString();
		}
	}

	private static Caller requireManager() {
		Caller caller = Caller.require();
		if (!caller.has(QuestionBank.MANAGERS)) {
			throw new NotPermittedException("exam-question", "*", "list");
		}
		return caller;
	}

	/** The organisations the caller manages: where a question or an import may go. */
	private OrgChooser owners(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, QuestionBank.MANAGERS);
	}

	/**
	 * The list's owner filter: the organisations above the caller's (their questions serve the caller too), then the
	 * caller's own tree through the organisation chooser — at a province level by level, not its 24 000 at once. The
	 * ones above are {@code above}, marked in the page ({@code data-chooser-keep}) so that choosing level by level
	 * (static/js/app.js) keeps them: the chooser's answer never holds them.
	 */
	private record OwnerFilter(OrgChooser organizations, Set<Long> above) {
	}

	private OwnerFilter ownerFilter(Caller caller, Long chosen) {
		OrgChooser own = owners(caller, chosen);
		Set<Long> listed = new HashSet<>();
		own.options().forEach(o -> listed.add(o.id()));
		Set<Long> above = new LinkedHashSet<>();
		caller.organizationsWith(QuestionBank.MANAGERS).forEach(org -> scope.lineage(org).stream()
			.map(OrgRef::id)
			.filter(id -> !listed.contains(id) && !scope.reaches(caller, id, QuestionBank.MANAGERS))
			.forEach(above::add));
		Map<Long, String> names = scope.qualifiedNames(above);
		List<TreeNode.Option> options = new ArrayList<>();
		scope.findAll(above).forEach(o -> options.add(new TreeNode.Option(o.id(), names.getOrDefault(o.id(), o.name()), o.type())));
		options.addAll(own.options());
		return new OwnerFilter(new OrgChooser(options, own.bounded(), own.drill()), above);
	}

	@GetMapping("/exam/questions")
	String list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) QuestionType type,
			@RequestParam(required = false) String tag, @RequestParam(required = false) Integer maxDifficulty,
			@RequestParam(required = false) String text, @RequestParam(defaultValue = "false") boolean retired,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = requireManager();
		tag = QuestionImportApi.clip(tag);
		text = QuestionImportApi.clip(text);
		Page<QuestionBank.QuestionView> result = bank.list(caller,
				new QuestionBank.Filter(orgId, type, tag, maxDifficulty, text, retired), Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("result", result);
		OwnerFilter owners = ownerFilter(caller, orgId);
		model.addAttribute("organizations", owners.organizations());
		model.addAttribute("above", owners.above());
		model.addAttribute("types", QuestionType.values());
		model.addAttribute("tags", bank.tagsIn(caller));
		model.addAttribute("orgId", orgId);
		model.addAttribute("type", type);
		model.addAttribute("tag", tag);
		model.addAttribute("maxDifficulty", maxDifficulty);
		model.addAttribute("text", text);
		model.addAttribute("retired", retired);
		// whose questions on this page the caller may retire: asked per owner shown, not the caller's whole subtree
		Set<Long> managed = new HashSet<>();
		result.getContent().stream().map(QuestionBank.QuestionView::orgId).distinct()
			.filter(id -> scope.reaches(caller, id, QuestionBank.MANAGERS)).forEach(managed::add);
		model.addAttribute("managed", managed);
		UriComponentsBuilder filters = UriComponentsBuilder.fromPath("/exam/questions")
			.queryParamIfPresent("orgId", Optional.ofNullable(orgId))
			.queryParamIfPresent("type", Optional.ofNullable(type))
			.queryParamIfPresent("tag", Optional.ofNullable(tag).filter(t -> !t.isBlank()))
			.queryParamIfPresent("maxDifficulty", Optional.ofNullable(maxDifficulty))
			.queryParamIfPresent("text", Optional.ofNullable(text).filter(t -> !t.isBlank()))
			.queryParamIfPresent("retired", Optional.of(retired).filter(r -> r));
		model.addAttribute("pageLink", new PageLink(filters));
		model.addAttribute("exportLink", filters.cloneBuilder()
			.replacePath("/api/v1/exam/questions/export.xlsx")
			.build()
			.encode()
			.toUriString());
		return "exam/questions";
	}

	// ---- import ----

	@GetMapping("/exam/questions/imports")
	String importForm(@RequestParam(required = false) Long orgId, Model model) {
		Caller caller = requireManager();
		OrgChooser owners = owners(caller, orgId);
		model.addAttribute("orgId", orgId != null ? orgId : owners.size() == 1 ? owners.options().get(0).id() : null);
		return importPage(caller, model);
	}

	private String importPage(Caller caller, Model model) {
		model.addAttribute("owners", owners(caller, (Long) model.getAttribute("orgId")));
		model.addAttribute("maxRows", settings.importMaxRows());
		return "exam/question-import";
	}

	@PostMapping("/exam/questions/imports")
	String upload(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) Long orgId, Model model, Locale locale, RedirectAttributes redirect)
			throws IOException {
		Caller caller = requireManager();
		model.addAttribute("orgId", orgId);
		try {
			if (file == null || file.isEmpty()) {
				throw new FieldProblem("file", "exam.import.empty");
			}
			QuestionImports.ImportResult result;
			try (InputStream content = file.getInputStream()) {
				result = imports.run(caller, orgId, file.getOriginalFilename(), content);
			}
			if (result.done()) {
				redirect.addFlashAttribute("notice", "exam.import.done");
				redirect.addFlashAttribute("noticeArg", result.created());
				return "redirect:/exam/questions?orgId=" + orgId;
			}
			model.addAttribute("result", result);
		}
		catch (FieldProblem problem) {
			Map<String, String> byField = problem.messages(messages, locale);
			model.addAttribute("fileError", byField.get("file"));
			model.addAttribute("orgError", byField.get("orgId"));
		}
		return importPage(caller, model);
	}

	// ---- one question ----

	/** The question form: the cells of the import's layout, so the form and the sheet read answers alike. */
	record QuestionForm(QuestionType type, @Size(max = 2000) String text, @Size(max = 500) String optionA,
			@Size(max = 500) String optionB, @Size(max = 500) String optionC, @Size(max = 500) String optionD,
			@Size(max = 500) String optionE, @Size(max = 500) String optionF, @Size(max = 5000) String answer,
			BigDecimal score, @Size(max = 2000) String explanation, Integer difficulty, @Size(max = 400) String tags,
			Long orgId) {

		QuestionBank.NewQuestion question() {
			List<String> options = new ArrayList<>();
			for (String o : new String[] { optionA, optionB, optionC, optionD, optionE, optionF }) {
				options.add(o == null ? "" : o);
			}
			return new QuestionBank.NewQuestion(type, text, options,
					answer == null || answer.isBlank() ? null : JsonNodeFactory.instance.stringNode(answer.strip()),
					score, explanation, QuestionBank.tags(tags == null ? List.of() : List.of(tags)), difficulty, orgId);
		}

		static QuestionForm of(QuestionBank.QuestionView q) {
			Map<Column, String> c = QuestionImports.cellsOf(q);
			return new QuestionForm(q.type(), q.text(), c.get(Column.OPTION_A), c.get(Column.OPTION_B),
					c.get(Column.OPTION_C), c.get(Column.OPTION_D), c.get(Column.OPTION_E), c.get(Column.OPTION_F),
					c.get(Column.ANSWER), q.score().stripTrailingZeros(), q.explanation(), q.difficulty(),
					c.get(Column.TAGS), q.orgId());
		}
	}

	@GetMapping("/exam/questions/new")
	String newQuestion(@RequestParam(required = false) QuestionType type, Model model) {
		Caller caller = requireManager();
		OrgChooser owners = owners(caller, null);
		model.addAttribute("form", new QuestionForm(type == null ? QuestionType.SINGLE : type, null, null, null, null,
				null, null, null, null, BigDecimal.valueOf(2), null, 3, null, owners.size() == 1 ? owners.options().get(0).id() : null));
		return form(caller, null, model);
	}

	private String form(Caller caller, QuestionBank.QuestionView existing, Model model) {
		model.addAttribute("owners", owners(caller, model.getAttribute("form") instanceof QuestionForm f ? f.orgId() : null));
		model.addAttribute("types", QuestionType.values());
		model.addAttribute("question", existing);
		boolean used = existing != null && bank.used(existing.id());
		boolean mine = existing == null
				|| scope.visibleTo(caller, QuestionBank.MANAGERS).contains(existing.orgId());
		model.addAttribute("used", used);
		model.addAttribute("mine", mine);
		model.addAttribute("editable", existing == null || (!used && mine && !existing.retired()));
		return "exam/question-form";
	}

	@PostMapping("/exam/questions/new")
	String add(@Valid @ModelAttribute("form") QuestionForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		Caller caller = requireManager();
		if (binding.hasErrors()) {
			return form(caller, null, model);
		}
		try {
			long id = bank.add(caller, form.question());
			redirect.addFlashAttribute("notice", "exam.bank.added");
			redirect.addFlashAttribute("noticeArg", id);
			return "redirect:/exam/questions";
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return form(caller, null, model);
		}
	}

	@GetMapping("/exam/questions/{id}")
	String edit(@PathVariable long id, Model model) {
		Caller caller = requireManager();
		QuestionBank.QuestionView q = bank.find(caller, id);
		model.addAttribute("form", QuestionForm.of(q));
		return form(caller, q, model);
	}

	@PostMapping("/exam/questions/{id}")
	String change(@PathVariable long id, @Valid @ModelAttribute("form") QuestionForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		Caller caller = requireManager();
		QuestionBank.QuestionView existing = bank.find(caller, id);
		if (!scope.visibleTo(caller, QuestionBank.MANAGERS).contains(existing.orgId())) {
			throw new NotPermittedException("exam-question", id, "change");
		}
		if (binding.hasErrors()) {
			return form(caller, existing, model);
		}
		try {
			bank.change(caller, id, form.question());
			redirect.addFlashAttribute("notice", "exam.bank.changed");
			redirect.addFlashAttribute("noticeArg", id);
			return "redirect:/exam/questions/" + id;
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return form(caller, existing, model);
		}
	}

	@PostMapping("/exam/questions/{id}/retire")
	String retire(@PathVariable long id, RedirectAttributes redirect) {
		Caller caller = requireManager();
		QuestionBank.QuestionView existing = bank.find(caller, id);
		if (!scope.visibleTo(caller, QuestionBank.MANAGERS).contains(existing.orgId())) {
			throw new NotPermittedException("exam-question", id, "retire");
		}
		bank.retire(caller, id);
		redirect.addFlashAttribute("notice", "exam.bank.retired");
		redirect.addFlashAttribute("noticeArg", id);
		return "redirect:/exam/questions";
	}
}
