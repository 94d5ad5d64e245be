package cn.partybuilding.member;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/** 党员信息库 pages: the scoped list with filters, a member's page, and the member's own 我的信息. */
@Controller
class MemberPages {

	private final MemberRegistry registry;

	private final MemberDirectory directory;

	private final OrganizationTree tree;

	private final MessageSource messages;

	MemberPages(MemberRegistry registry, MemberDirectory directory, OrganizationTree tree, MessageSource messages) {
		this.registry = registry;
		this.directory = directory;
		this.tree = tree;
		this.messages = messages;
	}

	@GetMapping("/members")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) Category category, @RequestParam(required = false) MemberStatus status,
			@RequestParam(required = false) Gender gender, @RequestParam(required = false) Education education,
			@RequestParam(required = false) Integer joinYear, @RequestParam(required = false) Integer graduationYear,
			@RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = Caller.require();
		Page<MemberView> result = registry.list(caller,
				new MemberRegistry.Filter(q, orgId, category, status, gender, education, joinYear, graduationYear, sort), page, 20);
		model.addAttribute("result", result);
		model.addAttribute("q", q);
		model.addAttribute("orgId", orgId);
		model.addAttribute("category", category);
		model.addAttribute("status", status);
		model.addAttribute("gender", gender);
		model.addAttribute("education", education);
		model.addAttribute("joinYear", joinYear);
		model.addAttribute("graduationYear", graduationYear);
		model.addAttribute("sort", sort);
		model.addAttribute("genders", Gender.values());
		model.addAttribute("educations", Education.values());
		model.addAttribute("organizations", TreeNode.flattenWithPaths(tree.visibleTree(caller)));
		model.addAttribute("categories", Category.values());
		model.addAttribute("statuses", MemberStatus.values());
		model.addAttribute("mayImport", MemberImports.mayImport(Caller.require()));
		return "member/list";
	}

	@GetMapping("/members/new")
	String newMember(Model model) {
		return form(model, Map.of(), Map.of());
	}

	/** Registers a member from the form; the form comes back filled, with every mistake beside its field. */
	@PostMapping("/members")
	String register(@RequestParam Map<String, String> params, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			RegisteredMember registered = registry.register(Caller.require(), formOf(params));
			redirect.addFlashAttribute("oneTimePassword", registered.initialPassword());
			redirect.addFlashAttribute("username", registered.username());
			return "redirect:/members/" + registered.id();
		}
		catch (FieldProblem problem) {
			Map<String, String> values = new HashMap<>(params);
			values.remove("_csrf");
			return form(model, values, problem.messages(messages, locale));
		}
	}

	/**
	 * The correction form, filled with the profile (the full ID-card number and phone are not shown: they
	 * are kept unless new ones are typed, and typing them is not a reveal).
	 */
	@GetMapping("/members/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		MemberView m = registry.find(Caller.require(), id);
		Map<String, String> values = new HashMap<>();
		values.put("name", m.name());
		values.put("gender", m.gender().name());
		values.put("ethnicity", m.ethnicity());
		values.put("birthDate", ""); // taken from the ID-card number unless typed: the full date is not shown
		values.put("nativePlace", m.nativePlace() == null ? "" : m.nativePlace());
		values.put("education", m.education().name());
		values.put("category", m.category().name());
		values.put("staffNumber", m.staffNumber());
		values.put("organizationId", Long.toString(m.organizationId()));
		values.put("status", m.status().name());
		values.put("joinDate", String.valueOf(m.joinDate()));
		values.put("conversionDate", m.conversionDate() == null ? "" : m.conversionDate().toString());
		values.put("graduationYear", m.graduationYear() == null ? "" : m.graduationYear().toString());
		values.put("version", Long.toString(m.version()));
		model.addAttribute("editing", m);
		return form(model, values, Map.of());
	}

	@PostMapping("/members/{id}")
	String correct(@PathVariable long id, @RequestParam Map<String, String> params, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			registry.correctKeepingSecrets(Caller.require(), id, number(params, "version", Long::valueOf), formOf(params));
			redirect.addFlashAttribute("notice", "notice.member.saved");
			return "redirect:/members/" + id;
		}
		catch (FieldProblem problem) {
			Map<String, String> values = new HashMap<>(params);
			values.remove("_csrf");
			model.addAttribute("editing", registry.find(Caller.require(), id));
			return form(model, values, problem.messages(messages, locale));
		}
		catch (ObjectOptimisticLockingFailureException conflict) {
			Map<String, String> values = new HashMap<>(params);
			values.remove("_csrf");
			model.addAttribute("editing", registry.find(Caller.require(), id));
			model.addAttribute("conflict", true);
			return form(model, values, Map.of());
		}
	}

	private static MemberForm formOf(Map<String, String> params) {
		return new MemberForm(params.get("name"), enumOf(Gender.class, params.get("gender")),
				params.get("ethnicity"), date(params, "birthDate"), params.get("idCard"), params.get("nativePlace"),
				enumOf(Education.class, params.get("education")), enumOf(Category.class, params.get("category")),
				params.get("staffNumber"), params.get("phone"), number(params, "organizationId", Long::valueOf),
				enumOf(MemberStatus.class, params.get("status")), date(params, "joinDate"),
				date(params, "conversionDate"), number(params, "graduationYear", Integer::valueOf));
	}

	private String form(Model model, Map<String, String> values, Map<String, String> errors) {
		Caller caller = Caller.require();
		model.addAttribute("form", values);
		model.addAttribute("errors", errors);
		model.addAttribute("organizations", TreeNode.flattenWithPaths(tree.visibleTree(caller)).stream()
			.filter(o -> o.type() == OrgType.BRANCH || o.type() == OrgType.GROUP)
			.toList());
		model.addAttribute("genders", Gender.values());
		model.addAttribute("categories", Category.values());
		model.addAttribute("educations", Education.values());
		model.addAttribute("statuses", MemberStatus.values());
		return "member/form";
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
		try {
			return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static LocalDate date(Map<String, String> params, String field) {
		String text = params.get(field);
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new FieldProblem(field, "form.date.invalid");
		}
	}

	private static <N> N number(Map<String, String> params, String field, Function<String, N> parse) {
		String text = params.get(field);
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return parse.apply(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new FieldProblem(field, "error.fieldFormat");
		}
	}

	@GetMapping("/members/{id}")
	String show(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		MemberView member = registry.find(caller, id);
		model.addAttribute("member", member);
		model.addAttribute("mayReveal", directory.mayReveal(caller, member.organizationId()));
		return "member/detail";
	}

	/** Shows the full values on this one answer only; the reveal is in the audit log. */
	@PostMapping("/members/{id}/reveal")
	String reveal(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("revealed", registry.reveal(caller, id));
		return show(id, model);
	}

	@GetMapping("/me")
	String mine(Model model) {
		model.addAttribute("member", registry.mine(Caller.require()));
		model.addAttribute("mayReveal", false);
		model.addAttribute("own", true);
		return "member/detail";
	}

}
