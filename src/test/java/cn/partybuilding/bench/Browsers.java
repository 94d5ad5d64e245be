package cn.partybuilding.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Browsers for the benchmarks that drive a real server over HTTP: signing in through the login form (its CSRF
 * token, the form, the home page's token for the next requests), or many sessions opened in-process through the
 * platform's own user details and session repository (no bcrypt each), sharing one real browser's CSRF cookie.
 */
final class Browsers {

	private static final Pattern CSRF_INPUT = Pattern
		.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	/** A signed-in browser: its cookies and the CSRF token its pages carry. */
	record Browser(String cookies, String csrf) {
	}

	private final HttpClient http;

	private final int port;

	Browsers(HttpClient http, int port) {
		this.http = http;
		this.port = port;
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	/** Signs in as a browser does: the login page (its CSRF token), the form, then the home page for the next token. */
	Browser signIn(String username, String password) throws Exception {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
		Map<String, String> cookies = new LinkedHashMap<>();
		remember(page, cookies);
		Matcher m = CSRF_INPUT.matcher(page.body());
		if (!m.find()) {
			throw new IllegalStateException("no CSRF token on the login page");
		}
		String token = m.group(1) != null ? m.group(1) : m.group(2);
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
		HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("/login")).header("Cookie", cookieHeader(cookies))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
		remember(posted, cookies);
		if (posted.statusCode() != 302 || posted.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException(username + " could not sign in: " + posted.statusCode() + " " + posted.headers().map());
		}
		HttpResponse<String> home = http.send(HttpRequest.newBuilder(uri("/")).header("Cookie", cookieHeader(cookies)).build(),
				HttpResponse.BodyHandlers.ofString());
		remember(home, cookies);
		Matcher meta = CSRF_META.matcher(home.body());
		if (!meta.find()) {
			throw new IllegalStateException("no CSRF token on the home page for " + username + ": " + home.statusCode());
		}
		return new Browser(cookieHeader(cookies), meta.group(1));
	}

	/**
	 * The sessions the login form would store, opened through the platform's own user details and session repository
	 * without a bcrypt check each; {@code real}'s CSRF cookie and token serve all (the token is checked against the
	 * cookie).
	 */
	static List<Browser> openSessions(UserDetailsService userDetails, SessionRepository<?> sessions, List<String> usernames,
			Browser real) {
		String xsrf = Arrays.stream(real.cookies().split("; ")).filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
		List<Browser> out = new ArrayList<>(usernames.size());
		for (String u : usernames) {
			var user = userDetails.loadUserByUsername(u);
			var context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
			String id = open(sessions, context);
			out.add(new Browser("SESSION=" + Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)) + "; " + xsrf,
					real.csrf()));
		}
		return out;
	}

	private static <S extends Session> String open(SessionRepository<S> repository, Object securityContext) {
		S session = repository.createSession();
		session.setAttribute("SPRING_SECURITY_CONTEXT", securityContext);
		repository.save(session);
		return session.getId();
	}

	private static void remember(HttpResponse<?> response, Map<String, String> cookies) {
		for (String set : response.headers().allValues("Set-Cookie")) {
			String pair = set.split(";", 2)[0];
			int eq = pair.indexOf('=');
			String name = pair.substring(0, eq).trim();
			String value = pair.substring(eq + 1).trim();
			if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
	}

	private static String cookieHeader(Map<String, String> cookies) {
		return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
	}
}
