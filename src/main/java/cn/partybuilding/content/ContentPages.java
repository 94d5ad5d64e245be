package cn.partybuilding.content;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.core.io.Resource;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/** 宣传 for authors and reviewers: the list, the editor, an item with its review, history and versions, columns. */
@Controller
class ContentPages {

	/** The editor's form; featured people are typed as 学号/工号 (comma separated) and kept as member ids. */
	record ItemForm(ContentKind kind, @Size(max = 200) String title, @Size(max = 300) String summary,
			@Size(max = ContentItems.MAX_BODY) String body, Long orgId, Audience audience, Long columnId,
			Boolean readReceipt, @Size(max = 40) String publishAt, @Size(max = 100) String cover,
			@Size(max = 2000) String featured, @Size(max = 50) List<Long> featuredMemberIds) {

		ContentItems.ItemRequest request(List<Long> featuredIds) {
			return new ContentItems.ItemRequest(kind == null ? null : kind.name(), title, summary, body, orgId,
					audience == null ? null : audience.name(), columnId, readReceipt, publishAt, cover, featuredIds);
		}
	}

	private final ContentItems items;

	private final Reading reading;

	private final Columns columns;

	private final ContentFiles files;

	private final OrganizationTree tree;

	private final MemberDirectory members;

	private final ContentImages images;

	private final Screen screen;

	ContentPages(ContentItems items, Reading reading, Columns columns, ContentFiles files, OrganizationTree tree,
			MemberDirectory members, ContentImages images, Screen screen) {
		this.images = images;
		this.screen = screen;
		this.items = items;
		this.reading = reading;
		this.columns = columns;
		this.files = files;
		this.tree = tree;
		this.members = members;
	}

	@GetMapping("/content/items")
	String list(@RequestParam(required = false) @Size(max = 100) String q, @RequestParam(required = false) ItemState state,
			@RequestParam(required = false) ContentKind kind, @RequestParam(required = false) Long orgId,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = Caller.require();
		Page<ContentItems.ItemLine> result = items.list(caller, new ContentItems.Filter(q, state, kind, orgId),
				Math.max(page, 0), 20);
		model.addAttribute("result", result);
		model.addAttribute("q", q);
		model.addAttribute("state", state);
		model.addAttribute("kind", kind);
		model.addAttribute("orgId", orgId);
		model.addAttribute("states", ItemState.values());
		model.addAttribute("kinds", ContentKind.values());
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("waiting", items.waitingFor(caller));
		model.addAttribute("isCommittee", columns.isCommittee(caller));
		return "content/items";
	}

	private OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, ContentItems.AUTHORS);
	}

	@GetMapping("/content/items/new")
	String newItem(@RequestParam(required = false) ContentKind kind, Model model) {
		Caller caller = Caller.require();
		OrgChooser orgs = organizations(caller, null);
		model.addAttribute("form", new ItemForm(kind == null ? ContentKind.NEWS : kind, null, null, null,
				orgs.size() == 1 ? orgs.options().get(0).id() : null, Audience.SUBTREE, null, false, null, null, null, List.of()));
		return form(caller, null, model);
	}

	private String form(Caller caller, Long id, Model model) {
		model.addAttribute("itemId", id);
		model.addAttribute("imageMaxBytes", images.maxBytes());
		model.addAttribute("organizations", organizations(caller, model.getAttribute("form") instanceof ItemForm f ? f.orgId() : null));
		model.addAttribute("kinds", ContentKind.values());
		model.addAttribute("audiences", Audience.values());
		model.addAttribute("columns", columns.open());
		Object form = model.getAttribute("form");
		List<Long> featured = form instanceof ItemForm f && f.featuredMemberIds() != null ? f.featuredMemberIds() : List.of();
		model.addAttribute("featuredPeople", featured.isEmpty() ? List.of() : members.refs(featured));
		return "content/item-form";
	}

	@PostMapping("/content/items/new")
	String create(@Valid @ModelAttribute("form") ItemForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		Caller caller = Caller.require();
		if (binding.hasErrors()) {
			return form(caller, null, model);
		}
		try {
			ContentItems.Saved saved = items.create(caller, form.request(featured(caller, form)));
			return saved(saved, redirect);
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return form(caller, null, model);
		}
	}

	/** The people a feature is about: those kept, and those typed by 学号/工号 (each must be found in the caller's reach). */
	private List<Long> featured(Caller caller, ItemForm form) {
		List<Long> ids = new ArrayList<>(form.featuredMemberIds() == null ? List.of() : form.featuredMemberIds());
		if (form.featured() != null) {
			for (String number : Arrays.stream(form.featured().split("[,\\uFF0C\\u3001\\s]+")).filter(n -> !n.isBlank()).toList()) {
				Long id = members.findByStaffNumber(caller, number)
					.orElseThrow(() -> new FieldProblem("featured", "content.featured.unknown", number));
				if (!ids.contains(id)) {
					ids.add(id);
				}
			}
		}
		return ids;
	}

	private static String saved(ContentItems.Saved saved, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", "content.page.saved");
		redirect.addFlashAttribute("warnings", saved.warnings());
		return "redirect:/content/items/" + saved.id();
	}

	@GetMapping("/content/items/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		ContentItems.ItemView view = items.view(caller, id);
		ContentItems.Version v = view.working();
		model.addAttribute("form", new ItemForm(view.kind(), v.title(), v.summary(), v.body(), view.orgId(), v.audience(),
				v.columnId(), v.readReceipt(), v.publishAt() == null ? null
						: java.time.LocalDateTime.ofInstant(v.publishAt(), cn.partybuilding.shared.PlatformZone.ZONE).toString(),
				v.cover(), null, v.featured()));
		model.addAttribute("item", view);
		return form(caller, id, model);
	}

	@PostMapping("/content/items/{id}/edit")
	String change(@PathVariable long id, @Valid @ModelAttribute("form") ItemForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		Caller caller = Caller.require();
		model.addAttribute("item", items.view(caller, id));
		if (binding.hasErrors()) {
			return form(caller, id, model);
		}
		try {
			return saved(items.edit(caller, id, form.request(featured(caller, form))), redirect);
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return form(caller, id, model);
		}
	}

	@GetMapping("/content/items/{id}")
	String item(@PathVariable long id, @RequestParam(required = false) Integer version, Model model) {
		Caller caller = Caller.require();
		ContentItems.ItemView view = items.view(caller, id);
		List<ContentItems.Version> versions = items.versions(caller, id);
		ContentItems.Version shown = version == null ? view.working()
				: versions.stream().filter(v -> v.version() == version).findFirst()
					.orElseThrow(() -> new OutOfScopeException("content-version", id + "/" + version));
		model.addAttribute("item", view);
		model.addAttribute("shown", shown);
		model.addAttribute("versions", versions);
		model.addAttribute("columnName", shown.columnId() == null ? null : columns.name(shown.columnId()));
		model.addAttribute("featuredPeople", shown.featured().isEmpty() ? List.<MemberRef>of() : members.refs(shown.featured()));
		model.addAttribute("readRates", view.kind() == ContentKind.NOTICE ? reading.readRates(caller, id) : List.of());
		model.addAttribute("screenMarks", marks(shown));
		model.addAttribute("returned", view.history().stream().filter(h -> h.action().equals("RETURN")
				|| h.action().equals("REJECT")).reduce((a, b) -> b).orElse(null));
		return "content/item";
	}

	/** A field of the shown version with the word list's words marked in place (escaped text, marks only). */
	record Marked(String field, String html) {
	}

	private List<Marked> marks(ContentItems.Version shown) {
		List<Screen.Field> fields = ContentItems.screened(shown);
		Screen.Result result = screen.screen(fields);
		return fields.stream().filter(f -> !result.in(f.name()).isEmpty())
			.map(f -> new Marked(f.name(), Screen.marked(f.text(), result.in(f.name())))).toList();
	}

	@PostMapping("/content/items/{id}/submit")
	String submit(@PathVariable long id, Model model, RedirectAttributes redirect) {
		Caller caller = Caller.require();
		try {
			items.submit(caller, id);
			redirect.addFlashAttribute("notice", "content.page.submitted");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("blocked", problem.problems().stream()
				.map(p -> new Blocked(p.field(), problem.words(p.field()))).toList());
		}
		return "redirect:/content/items/" + id;
	}

	/** The BLOCK words found in one field, shown in place on the item page. */
	record Blocked(String field, List<String> words) {
	}

	@PostMapping("/content/items/{id}/review")
	String review(@PathVariable long id, @RequestParam @Size(max = 10) String decision,
			@RequestParam(required = false) @Size(max = 1000) String comment, RedirectAttributes redirect) {
		try {
			items.review(Caller.require(), id, ContentItems.parse(ContentItems.Decision.class, decision), comment);
			redirect.addFlashAttribute("notice", "content.page.reviewed");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("reviewError", problem.problems().get(0).messageKey());
			redirect.addFlashAttribute("reviewComment", comment);
		}
		return "redirect:/content/items/" + id;
	}

	@PostMapping("/content/items/{id}/withdraw")
	String withdraw(@PathVariable long id, @RequestParam(required = false) @Size(max = 500) String reason,
			RedirectAttributes redirect) {
		try {
			items.withdraw(Caller.require(), id, reason);
			redirect.addFlashAttribute("notice", "content.page.withdrawn");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("withdrawError", problem.problems().get(0).messageKey());
		}
		return "redirect:/content/items/" + id;
	}

	@PostMapping("/content/items/{id}/attachments")
	String attach(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new FieldProblem("file", "content.attachment.empty");
			}
			files.attach(Caller.require(), id, file.getOriginalFilename(), file.getBytes());
			redirect.addFlashAttribute("notice", "content.page.attached");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("attachError", problem.problems().get(0).messageKey());
		}
		return "redirect:/content/items/" + id;
	}

	@PostMapping("/content/items/{id}/attachments/{index}/delete")
	String detach(@PathVariable long id, @PathVariable int index, RedirectAttributes redirect) {
		items.detach(Caller.require(), id, index);
		redirect.addFlashAttribute("notice", "content.page.detached");
		return "redirect:/content/items/" + id;
	}

	/** An attachment of a version, for those who may see the item. */
	@GetMapping("/content/items/{id}/versions/{version}/attachments/{index}")
	ResponseEntity<Resource> attachment(@PathVariable long id, @PathVariable int version, @PathVariable int index) {
		List<ContentItems.Attachment> attachments = items.versions(Caller.require(), id).stream()
			.filter(v -> v.version() == version).findFirst()
			.orElseThrow(() -> new OutOfScopeException("content-version", id + "/" + version)).attachments();
		if (index < 0 || index >= attachments.size()) {
			throw new OutOfScopeException("content-attachment", id + "/" + index);
		}
		return download(files, attachments.get(index));
	}

	static ResponseEntity<Resource> download(ContentFiles files, ContentItems.Attachment attachment) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(attachment.name(), "attachment"))
			.header("X-Content-Type-Options", "nosniff")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(files.open(attachment));
	}

	// ---- columns

	@GetMapping("/content/columns")
	String columns(Model model) {
		Caller caller = Caller.require();
		model.addAttribute("columns", columns.open());
		model.addAttribute("isCommittee", columns.isCommittee(caller));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new Columns.ColumnRequest(null, null, null));
		}
		return "content/columns";
	}

	@PostMapping("/content/columns")
	String addColumn(@Valid @ModelAttribute("form") Columns.ColumnRequest form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				columns.create(Caller.require(), form);
				redirect.addFlashAttribute("notice", "content.page.columnAdded");
				return "redirect:/content/columns";
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return columns(model);
	}

	@PostMapping("/content/columns/{id}/retire")
	String retireColumn(@PathVariable long id, RedirectAttributes redirect) {
		columns.retire(Caller.require(), id);
		redirect.addFlashAttribute("notice", "content.page.columnRetired");
		return "redirect:/content/columns";
	}
}
