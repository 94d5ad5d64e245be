package cn.partybuilding.learning;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Page;
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
import org.springframework.web.util.UriComponentsBuilder;

import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * 学习 for those who offer it: the materials an organisation publishes (articles written in the editor, files,
 * links), the weekly outlines, and how far each outline's readers got — per organisation below, per member in a
 * branch, as Excel too. Participation only: no ranking of persons.
 */
@Controller
class LearningPages {

	private final MaterialLibrary library;

	private final StudyOutlines outlines;

	private final OrganizationTree tree;

	LearningPages(MaterialLibrary library, StudyOutlines outlines, OrganizationTree tree) {
		this.library = library;
		this.outlines = outlines;
		this.tree = tree;
	}

	/** The material form; {@code tags} as typed, separated by commas or spaces. */
	record MaterialForm(MaterialKind kind, @Size(max = 200) String title, @Size(max = 200_000) String body,
			@Size(max = 1000) String url, Long orgId, MaterialLibrary.Audience audience, @Size(max = 400) String tags) {

		MaterialLibrary.NewMaterial material() {
			List<String> list = tags == null ? List.of()
					: Arrays.stream(tags.split("[,\\uFF0C\\u3001\\s]+")).filter(t -> !t.isBlank()).toList();
			return new MaterialLibrary.NewMaterial(kind, title, body, url, orgId, audience, list);
		}
	}

	private OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, Readers.MANAGERS);
	}

	@GetMapping("/learning/materials")
	String materials(@RequestParam(required = false) Long orgId, @RequestParam(required = false) MaterialKind kind,
			@RequestParam(required = false) String tag, @RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = Caller.require();
		Page<MaterialLibrary.MaterialLine> result = library.list(caller, orgId, kind, tag, Math.max(page, 0), 30);
		model.addAttribute("result", result);
		model.addAttribute("orgId", orgId);
		model.addAttribute("kind", kind);
		model.addAttribute("tag", tag);
		model.addAttribute("kinds", MaterialKind.values());
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("mayPublish", !caller.organizationsWith(Readers.MANAGERS).isEmpty());
		model.addAttribute("managed", library.managedBy(caller));
		model.addAttribute("pageLink", new PageLink(UriComponentsBuilder.fromPath("/learning/materials")
			.queryParamIfPresent("orgId", java.util.Optional.ofNullable(orgId))
			.queryParamIfPresent("kind", java.util.Optional.ofNullable(kind))
			.queryParamIfPresent("tag", java.util.Optional.ofNullable(tag).filter(t -> !t.isBlank()))));
		return "learning/materials";
	}

	/** Builds the pager's links with the list's filters. */
	record PageLink(UriComponentsBuilder base) {
		public String to(int page) {
			return base.cloneBuilder().replaceQueryParam("page", page).build().encode().toUriString();
		}
	}

	@GetMapping("/learning/materials/new")
	String newMaterial(@RequestParam(required = false) MaterialKind kind, Model model) {
		Caller caller = Caller.require();
		List<TreeNode.Option> orgs = organizations(caller, null).options();
		model.addAttribute("form", new MaterialForm(kind == null ? MaterialKind.ARTICLE : kind, null, null, null,
				orgs.size() == 1 ? orgs.get(0).id() : null, MaterialLibrary.Audience.SUBTREE, null));
		return materialForm(caller, model);
	}

	private String materialForm(Caller caller, Model model) {
		model.addAttribute("organizations", organizations(caller,
				model.getAttribute("form") instanceof MaterialForm f ? f.orgId() : null));
		model.addAttribute("kinds", MaterialKind.values());
		model.addAttribute("audiences", MaterialLibrary.Audience.values());
		model.addAttribute("maxMegabytes", library.maxFileBytes() / (1024 * 1024));
		return "learning/material-new";
	}

	@PostMapping("/learning/materials/new")
	String publish(@Valid @ModelAttribute("form") MaterialForm form, BindingResult binding,
			@RequestParam(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes redirect) {
		Caller caller = Caller.require();
		if (binding.hasErrors()) {
			return materialForm(caller, model);
		}
		try {
			MaterialLibrary.MaterialView published = library.publish(caller, form.material(), file);
			redirect.addFlashAttribute("notice", "learning.material.published");
			redirect.addFlashAttribute("noticeArg", published.title());
			return "redirect:/learning/materials";
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return materialForm(caller, model);
		}
	}

	@PostMapping("/learning/materials/{id}/withdraw")
	String withdraw(@PathVariable long id, RedirectAttributes redirect) {
		library.withdraw(Caller.require(), id);
		redirect.addFlashAttribute("notice", "learning.material.withdrawn");
		return "redirect:/learning/materials";
	}

	record OutlineForm(Long orgId, @Size(max = 8) String week, @Size(max = 200) String title,
			@Size(max = 2000) String topic, @Size(max = 30) List<Long> required, @Size(max = 30) List<Long> optional,
			LocalDate dueOn) {

		StudyOutlines.NewOutline outline() {
			return new StudyOutlines.NewOutline(orgId, week, title, topic, required, optional, dueOn);
		}

		public boolean isRequired(long id) {
			return required != null && required.contains(id);
		}

		public boolean isOptional(long id) {
			return optional != null && optional.contains(id);
		}
	}

	@GetMapping("/learning/outlines")
	String outlineList(Model model) {
		Caller caller = Caller.require();
		model.addAttribute("outlines", outlines.list(caller, 200));
		model.addAttribute("mayPublish", !caller.organizationsWith(Readers.MANAGERS).isEmpty());
		return "learning/outlines";
	}

	@GetMapping("/learning/outlines/new")
	String newOutline(Model model) {
		Caller caller = Caller.require();
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		List<TreeNode.Option> orgs = organizations(caller, null).options();
		// the caller's own organisation (the top of what they manage) is the usual publisher
		model.addAttribute("form", new OutlineForm(orgs.isEmpty() ? null : orgs.get(0).id(), StudyPoints.isoWeek(today),
				null, null, List.of(), List.of(), today.with(java.time.DayOfWeek.SUNDAY)));
		return outlineForm(caller, model);
	}

	private String outlineForm(Caller caller, Model model) {
		model.addAttribute("organizations", organizations(caller,
				model.getAttribute("form") instanceof OutlineForm f ? f.orgId() : null));
		// what the caller can list: their own organisations' materials and those offered from above
		model.addAttribute("materials", library.list(caller, null, null, null, 0, 100).getContent().stream()
			.filter(m -> !m.withdrawn()).toList());
		return "learning/outline-new";
	}

	@PostMapping("/learning/outlines/new")
	String publishOutline(@Valid @ModelAttribute("form") OutlineForm form, BindingResult binding, Model model) {
		Caller caller = Caller.require();
		if (binding.hasErrors()) {
			return outlineForm(caller, model);
		}
		try {
			return "redirect:/learning/outlines/" + outlines.publish(caller, form.outline()).id();
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return outlineForm(caller, model);
		}
	}

	/** An outline and how far its readers got, below the organisation looked at. */
	@GetMapping("/learning/outlines/{id}")
	String outline(@PathVariable long id, @RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		StudyOutlines.Completion completion = outlines.completion(caller, id, orgId);
		model.addAttribute("outline", outlines.find(caller, id));
		model.addAttribute("completion", completion);
		return "learning/outline";
	}

	@GetMapping("/learning/outlines/{id}/completion.xlsx")
	ResponseEntity<byte[]> completionSheet(@PathVariable long id, @RequestParam(required = false) Long orgId) {
		return LearningSheets.completion(outlines.completion(Caller.require(), id, orgId));
	}

	@PostMapping("/learning/outlines/{id}/withdraw")
	String withdrawOutline(@PathVariable long id, RedirectAttributes redirect) {
		outlines.withdraw(Caller.require(), id);
		redirect.addFlashAttribute("notice", "learning.outline.withdrawn");
		return "redirect:/learning/outlines";
	}

}
