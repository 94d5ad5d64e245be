package cn.partybuilding.account;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON: the caller's own sessions; ending one (someone else's id: 404) or all the others. */
@RestController
class MySessionsApi {

	private final MySessions sessions;

	MySessionsApi(MySessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/api/v1/me/sessions")
	List<MySessions.SessionView> list(HttpServletRequest request) {
		return sessions.of(Caller.require(), currentId(request));
	}

	@DeleteMapping("/api/v1/me/sessions/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void end(@PathVariable @Size(max = 64) String id, HttpServletRequest request) {
		sessions.end(Caller.require(), id, currentId(request));
	}

	@PostMapping("/api/v1/me/sessions/sign-out-others")
	Map<String, Integer> signOutOthers(HttpServletRequest request) {
		return Map.of("ended", sessions.endOthers(Caller.require(), currentId(request)));
	}

	static String currentId(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session == null ? null : session.getId();
	}
}
