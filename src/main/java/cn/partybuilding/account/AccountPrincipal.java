package cn.partybuilding.account;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import cn.partybuilding.shared.Caller;

/**
 * The signed-in account as Spring Security keeps it in the session. Authorities are the bare roles
 * (ROLE_AUDITOR …) for URL rules; where each role applies is in {@link #caller()}.
 */
final class AccountPrincipal implements UserDetails, CredentialsContainer, Caller.Holder {

	private final Caller caller;

	private String passwordHash;

	private final boolean locked;

	private final boolean enabled;

	private final boolean mustChangePassword;

	AccountPrincipal(Caller caller, String passwordHash, boolean locked, boolean enabled, boolean mustChangePassword) {
		this.caller = caller;
		this.passwordHash = passwordHash;
		this.locked = locked;
		this.enabled = enabled;
		this.mustChangePassword = mustChangePassword;
	}

	AccountPrincipal withPasswordChanged() {
		return new AccountPrincipal(caller, null, false, true, false);
	}

	@Override
	public Caller caller() {
		return caller;
	}

	boolean mustChangePassword() {
		return mustChangePassword;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		List<SimpleGrantedAuthority> authorities = caller.grants().stream()
			.map(g -> new SimpleGrantedAuthority("ROLE_" + g.role().name()))
			.distinct()
			.toList();
		return authorities;
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return caller.username();
	}

	@Override
	public boolean isAccountNonLocked() {
		return !locked;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}
}
