package cn.partybuilding.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;

/** The signed-in home page: the person's roles, where they act, and what is due in their organisations. */
@Controller
class HomePage {

	private final AccountManagement accounts;

	private final OrganizationTree tree;

	private final MessageSource messages;

	HomePage(AccountManagement accounts, OrganizationTree tree, MessageSource messages) {
		this.accounts = accounts;
		this.tree = tree;
		this.messages = messages;
	}

	/** What needs doing, text ready to show. */
	record Reminder(long organizationId, String organizationName, String text) {
	}

	@GetMapping("/")
	String home(Model model, Locale locale) {
		Caller caller = Caller.require();
		model.addAttribute("grants", accounts.me(caller).grants());
		model.addAttribute("reminders", tree.reminders(caller).stream()
			.map(r -> new Reminder(r.organizationId(), r.organizationName(), r.warning().text(messages, locale)))
			.toList());
		return "home";
	}
}
