package cn.partybuilding.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.organization.OrganizationReminder;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * The signed-in home page: the person's roles, where they act, and what is due in their organisations; for a person
 * who is only a member (or applicant), the phone home with each module's cards.
 */
@Controller
class HomePage {

	/** 换届 reminders listed on the page; the others are counted. */
	static final int REMINDERS_SHOWN = 50;

	private final AccountManagement accounts;

	private final OrganizationTree tree;

	private final List<ToDoList> toDoLists;

	private final MessageSource messages;

	private final MemberCards cards;

	/** One read-only transaction for the page's own reads (the modules' 待办 and cards, the roles, the reminders). */
	private final TransactionTemplate reading;

	HomePage(AccountManagement accounts, OrganizationTree tree, List<ToDoList> toDoLists, MessageSource messages,
			MemberCards cards, PlatformTransactionManager transactions) {
		this.cards = cards;
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.accounts = accounts;
		this.tree = tree;
		this.toDoLists = toDoLists;
		this.messages = messages;
	}

	/** A module's 待办, text ready to show. */
	record Task(String organizationName, String text, String href) {
	}

	/** What needs doing, text ready to show. */
	record Reminder(long organizationId, String organizationName, String text) {
	}

	@GetMapping("/")
	String home(Model model, Locale locale) {
		Caller caller = Caller.require();
		boolean onlyMember = MemberCards.onlyMember(caller);
		// ~15 modules' 待办 each in a transaction of its own paid a commit and a connection each: one for them all
		reading.executeWithoutResult(status -> {
			// a member's 待办 too (a 培养联系人's thought reports to read)
			model.addAttribute("tasks", toDoLists.stream()
				.flatMap(list -> list.dueFor(caller).stream())
				.sorted(Comparator.comparingInt(ToDo::order))
				.map(t -> new Task(t.organizationName(),
						messages.getMessage(t.messageKey(), t.args().toArray(), locale), t.href()))
				.toList());
			if (onlyMember) {
				// a member's phone home: this week's study, meetings, dues, notices, points (each module's cards)
				model.addAttribute("cards", cards.cards(caller, locale, false));
				return;
			}
			model.addAttribute("grants", accounts.me(caller).grants());
			List<OrganizationReminder> reminders = tree.reminders(caller);
			// soonest first; a province may have thousands due: the page lists the first ones and says how many more
			model.addAttribute("reminders", reminders.stream()
				.limit(REMINDERS_SHOWN)
				.map(r -> new Reminder(r.organizationId(), r.organizationName(), r.warning().text(messages, locale)))
				.toList());
			model.addAttribute("moreReminders", Math.max(0, reminders.size() - REMINDERS_SHOWN));
		});
		return onlyMember ? "home-member" : "home";
	}
}
