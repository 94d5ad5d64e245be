package cn.partybuilding.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.partybuilding.PartyBuildingApplication;

/**
 * What the real servlet container answers, where MockMvc cannot tell (errors outside Spring MVC, uploads
 * over the container's limit): every {@code /api/**} error is JSON in the documented shape.
 */
@SpringBootTest(classes = PartyBuildingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerAnswersTest {

	@LocalServerPort
	int port;

	private final HttpClient anonymous = HttpClient.newHttpClient();

	@Test
	void anUploadOverTheLimitIsAnsweredInTheApiShape() throws Exception {
		Session admin = signIn("admin");
		String boundary = UUID.randomUUID().toString();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n"
				+ "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] file = new byte[21 * 1024 * 1024];
		HttpResponse<String> answer = admin.client.send(HttpRequest.newBuilder(uri("/api/v1/members/imports"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-CSRF-TOKEN", admin.csrf)
			.POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.List.of(head, file, tail)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
		assertThat(answer.body()).contains("\"status\":400").contains("\"field\":\"file\"").contains("20 MB");
	}

	@Test
	void theErrorAddressOpenedDirectlyIsNotFoundNotABrokenServer() throws Exception {
		HttpResponse<String> json = anonymous.send(HttpRequest.newBuilder(uri("/error")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(json.statusCode()).isEqualTo(404);
		assertThat(json.body()).startsWith("{\"status\":404,\"message\":");
		HttpResponse<String> page = anonymous.send(HttpRequest.newBuilder(uri("/error")).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<html");
	}

	@Test
	void apiErrorsOutsideTheControllersKeepTheApiShape() throws Exception {
		HttpResponse<String> noSession = anonymous.send(HttpRequest.newBuilder(uri("/api/v1/members")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(noSession.statusCode()).isEqualTo(401);
		assertThat(noSession.body()).isEqualTo("{\"status\":401,\"message\":\"请先登录\",\"errors\":[]}");
		Session admin = signIn("admin");
		for (String accept : new String[] { "application/json", "text/html" }) {
			HttpResponse<String> unknown = admin.client.send(HttpRequest.newBuilder(uri("/api/v1/no-such-thing"))
				.header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(unknown.body()).startsWith("{\"status\":404,\"message\":\"").endsWith("\"errors\":[]}");
		}
	}

	private record Session(HttpClient client, String csrf) {
	}

	private Session signIn(String username) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
		String form = "username=" + username + "&password=" + URLEncoder.encode("Demo@2026", StandardCharsets.UTF_8)
				+ "&_csrf=" + find(login, "name=\"_csrf\" value=\"([^\"]+)\"");
		client.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
		String home = client.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString()).body();
		return new Session(client, find(home, "name=\"_csrf\" content=\"([^\"]+)\""));
	}

	private static String find(String html, String regex) {
		Matcher m = Pattern.compile(regex).matcher(html);
		assertThat(m.find()).as("%s in the page", regex).isTrue();
		return m.group(1);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}
}
