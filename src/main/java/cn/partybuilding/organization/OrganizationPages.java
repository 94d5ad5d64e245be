package cn.partybuilding.organization;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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

	OrganizationPages(OrganizationTree tree, MessageSource messages) {
		this.tree = tree;
		this.messages = messages;
	}

	@GetMapping
	String index(Model model) {
		List<TreeNode> forest = tree.visibleTree(Caller.require());
		if (forest.isEmpty()) {
			model.addAttribute("forest", forest);
			return "organization/tree";
		}
		return "redirect:/organizations/" + forest.get(0).id();
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestHeader(value = "HX-Request", required = false) String htmx,
			Model model, Locale locale) {
		return render(id, htmx, model, locale, null, Map.of(), Map.of());
	}

	@PostMapping
	String create(@RequestParam Long parentId, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String name, @RequestParam(required = false) OrgType type,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		Map<String, String> form = Map.of("code", code, "name", name, "type", type == null ? "" : type.name());
		return attempt(parentId, "create", form, htmx, model, locale, response,
				() -> tree.create(Caller.require(), new NewOrganization(parentId, code, name, type)).id());
	}

	@PostMapping("/{id}/rename")
	String rename(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "rename", Map.of("name", name), htmx, model, locale, response,
				() -> tree.rename(Caller.require(), id, name).id());
	}

	@PostMapping("/{id}/move")
	String move(@PathVariable long id, @RequestParam(required = false) Long parentId,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "move", Map.of("parentId", parentId == null ? "" : parentId.toString()), htmx, model,
				locale, response, () -> {
					if (parentId == null) {
						throw new FieldProblem("parentId", "org.parent.required");
					}
					return tree.move(Caller.require(), id, parentId).id();
				});
	}

	@PostMapping("/{id}/shift")
	String shift(@PathVariable long id, @RequestParam int direction,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "shift", Map.of(), htmx, model, locale, response,
				() -> tree.shift(Caller.require(), id, direction).id());
	}

	@PostMapping("/{id}/dissolve")
	String dissolve(@PathVariable long id, @RequestHeader(value = "HX-Request", required = false) String htmx,
			Model model, Locale locale, HttpServletResponse response) {
		Long parentId = tree.details(Caller.require(), id).organization().parentId();
		return attempt(id, "dissolve", Map.of(), htmx, model, locale, response, () -> {
			tree.dissolve(Caller.require(), id);
			return parentId;
		});
	}

	@PostMapping("/{id}/committee")
	String appoint(@PathVariable long id, @RequestParam(required = false) Position position,
			@RequestParam(defaultValue = "") String holderName, @RequestParam(defaultValue = "") String termStart,
			@RequestParam(defaultValue = "") String termEnd, @RequestParam(defaultValue = "false") boolean dualLeader,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		Map<String, String> form = new HashMap<>();
		form.put("position", position == null ? "" : position.name());
		form.put("holderName", holderName);
		form.put("termStart", termStart);
		form.put("termEnd", termEnd);
		form.put("dualLeader", Boolean.toString(dualLeader));
		return attempt(id, "committee", form, htmx, model, locale, response, () -> {
			tree.appoint(Caller.require(), id, new NewSeat(position, holderName,
					date("termStart", termStart), date("termEnd", termEnd), dualLeader));
			return id;
		});
	}

	@PostMapping("/{id}/committee/{seatId}/delete")
	String vacate(@PathVariable long id, @PathVariable long seatId,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model, Locale locale,
			HttpServletResponse response) {
		return attempt(id, "committee", Map.of(), htmx, model, locale, response, () -> {
			tree.vacate(Caller.require(), id, seatId);
			return id;
		});
	}

	private static LocalDate date(String field, String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new FieldProblem(field, "form.date.invalid");
		}
	}

	/**
	 * Runs a change; on success sends the browser to the resulting organisation (a full reload, so the
	 * tree shows the change), on a rule violation shows the same form again, filled, with the messages.
	 */
	private String attempt(long id, String formName, Map<String, String> form, String htmx, Model model,
			Locale locale, HttpServletResponse response, Supplier<Long> change) {
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
			return render(id, htmx, model, locale, formName, form, problem.messages(messages, locale));
		}
	}

	private String render(long id, String htmx, Model model, Locale locale, String activeForm,
			Map<String, String> form, Map<String, String> errors) {
		Caller caller = Caller.require();
		OrganizationTree.Details details = tree.details(caller, id);
		model.addAttribute("details", details);
		model.addAttribute("warnings", details.warnings().stream().map(w -> w.text(messages, locale)).toList());
		model.addAttribute("activeForm", activeForm);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("types", OrgType.values());
		model.addAttribute("positions", Position.values());
		List<TreeNode> forest = tree.visibleTree(caller);
		model.addAttribute("forest", forest);
		model.addAttribute("options", TreeNode.flatten(forest));
		model.addAttribute("selectedId", id);
		if (htmx != null) {
			return "organization/tree :: details";
		}
		return "organization/tree";
	}
}
