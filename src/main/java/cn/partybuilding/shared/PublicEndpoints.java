package cn.partybuilding.shared;

import java.util.List;

/**
 * Paths a module opens to callers who are not signed in — a payment provider's notification, a public
 * verification page. They are reached without a session, so they carry no CSRF token either; each such
 * endpoint authenticates its caller itself (a signature) or shows nothing personal.
 */
public interface PublicEndpoints {

	/** Path patterns, e.g. {@code /api/v1/dues/gateway/*}{@code /notify}. */
	List<String> paths();
}
