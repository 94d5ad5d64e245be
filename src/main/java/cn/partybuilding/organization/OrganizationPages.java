package cn.partybuilding.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * The organisation tree page: the tree beside the selected node's details, with create / rename /
 * move / committee forms. Works with htmx (fragments) and without it (full pages, redirects).
 */
@Controller
@RequestMapping("/organizations")
class OrganizationPages {

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final List<SecretaryNotes> secretaryNotes;

	OrganizationPages(OrganizationTree tree, MessageSource messages, List<SecretaryNotes> secretaryNotes) {
		this.tree = tree;
		this.messages = messages;
		this.secretaryNotes = secretaryNotes;
	}

	@GetMapping
	String index(Model model) {
		return tree.firstTop(Caller.require()).map(id -> "redirect:/organizations/" + id).orElseGet(() -> {
			model.addAttribute("forest", List.of());
			return "organization/tree";
		});
	}

	/** The rename form: the new name. */
	record Renaming(@Size(max = 100) String name) {
	}

	/** The move form: the new parent. */
	record Moving(Long parentId) {
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestHeader(value = "HX-Request", required = false) String htmx,
			Model model, Locale locale) {
		return render(id, htmx, model, locale, null);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("newOrganization") NewOrganization form, BindingResult binding,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		long at = form.parentId() == null ? 0 : form.parentId();
		return attempt(at, "create", binding, htmx, model, locale, response,
				() -> tree.create(Caller.require(), form).id());
	}

	@PostMapping("/{id}/rename")
	String rename(@PathVariable long id, @Valid @ModelAttribute("renaming") Renaming form, BindingResult binding,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "rename", binding, htmx, model, locale, response,
				() -> tree.rename(Caller.require(), id, form.name() == null ? "" : form.name()).id());
	}

	@PostMapping("/{id}/move")
	String move(@PathVariable long id, @ModelAttribute("moving") Moving form, BindingResult binding,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "move", binding, htmx, model, locale, response, () -> {
			if (form.parentId() == null) {
				throw new FieldProblem("parentId", "org.parent.required");
			}
			return tree.move(Caller.require(), id, form.parentId()).id();
		});
	}

	@PostMapping("/{id}/shift")
	String shift(@PathVariable long id, @RequestParam int direction,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "shift", null, htmx, model, locale, response,
				() -> tree.shift(Caller.require(), id, direction).id());
	}

	@PostMapping("/{id}/dissolve")
	String dissolve(@PathVariable long id, @RequestHeader(value = "HX-Request", required = false) String htmx,
			Model model, Locale locale, HttpServletResponse response) {
		Long parentId = tree.details(Caller.require(), id).organization().parentId();
		return attempt(id, "dissolve", null, htmx, model, locale, response, () -> {
			tree.dissolve(Caller.require(), id);
			return parentId;
		});
	}

	@PostMapping("/{id}/committee")
	String appoint(@PathVariable long id, @Valid @ModelAttribute("newSeat") NewSeat form, BindingResult binding,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "committee", binding, htmx, model, locale, response, () -> {
			tree.appoint(Caller.require(), id, form);
			return id;
		});
	}

	@PostMapping("/{id}/committee/{seatId}/delete")
	String vacate(@PathVariable long id, @PathVariable long seatId,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "committee", null, htmx, model, locale, response, () -> {
			tree.vacate(Caller.require(), id, seatId);
			return id;
		});
	}

	/**
	 * Runs a change unless the form could not even be read; on success sends the browser to the resulting
	 * organisation (a full reload, so the tree shows the change), on a rule violation shows the same form
	 * again, filled, with the messages beside its fields. Buttons without a form ({@code binding} null: move
	 * up, dissolve, remove a seat) show their problem above the page.
	 */
	private String attempt(long id, String formName, BindingResult binding, String htmx, Model model,
			Locale locale, HttpServletResponse response, Supplier<Long> change) {
		if (binding == null || !binding.hasErrors()) {
			try {
				Long target = change.get();
				String url = "/organizations" + (target == null ? "" : "/" + target);
				HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
				RequestContextUtils.getOutputFlashMap(request).put("notice", "notice.org." + formName);
				if (htmx != null) {
					// htmx follows with a full page load: the notice travels in the flash map, like after a redirect
					RequestContextUtils.saveOutputFlashMap(url, request, response);
					response.setHeader("HX-Redirect", url);
					return "organization/tree :: empty";
				}
				return "redirect:" + url;
			}
			catch (FieldProblem problem) {
				if (binding == null) {
					model.addAttribute("problems", problem.messages(messages, locale).values());
				}
				else {
					problem.rejectInto(binding);
				}
			}
		}
		return render(id, htmx, model, locale, formName);
	}

	/**
	 * The page; each of its forms finds its record in the model — the one just posted, with its errors, or
	 * a fresh one.
	 */
	private String render(long id, String htmx, Model model, Locale locale, String activeForm) {
		Caller caller = Caller.require();
		OrganizationTree.Details details = tree.details(caller, id);
		model.addAttribute("details", details);
		model.addAttribute("warnings", details.warnings().stream().map(w -> w.text(messages, locale)).toList());
		model.addAttribute("secretaryNotes", details.committee().stream()
			.filter(s -> s.position() == Position.SECRETARY && s.status() == OrganizationTree.SeatStatus.CURRENT)
			.findFirst()
			.map(s -> secretaryNotes.stream().map(n -> n.noteFor(id, s.holderName(), locale)).flatMap(java.util.Optional::stream).toList())
			.orElse(List.of()));
		model.addAttribute("activeForm", activeForm);
		blank(model, "newOrganization", new NewOrganization(id, null, null, null));
		blank(model, "renaming", new Renaming(details.organization().name()));
		blank(model, "moving", new Moving(details.organization().parentId()));
		blank(model, "newSeat", new NewSeat(null, null, null, null, null));
		model.addAttribute("types", OrgType.values());
		model.addAttribute("positions", Position.values());
		if (tree.large(caller)) {
			// a province's 24 000: the way down to this organisation, each step's children; the rest one click away
			Set<Long> closed = new HashSet<>();
			model.addAttribute("forest", tree.wayDown(caller, id, closed));
			model.addAttribute("closed", closed);
			model.addAttribute("lazy", true);
			OrgType type = details.organization().type();
			model.addAttribute("options", tree.chooser(caller, details.organization().parentId(),
					EnumSet.copyOf(Arrays.stream(OrgType.values()).filter(type::mayHangUnder).toList())));
		}
		else {
			List<TreeNode> forest = tree.visibleTree(caller);
			model.addAttribute("forest", forest);
			model.addAttribute("closed", Set.of());
			model.addAttribute("lazy", false);
			model.addAttribute("options", TreeNode.flatten(forest));
		}
		model.addAttribute("selectedId", id);
		if (htmx != null) {
			return "organization/tree :: details";
		}
		return "organization/tree";
	}

	private static void blank(Model model, String name, Object form) {
		if (!model.containsAttribute(name)) {
			model.addAttribute(name, form);
		}
	}
}
