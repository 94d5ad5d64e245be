package cn.partybuilding.account;

import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Role;

/** Sign-in page, own password, and account administration for the 安全管理员 / 系统管理员. */
@Controller
class AccountPages {

	private final AccountManagement management;

	private final OrganizationTree tree;

	private final PasswordPolicy policy;

	private final MessageSource messages;

	/** What the security administrator can grant here (the security administrator role is set up at installation). */
	private static final List<Role> GRANTABLE = Arrays.stream(Role.values())
		.filter(r -> r != Role.SECURITY_ADMIN)
		.toList();

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final AccountSessions sessions;

	private final SecuritySettings.Lockout lockout;

	private final SecondFactors secondFactors;

	private final SecondFactorResets resets;

	AccountPages(AccountManagement management, OrganizationTree tree, PasswordPolicy policy, MessageSource messages,
			AccountSessions sessions, SecuritySettings settings, SecondFactors secondFactors, SecondFactorResets resets) {
		this.resets = resets;
		this.secondFactors = secondFactors;
		this.sessions = sessions;
		this.lockout = settings.lockout();
		this.management = management;
		this.tree = tree;
		this.policy = policy;
		this.messages = messages;
	}

	@GetMapping("/login")
	String login(Authentication auth, Model model) {
		if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof AccountPrincipal) {
			return "redirect:/";
		}
		model.addAttribute("maxFailures", lockout.maxFailures());
		model.addAttribute("lockMinutes", lockout.duration().toMinutes());
		model.addAttribute("secondFactorWaived", secondFactors.demoWaived());
		return "account/login";
	}

	/** The own-password form (the passwords are never shown again, even after a mistake). */
	record PasswordChange(String currentPassword, String newPassword, String confirmPassword) {
	}

	/** The grant form on an account's page: a role at an organisation. */
	record Granting(Role role, Long organizationId) {
	}

	@GetMapping("/account/password")
	String passwordForm(Model model) {
		model.addAttribute("passwordChange", new PasswordChange(null, null, null));
		return passwordPage(model);
	}

	@PostMapping("/account/password")
	String changePassword(@ModelAttribute("passwordChange") PasswordChange form, BindingResult binding, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			if (form.currentPassword() == null || form.currentPassword().isEmpty()) {
				throw new FieldProblem("currentPassword", "password.currentRequired");
			}
			management.changeOwnPassword(Caller.require(), form.currentPassword(), orEmpty(form.newPassword()),
					orEmpty(form.confirmPassword()));
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return passwordPage(model);
		}
		// other sessions of this person (another browser, a lost phone) end; this one goes on
		sessions.endAllOf(Caller.require().username(), request.getSession().getId());
		// the session's principal no longer needs the forced change
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth.getPrincipal() instanceof AccountPrincipal principal) {
			AccountPrincipal updated = principal.withPasswordChanged();
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(updated, null, updated.getAuthorities()));
			SecurityContextHolder.setContext(context);
			contexts.saveContext(context, request, response);
		}
		redirect.addFlashAttribute("notice", "password.changed");
		return "redirect:/";
	}

	private static String orEmpty(String text) {
		return text == null ? "" : text;
	}

	private String passwordPage(Model model) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		model.addAttribute("mustChange", auth.getPrincipal() instanceof AccountPrincipal p && p.mustChangePassword());
		model.addAttribute("minLength", policy.minLength());
		model.addAttribute("minClasses", policy.minClasses());
		return "account/password";
	}

	@GetMapping("/accounts")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("newAccount", new NewAccount(null, null, null, null, null));
		return listPage(q, page, model);
	}

	private String listPage(String q, int page, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("accounts", management.list(caller, q, page, 20));
		model.addAttribute("q", q);
		model.addAttribute("canCreate", caller.has(Role.SECURITY_ADMIN));
		model.addAttribute("roles", GRANTABLE);
		model.addAttribute("organizations", tree.chooser(caller,
				model.getAttribute("newAccount") instanceof NewAccount a ? a.organizationId() : null, Role.SECURITY_ADMIN));
		return "account/list";
	}

	@PostMapping("/accounts")
	String create(@Valid @ModelAttribute("newAccount") NewAccount form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				CreatedAccount created = management.create(Caller.require(), new NewAccount(orEmpty(form.username()),
						orEmpty(form.displayName()), orEmpty(form.initialPassword()), form.role(), form.organizationId()));
				if (created.initialPassword() == null) {
					// 三员分立: the confirming administrator hands this account's password over, never the creator
					redirect.addFlashAttribute("notice", "notice.account.createdAwaitingConfirmation");
				}
				else {
					redirect.addFlashAttribute("oneTimePassword", created.initialPassword());
					redirect.addFlashAttribute("notice", "notice.account.created");
				}
				return "redirect:/accounts/" + created.id();
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		return listPage("", 0, model);
	}

	@GetMapping("/accounts/{id}")
	String show(@PathVariable long id, Model model) {
		return detail(id, model);
	}

	@PostMapping("/accounts/{id}/grants")
	String grant(@PathVariable long id, @ModelAttribute("granting") Granting form, BindingResult binding, Model model,
			Locale locale) {
		if (binding.hasErrors()) {
			return detail(id, model);
		}
		String page = attempt(id, model, locale, binding,
				() -> management.grant(Caller.require(), id, form.role(), form.organizationId()));
		if (page.startsWith("redirect:") && form.role() != null && Account.PERSONAL_DATA.contains(form.role())) {
			HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
			RequestContextUtils.getOutputFlashMap(request).put("notice", "notice.account.grantRequested");
		}
		return page;
	}

	@PostMapping("/accounts/{id}/grants/{grantId}/revoke")
	String revoke(@PathVariable long id, @PathVariable long grantId, Model model, Locale locale) {
		return attempt(id, model, locale, null, () -> management.revoke(Caller.require(), id, grantId));
	}

	@PostMapping("/accounts/{id}/unlock")
	String unlock(@PathVariable long id, Model model, Locale locale) {
		return attempt(id, model, locale, null, () -> management.unlock(Caller.require(), id));
	}

	@PostMapping("/accounts/{id}/enabled")
	String enabled(@PathVariable long id, @RequestParam boolean enabled, Model model, Locale locale) {
		return attempt(id, model, locale, null, () -> management.setEnabled(Caller.require(), id, enabled));
	}

	@PostMapping("/accounts/{id}/reset-password")
	String reset(@PathVariable long id, Model model, Locale locale, RedirectAttributes redirect) {
		String[] password = new String[1];
		String page = attempt(id, model, locale, null, () -> password[0] = management.resetPassword(Caller.require(), id));
		if (password[0] != null) {
			redirect.addFlashAttribute("oneTimePassword", password[0]);
		}
		else if (page.startsWith("redirect:")) {
			// an account reading personal data: its new password goes through the confirming administrator
			HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
			RequestContextUtils.getOutputFlashMap(request).put("notice", "notice.account.handoverRequested");
		}
		return page;
	}

	/** The security administrator asks for a reset of the account's second factor; a second person confirms it. */
	@PostMapping("/accounts/{id}/second-factor/reset")
	String resetSecondFactor(@PathVariable long id, @RequestParam(defaultValue = "") @Size(max = 200) String reason,
			Model model, Locale locale) {
		String page = attempt(id, model, locale, null, () -> resets.request(Caller.require(), id, reason));
		if (page.startsWith("redirect:")) {
			HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
			RequestContextUtils.getOutputFlashMap(request).put("notice", "secondFactor.reset.requested");
		}
		return page;
	}

	/**
	 * Runs a change and returns to the account; a refused change shows the account again with the reason
	 * above the page, and beside the grant form's fields when it came from that form.
	 */
	private String attempt(long id, Model model, Locale locale, BindingResult binding, Runnable change) {
		try {
			change.run();
			HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
			RequestContextUtils.getOutputFlashMap(request).put("notice", "notice.account.saved");
			return "redirect:/accounts/" + id;
		}
		catch (FieldProblem problem) {
			// every reason above the page (a grant can be refused for the account, not only a field)
			model.addAttribute("problems", problem.messages(messages, locale).values());
			if (binding != null) {
				problem.rejectInto(binding);
			}
			return detail(id, model);
		}
	}

	private String detail(long id, Model model) {
		Caller caller = Caller.require();
		AccountView account = management.find(caller, id);
		model.addAttribute("account", account);
		model.addAttribute("canGrant", caller.has(Role.SECURITY_ADMIN) && caller.accountId() != id
				&& !account.separatedAdministrator());
		model.addAttribute("roles", GRANTABLE);
		model.addAttribute("secondFactorEnrolled", secondFactors.enrolled(id));
		model.addAttribute("canResetFactor", caller.has(Role.SECURITY_ADMIN));
		model.addAttribute("organizations", tree.chooser(caller,
				model.getAttribute("granting") instanceof Granting g ? g.organizationId() : null, Role.SECURITY_ADMIN));
		if (!model.containsAttribute("granting")) {
			model.addAttribute("granting", new Granting(null, null));
		}
		return "account/detail";
	}
}
