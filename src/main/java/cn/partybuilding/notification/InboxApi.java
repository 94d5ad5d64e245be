package cn.partybuilding.notification;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/** 我的通知 as JSON: the newest hundred, and marking one read. */
@RestController
class InboxApi {

	private final Inbox inbox;

	InboxApi(Inbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/api/v1/me/notifications")
	List<Inbox.Notice> list() {
		return inbox.of(Caller.require(), 100);
	}

	@PostMapping("/api/v1/me/notifications/{id}/read")
	ResponseEntity<Void> read(@PathVariable long id) {
		inbox.open(Caller.require(), id).orElseThrow(() -> new OutOfScopeException("notification", id));
		return ResponseEntity.noContent().build();
	}
}
