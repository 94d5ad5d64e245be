package cn.partybuilding.account;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON: the caller ({@code /api/v1/me}) and, for the account administrators, the accounts in their scope. */
@RestController
class AccountApi {

	private final AccountManagement management;

	AccountApi(AccountManagement management) {
		this.management = management;
	}

	record Me(String username, String displayName, boolean mustChangePassword, List<GrantView> grants) {
	}

	record AccountPage(List<AccountView> content, long totalElements, int page, int size) {
	}

	@GetMapping("/api/v1/me")
	Me me() {
		AccountView me = management.me(Caller.require());
		return new Me(me.username(), me.displayName(), me.mustChangePassword(), me.grants());
	}

	@GetMapping("/api/v1/accounts")
	AccountPage accounts(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		Page<AccountView> result = management.list(Caller.require(), q, page, Math.min(Math.max(size, 1), 200));
		return new AccountPage(result.getContent(), result.getTotalElements(), result.getNumber(), result.getSize());
	}

	@GetMapping("/api/v1/accounts/{id}")
	AccountView account(@PathVariable long id) {
		return management.find(Caller.require(), id);
	}
}
