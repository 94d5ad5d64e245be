package cn.partybuilding.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One person's browser against the load balancer: its cookies (the session, the CSRF cookie) and page token. */
final class Browser {

	private static final Pattern CSRF_INPUT = Pattern
		.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private final HttpClient http;

	private final String base;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	private String csrf;

	final String username;

	Browser(HttpClient http, int port, String username) {
		this.http = http;
		this.base = "http://127.0.0.1:" + port;
		this.username = username;
	}

	/** The login page, the form, the home page (for the token the next writes carry). */
	void signIn(String password) throws IOException, InterruptedException {
		cookies.clear();
		HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/login")).GET());
		Matcher m = CSRF_INPUT.matcher(page.body());
		if (!m.find()) {
			throw new IOException("no CSRF token on the login page: " + page.statusCode());
		}
		String token = m.group(1) != null ? m.group(1) : m.group(2);
		String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token);
		HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
		if (posted.statusCode() != 302 || posted.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IOException(username + " could not sign in: " + posted.statusCode() + " " + posted.headers().map());
		}
		HttpResponse<String> home = send(HttpRequest.newBuilder(uri("/")).GET());
		Matcher meta = CSRF_META.matcher(home.body());
		if (!meta.find()) {
			throw new IOException("no CSRF token on the home page for " + username + ": " + home.statusCode());
		}
		csrf = meta.group(1);
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** A form post (the sandbox's pay page), the page token in its header as the page's script would send it. */
	HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/** A file upload: one part named {@code file}. */
	HttpResponse<String> postFile(String path, String fileName, byte[] content) throws IOException, InterruptedException {
		String boundary = "----cluster" + Long.toHexString(System.nanoTime());
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.List.of(head, content, tail))));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
				.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
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
		return response;
	}

	private URI uri(String path) {
		return URI.create(base + path);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
