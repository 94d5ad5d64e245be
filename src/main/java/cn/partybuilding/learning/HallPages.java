package cn.partybuilding.learning;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * 红色教育 halls on the web: the managers' list with a form to open a hall, a hall's scenes and hotspots to put
 * together, the 360° viewer for everyone who may visit, and the members' list under 学习.
 */
@Controller
class HallPages {

	private final Halls halls;

	private final HallVisits visits;

	private final MaterialLibrary library;

	private final OrganizationTree tree;

	private final LearningRules rules;

	HallPages(Halls halls, HallVisits visits, MaterialLibrary library, OrganizationTree tree, LearningRules rules) {
		this.halls = halls;
		this.visits = visits;
		this.library = library;
		this.tree = tree;
		this.rules = rules;
	}

	record HallForm(@Size(max = 200) String title, Long orgId, MaterialLibrary.Audience audience) {
	}

	/** A hotspot added from the page: {@code target} is {@code m:<materialId>} or {@code s:<sceneId>}. */
	record HotspotForm(Long sceneId, Double yaw, Double pitch, @Size(max = 100) String title,
			@Size(max = 30) String target) implements java.io.Serializable {
	}

	@GetMapping("/learning/halls")
	String list(@RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		OrgChooser orgs = tree.chooser(caller, orgId, Readers.MANAGERS);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new HallForm(null, orgs.size() == 1 ? orgs.options().get(0).id() : null,
					MaterialLibrary.Audience.SUBTREE));
		}
		return listPage(caller, orgId, orgs, model);
	}

	private String listPage(Caller caller, Long orgId, OrgChooser orgs, Model model) {
		model.addAttribute("halls", halls.list(caller, true, orgId));
		model.addAttribute("orgId", orgId);
		model.addAttribute("organizations", orgs);
		model.addAttribute("audiences", MaterialLibrary.Audience.values());
		model.addAttribute("mayPublish", !caller.organizationsWith(Readers.MANAGERS).isEmpty());
		return "learning/halls";
	}

	@PostMapping("/learning/halls")
	String create(@Valid @ModelAttribute("form") HallForm form, BindingResult binding, Model model) {
		Caller caller = Caller.require();
		OrgChooser orgs = tree.chooser(caller, form.orgId(), Readers.MANAGERS);
		if (binding.hasErrors()) {
			return listPage(caller, null, orgs, model);
		}
		try {
			long id = halls.create(caller, new Halls.NewHall(form.title(), form.orgId(), form.audience())).id();
			return "redirect:/learning/halls/" + id + "/manage";
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return listPage(caller, null, orgs, model);
		}
	}

	@GetMapping("/learning/halls/{id}/manage")
	String manage(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		Halls.HallView hall = halls.find(caller, id);
		if (!halls.manages(caller, id)) {
			throw new cn.partybuilding.shared.OutOfScopeException("learning-hall", id);
		}
		model.addAttribute("hall", hall);
		model.addAttribute("panoramas", library.list(caller, null, MaterialKind.PANORAMA, null, 0, 100).getContent()
			.stream().filter(m -> !m.withdrawn()).toList());
		model.addAttribute("materials", library.list(caller, null, null, null, 0, 100).getContent().stream()
			.filter(m -> !m.withdrawn() && m.kind() != MaterialKind.PANORAMA).toList());
		if (!model.containsAttribute("hotspot")) {
			model.addAttribute("hotspot", new HotspotForm(hall.scenes().isEmpty() ? null : hall.scenes().get(0).id(),
					0.0, 0.0, null, null));
		}
		return "learning/hall-manage";
	}

	@PostMapping("/learning/halls/{id}/scenes")
	String addScene(@PathVariable long id, @RequestParam(required = false) Long materialId, RedirectAttributes redirect) {
		try {
			halls.addScene(Caller.require(), id, new Halls.NewScene(materialId, List.of()));
			redirect.addFlashAttribute("notice", "learning.hall.sceneAdded");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", problem.problems().get(0).messageKey());
		}
		return "redirect:/learning/halls/" + id + "/manage";
	}

	@PostMapping("/learning/halls/{id}/hotspots")
	String addHotspot(@PathVariable long id, @Valid @ModelAttribute("hotspot") HotspotForm form, BindingResult binding,
			RedirectAttributes redirect) {
		Caller caller = Caller.require();
		try {
			if (binding.hasErrors() || form.sceneId() == null) {
				throw new FieldProblem("target", "learning.hall.hotspot.target");
			}
			Halls.SceneView scene = halls.find(caller, id).scenes().stream().filter(s -> s.id() == form.sceneId())
				.findFirst().orElseThrow(() -> new FieldProblem("sceneId", "learning.hall.hotspot.scene"));
			List<HallHotspot> hotspots = new ArrayList<>(scene.hotspots().stream()
				.map(h -> new HallHotspot(h.yaw(), h.pitch(), h.title(), h.materialId(), h.sceneId())).toList());
			String target = form.target() == null ? "" : form.target();
			Long material = target.startsWith("m:") ? parse(target.substring(2)) : null;
			Long toScene = target.startsWith("s:") ? parse(target.substring(2)) : null;
			hotspots.add(new HallHotspot(form.yaw(), form.pitch(), form.title(), material, toScene));
			halls.setHotspots(caller, id, scene.id(), hotspots);
			redirect.addFlashAttribute("notice", "learning.hall.hotspotAdded");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("problem", problem.problems().get(0).messageKey());
			redirect.addFlashAttribute("problemArgs", problem.problems().get(0).args());
			redirect.addFlashAttribute("hotspot", form);
		}
		return "redirect:/learning/halls/" + id + "/manage";
	}

	private static Long parse(String id) {
		try {
			return Long.valueOf(id);
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	@PostMapping("/learning/halls/{id}/scenes/{sceneId}/clear")
	String clearHotspots(@PathVariable long id, @PathVariable long sceneId, RedirectAttributes redirect) {
		halls.setHotspots(Caller.require(), id, sceneId, List.of());
		redirect.addFlashAttribute("notice", "learning.hall.hotspotsCleared");
		return "redirect:/learning/halls/" + id + "/manage";
	}

	@PostMapping("/learning/halls/{id}/withdraw")
	String withdraw(@PathVariable long id, RedirectAttributes redirect) {
		halls.withdraw(Caller.require(), id);
		redirect.addFlashAttribute("notice", "learning.hall.withdrawn");
		return "redirect:/learning/halls";
	}

	/** The viewer: drag (or turn the phone) to look around, arrows to move, hotspots to study. */
	@GetMapping("/learning/halls/{id}")
	String viewer(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		Halls.HallView hall = halls.find(caller, id);
		model.addAttribute("hall", hall);
		model.addAttribute("first", hall.scenes().isEmpty() ? null : hall.scenes().get(0));
		model.addAttribute("visit", hall.withdrawn() ? null : visits.visit(caller, id));
		model.addAttribute("manages", halls.manages(caller, id));
		model.addAttribute("heartbeatSeconds", rules.heartbeatSeconds());
		model.addAttribute("minMinutes", Math.max(1, (rules.hallVisit().minSeconds() + 59) / 60));
		return "learning/hall";
	}

	@GetMapping("/study/halls")
	String study(Model model) {
		model.addAttribute("halls", halls.list(Caller.require(), false, null));
		return "learning/study-halls";
	}
}
