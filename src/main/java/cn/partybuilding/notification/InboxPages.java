package cn.partybuilding.notification;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/** 我的通知 as a page and as JSON. */
@Controller
class InboxPages {

	private final Inbox inbox;

	InboxPages(Inbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/me/notifications")
	String page(Model model) {
		model.addAttribute("notices", inbox.of(Caller.require(), 100));
		return "notification/inbox";
	}

	/** Opening a notice marks it read and follows its link. */
	@PostMapping("/me/notifications/{id}")
	String open(@PathVariable long id) {
		return "redirect:" + inbox.open(Caller.require(), id).orElseThrow(() -> new OutOfScopeException("notification", id));
	}
}
