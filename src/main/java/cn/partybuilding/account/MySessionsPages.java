package cn.partybuilding.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import cn.partybuilding.shared.Caller;

/** 我的会话: where the caller is signed in, the present session marked; sign out one or all the others. */
@Controller
class MySessionsPages {

	private final MySessions sessions;

	private final SignInHistory history;

	MySessionsPages(MySessions sessions, SignInHistory history) {
		this.sessions = sessions;
		this.history = history;
	}

	@GetMapping("/me/sessions")
	String page(Model model, HttpServletRequest request) {
		Caller caller = Caller.require();
		model.addAttribute("sessions", sessions.of(caller, MySessionsApi.currentId(request)));
		model.addAttribute("previous", history.previous(caller.accountId()).orElse(null));
		return "account/sessions";
	}

	@PostMapping("/me/sessions/{id}/end")
	String end(@PathVariable @Size(max = 64) String id, HttpServletRequest request) {
		sessions.end(Caller.require(), id, MySessionsApi.currentId(request));
		return "redirect:/me/sessions";
	}

	@PostMapping("/me/sessions/sign-out-others")
	String signOutOthers(HttpServletRequest request) {
		sessions.endOthers(Caller.require(), MySessionsApi.currentId(request));
		return "redirect:/me/sessions";
	}
}
