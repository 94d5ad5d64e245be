package cn.partybuilding.member;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/** 党员信息库 pages: the scoped list with filters, a member's page, and the member's own 我的信息. */
@Controller
class MemberPages {

	private final MemberRegistry registry;

	private final MemberDirectory directory;

	private final OrganizationTree tree;

	private final List<ProfileNotes> profileNotes;

	private final MessageSource messages;

	MemberPages(MemberRegistry registry, MemberDirectory directory, OrganizationTree tree, List<ProfileNotes> profileNotes,
			MessageSource messages) {
		this.profileNotes = profileNotes;
		this.messages = messages;
		this.registry = registry;
		this.directory = directory;
		this.tree = tree;
	}

	@GetMapping("/members")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Category category, @RequestParam(required = false) MemberStatus status,
			@RequestParam(required = false) Gender gender, @RequestParam(required = false) Education education,
			@RequestParam(required = false) Integer joinYear, @RequestParam(required = false) Integer graduationYear,
			@RequestParam(required = false) Integer partyYearsMin, @RequestParam(required = false) Integer partyYearsMax,
			@RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(required = false) @Size(max = 400) String after, Model model, Locale locale,
			HttpServletRequest request) {
		Caller caller = Caller.require();
		MemberRegistry.Listed listed = registry.list(caller,
				new MemberRegistry.Filter(q, orgId, category, status, gender, education, joinYear, graduationYear, sort,
						partyYearsMin, partyYearsMax), page, 20, after);
		model.addAttribute("result", listed.page());
		model.addAttribute("rows", new MemberRows(messages, locale).html(listed.page().getContent(), request.getContextPath()));
		// the filters kept in the sorting, export and paging links: written once, not by five link expressions of eleven
		StringBuilder filters = new StringBuilder();
		keep(filters, "q", q);
		keep(filters, "orgId", orgId);
		keep(filters, "category", category);
		keep(filters, "status", status);
		keep(filters, "gender", gender);
		keep(filters, "education", education);
		keep(filters, "joinYear", joinYear);
		keep(filters, "graduationYear", graduationYear);
		keep(filters, "partyYearsMin", partyYearsMin);
		keep(filters, "partyYearsMax", partyYearsMax);
		String list = request.getContextPath() + "/members";
		Map<String, String> links = new HashMap<>();
		for (String key : List.of("name", "staffNumber", "joinDate")) {
			links.put(key, link(list, keep(new StringBuilder(filters), "sort", key.equals(sort) ? "-" + key : key)));
		}
		links.put("export", link(request.getContextPath() + "/api/v1/members/export", filters));
		links.put("first", link(list, keep(new StringBuilder(filters), "sort", sort)));
		links.put("after", link(list, keep(keep(new StringBuilder(filters), "sort", sort), "after", listed.next())));
		model.addAttribute("links", links);
		model.addAttribute("totalExact", listed.totalExact());
		model.addAttribute("next", listed.next());
		model.addAttribute("after", after);
		model.addAttribute("q", q);
		model.addAttribute("orgId", orgId);
		model.addAttribute("category", category);
		model.addAttribute("status", status);
		model.addAttribute("gender", gender);
		model.addAttribute("education", education);
		model.addAttribute("joinYear", joinYear);
		model.addAttribute("graduationYear", graduationYear);
		model.addAttribute("partyYearsMin", partyYearsMin);
		model.addAttribute("partyYearsMax", partyYearsMax);
		model.addAttribute("sort", sort);
		model.addAttribute("genders", Gender.values());
		model.addAttribute("educations", Education.values());
		model.addAttribute("organizations", tree.chooser(caller, orgId));
		model.addAttribute("categories", Category.values());
		model.addAttribute("statuses", MemberStatus.values());
		model.addAttribute("mayImport", MemberImports.mayImport(Caller.require()));
		return "member/list";
	}

	/**
	 * Adds a filter that has a value, its every reserved character encoded (a searched "C++" stays pluses, "{x}" text);
	 * an empty one is left out of the link.
	 */
	private static StringBuilder keep(StringBuilder query, String name, Object value) {
		return value == null || value.toString().isEmpty() ? query
				: query.append('&').append(name).append('=').append(UriUtils.encode(value.toString(), StandardCharsets.UTF_8));
	}

	private static String link(String path, StringBuilder query) {
		return query.isEmpty() ? path : path + "?" + query.substring(1);
	}

	/** A form with nothing typed yet. */
	private static final MemberForm BLANK = new MemberForm(null, null, null, null, null, null, null, null, null, null,
			null, null, null, null, null);

	@GetMapping("/members/new")
	String newMember(Model model) {
		model.addAttribute("form", BLANK);
		return form(model);
	}

	/** Registers a member from the form; the form comes back filled, with every mistake beside its field. */
	@PostMapping("/members")
	String register(@Valid @ModelAttribute("form") MemberForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				RegisteredMember registered = registry.register(Caller.require(), form);
				redirect.addFlashAttribute("oneTimePassword", registered.initialPassword());
				redirect.addFlashAttribute("username", registered.username());
				return "redirect:/members/" + registered.id();
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return form(model);
	}

	/**
	 * The correction form, filled with the profile (the full ID-card number and phone are not shown: they
	 * are kept unless new ones are typed, and typing them is not a reveal; the birth date is taken from the
	 * ID-card number unless typed, as the full date is not shown either).
	 */
	@GetMapping("/members/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		MemberView m = registry.find(Caller.require(), id);
		model.addAttribute("editing", m);
		model.addAttribute("version", m.version());
		model.addAttribute("form", new MemberForm(m.name(), m.gender(), m.ethnicity(), null, null, m.nativePlace(),
				m.education(), m.category(), m.staffNumber(), null, m.organizationId(), m.status(), m.joinDate(),
				m.conversionDate(), m.graduationYear(), m.historicalRecord()));
		return form(model);
	}

	@PostMapping("/members/{id}")
	String correct(@PathVariable long id, @Valid @ModelAttribute("form") MemberForm form, BindingResult binding,
			@RequestParam(required = false) Long version, Model model, RedirectAttributes redirect) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				registry.correctKeepingSecrets(caller, id, version, form);
				redirect.addFlashAttribute("notice", "notice.member.saved");
				return "redirect:/members/" + id;
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
			catch (ObjectOptimisticLockingFailureException conflict) {
				model.addAttribute("conflict", true);
			}
		}
		MemberView editing = registry.find(caller, id);
		model.addAttribute("editing", editing);
		// after a conflict the editor continues from the version now stored
		model.addAttribute("version", model.containsAttribute("conflict") ? editing.version() : version);
		return form(model);
	}

	/**
	 * The form page around the form in the model: a handler that bound it leaves it there with its
	 * BindingResult (adding it again would drop the errors).
	 */
	private String form(Model model) {
		Caller caller = Caller.require();
		model.addAttribute("organizations", tree.chooser(caller,
				model.getAttribute("form") instanceof MemberForm f ? f.organizationId() : null,
				EnumSet.of(OrgType.BRANCH, OrgType.GROUP)));
		model.addAttribute("genders", Gender.values());
		model.addAttribute("categories", Category.values());
		model.addAttribute("educations", Education.values());
		model.addAttribute("statuses", MemberStatus.values());
		return "member/form";
	}

	@GetMapping("/members/{id}")
	String show(@PathVariable long id, Model model, java.util.Locale locale) {
		Caller caller = Caller.require();
		MemberView member = registry.find(caller, id);
		model.addAttribute("member", member);
		model.addAttribute("profileNotes", notes(member.id(), locale));
		model.addAttribute("mayReveal", directory.mayReveal(caller, member.organizationId()));
		return "member/detail";
	}

	/**
	 * Shows the full values on this one answer only, for the reason typed (required; without it the page comes
	 * back with the field's error); the reveal is in the audit log and in the member's 谁查看了我的数据.
	 */
	@PostMapping("/members/{id}/reveal")
	String reveal(@PathVariable long id, @RequestParam(required = false) @Size(max = 200) String reason, Model model,
			java.util.Locale locale) {
		Caller caller = Caller.require();
		try {
			model.addAttribute("revealed", registry.reveal(caller, id, reason));
		}
		catch (FieldProblem problem) {
			model.addAttribute("revealError", problem.problems().get(0).messageKey());
			model.addAttribute("revealReason", reason);
		}
		return show(id, model, locale);
	}

	@GetMapping("/me/profile")
	String mine(Model model, java.util.Locale locale) {
		MemberView member = registry.mine(Caller.require());
		model.addAttribute("member", member);
		model.addAttribute("profileNotes", notes(member.id(), locale));
		model.addAttribute("mayReveal", false);
		model.addAttribute("own", true);
		return "member/detail";
	}

	/** What other modules add to the profile (training hours …), in the reader's language. */
	private List<String> notes(long memberId, java.util.Locale locale) {
		return profileNotes.stream().flatMap(n -> n.notesFor(memberId, locale).stream()).toList();
	}
}
