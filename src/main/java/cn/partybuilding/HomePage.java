package cn.partybuilding;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;

/** The signed-in home page: the person's roles and where they act. */
@Controller
class HomePage {

	private final AccountManagement accounts;

	HomePage(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("grants", accounts.me(Caller.require()).grants());
		return "home";
	}
}
