package cn.partybuilding.shared;

/** The platform's Content-Security-Policy, one string for every filter chain that serves pages (the portal's too). */
public final class SecurityHeaders {

	/**
	 * No script but our files, anywhere. Style attributes are allowed (style-src-attr) and style elements are not: the
	 * articles of 学习 and 宣传 keep their formatting (alignment, colours, sizes) in the sanitised style attributes,
	 * whose properties the sanitiser vets (no url, no expression); no other markup of ours carries a style attribute.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private SecurityHeaders() {
	}
}
