package cn.partybuilding.record;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON for the chronicle: a member's (scoped like the member) and the caller's own. */
@RestController
class RecordApi {

	private final Chronicle chronicle;

	RecordApi(Chronicle chronicle) {
		this.chronicle = chronicle;
	}

	@GetMapping("/api/v1/members/{id}/record")
	List<Chronicle.Entry> ofMember(@PathVariable long id) {
		return chronicle.of(Caller.require(), id);
	}

	@GetMapping("/api/v1/me/record")
	List<Chronicle.Entry> mine() {
		return chronicle.mine(Caller.require());
	}
}
