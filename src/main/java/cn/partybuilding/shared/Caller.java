package cn.partybuilding.shared;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in person and the organisations they act at. Every module asks this for the caller's
 * grants and hands the organisation ids to the scope API of {@code organization}.
 */
public record Caller(long accountId, String username, String displayName, List<Grant> grants) implements Serializable {

	public record Grant(Role role, long organizationId) implements Serializable {
	}

	/** Implemented by the security principal so modules can find the caller without knowing accounts. */
	public interface Holder {
		Caller caller();
	}

	public Caller {
		grants = List.copyOf(grants);
	}

	public boolean has(Role... roles) {
		Set<Role> wanted = Set.of(roles);
		return grants.stream().anyMatch(g -> wanted.contains(g.role()));
	}

	/** Organisation ids at which the caller holds any of the given roles. */
	public Set<Long> organizationsWith(Role... roles) {
		List<Role> wanted = Arrays.asList(roles);
		return organizationsWhere(g -> wanted.contains(g.role()));
	}

	public Set<Long> organizationsWhere(Predicate<Grant> test) {
		return grants.stream().filter(test).map(Grant::organizationId).collect(Collectors.toSet());
	}

	public static Optional<Caller> current() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof Holder holder) {
			return Optional.of(holder.caller());
		}
		return Optional.empty();
	}

	public static Caller require() {
		return current().orElseThrow(() -> new IllegalStateException("no signed-in caller"));
	}

	public static String currentUsername() {
		return current().map(Caller::username).orElse(null);
	}
}
