package cn.partybuilding.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.bench.Browsers.Browser;

/**
 * 志愿服务 sign-up for a popular activity, against a real server (random port, real HTTP, sessions in PostgreSQL): the
 * committee publishes a school-wide activity with one shift of {@code volunteer.places} (100) places, then
 * {@code volunteer.people} (1 000) members sign up at random moments within {@code volunteer.seconds} (60), each
 * with their own session, {@code volunteer.concurrency} (200) requests in flight at most. Prints how many got a place
 * and how many wait, errors by status, latency p50/p95/p99 and the time; then checks in the database that exactly
 * the places were given, that the arrival numbers run 1..n without a gap, that the places went to the first
 * arrivals and the waiting positions follow the arrival order, and how far the server's arrival order is from the
 * order the requests were sent (requests sent within milliseconds of each other may cross on the wire). Asserts
 * nothing about time. {@code ./mvnw -o test -Pbench -Dtest=VolunteerSignupBenchmark [-Dvolunteer.people=1000]}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"party.data-dir=target/bench-data", "party.security.anonymous-rate-limit-exempt=127.0.0.1" })
class VolunteerSignupBenchmark extends PlatformTest {

	private static final int PEOPLE = Integer.getInteger("volunteer.people", 1_000);

	private static final int PLACES = Integer.getInteger("volunteer.places", 100);

	private static final int SECONDS = Integer.getInteger("volunteer.seconds", 60);

	private static final int CONCURRENCY = Integer.getInteger("volunteer.concurrency", 200);

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService userDetails;

	@Autowired
	org.springframework.session.SessionRepository<?> sessions;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newFixedThreadPool(8))
		.connectTimeout(Duration.ofSeconds(30)).build();

	record Answer(int person, long sentAt, long tookNanos, int status, String state, int position) {
	}

	@Test
	void aThousandPeopleForAHundredPlaces() throws Exception {
		Browsers browsers = new Browsers(http, port);
		List<String> usernames = jdbc.sql("""
				select a.username from account a join member m on m.account_id = a.id
				where a.password_hash = (select password_hash from account where username = 'member1') and m.departed_on is null
				order by a.id limit ?""").param(PEOPLE).query(String.class).list();
		if (usernames.size() < PEOPLE) {
			throw new IllegalStateException("only " + usernames.size() + " members with the demo password, " + PEOPLE + " asked");
		}
		System.out.printf("%n== volunteer sign-up: %d people within %d s for %d places, %d requests in flight at most,"
				+ " %d cores ==%n", PEOPLE, SECONDS, PLACES, CONCURRENCY, Runtime.getRuntime().availableProcessors());
		Browser admin = browsers.signIn("admin", DEMO_PASSWORD);
		long school = orgId("SFDX");
		Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
		String body = """
				{"orgId": %d, "title": "基准：热门志愿活动", "place": "体育馆", "audience": "SCHOOL", "signUpUntil": "%s",
				 "shifts": [{"startAt": "%s", "endAt": "%s", "places": %d}]}""".formatted(school,
				start.minus(1, ChronoUnit.DAYS), start, start.plus(4, ChronoUnit.HOURS), PLACES);
		HttpResponse<String> created = send(admin, "POST", "/api/v1/volunteer/activities", body);
		if (created.statusCode() != 201) {
			throw new IllegalStateException("activity: " + created.statusCode() + " " + created.body());
		}
		long shift = json.readTree(created.body()).get("shifts").get(0).get("id").asLong();
		long t = System.nanoTime();
		List<Browser> people = Browsers.openSessions(userDetails, sessions, usernames, admin);
		System.out.printf("  %d sessions opened in-process in %.1f s%n", people.size(), (System.nanoTime() - t) / 1e9);

		// each person at a random moment of the minute (seeded), at most CONCURRENCY requests in flight
		SplittableRandom random = new SplittableRandom(20261202L);
		long[] offsets = new long[PEOPLE];
		for (int i = 0; i < PEOPLE; i++) {
			offsets[i] = random.nextLong(SECONDS * 1000L);
		}
		ExecutorService phones = Executors.newFixedThreadPool(CONCURRENCY);
		ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
		ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
		Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
		CountDownLatch done = new CountDownLatch(PEOPLE);
		long t0 = System.nanoTime();
		for (int i = 0; i < PEOPLE; i++) {
			int person = i;
			clock.schedule(() -> phones.submit(() -> {
				long sent = System.nanoTime();
				try {
					HttpResponse<String> r = send(people.get(person), "POST", "/api/v1/volunteer/shifts/" + shift + "/signups", "");
					long took = System.nanoTime() - sent;
					if (r.statusCode() == 201) {
						JsonNode n = json.readTree(r.body());
						answers.add(new Answer(person, sent - t0, took, 201, n.get("state").asText(), n.get("position").asInt()));
					}
					else {
						errors.computeIfAbsent(Integer.toString(r.statusCode()), k -> new AtomicInteger()).incrementAndGet();
						answers.add(new Answer(person, sent - t0, took, r.statusCode(), null, 0));
					}
				}
				catch (Exception e) {
					errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
				}
				finally {
					done.countDown();
				}
			}), offsets[i], TimeUnit.MILLISECONDS);
		}
		done.await(SECONDS + 300L, TimeUnit.SECONDS);
		double wall = (System.nanoTime() - t0) / 1e9;
		phones.shutdown();
		clock.shutdown();

		List<Answer> ok = answers.stream().filter(a -> a.status() == 201).toList();
		long confirmed = ok.stream().filter(a -> "CONFIRMED".equals(a.state())).count();
		long waiting = ok.stream().filter(a -> "WAITING".equals(a.state())).count();
		List<Long> took = new ArrayList<>(answers.stream().map(Answer::tookNanos).toList());
		Collections.sort(took);
		System.out.printf("  %d requests in %.1f s: %d got a place, %d on the waiting list, errors %s%n", answers.size(), wall,
				confirmed, waiting, errors.isEmpty() ? "none" : new TreeMap<>(errors));
		System.out.printf("  latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", pct(took, 50), pct(took, 95),
				pct(took, 99), took.isEmpty() ? 0 : took.get(took.size() - 1) / 1e6);

		// the database: exactly the places, arrivals without a gap, places to the first arrivals, waiting in order
		int taken = jdbc.sql("select taken from volunteer_shift where id = ?").param(shift).query(Integer.class).single();
		List<Object[]> rows = jdbc.sql("""
				select arrival, state, signed_up_at from volunteer_signup where shift_id = ? order by arrival""").param(shift)
			.query((rs, n) -> new Object[] { rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant() }).list();
		boolean noGap = true;
		boolean placesFirst = true;
		boolean timeOrdered = true;
		for (int i = 0; i < rows.size(); i++) {
			noGap &= (Integer) rows.get(i)[0] == i + 1;
			placesFirst &= "CONFIRMED".equals(rows.get(i)[1]) == (i < PLACES);
			if (i > 0) {
				timeOrdered &= !((Instant) rows.get(i)[2]).isBefore((Instant) rows.get(i - 1)[2]);
			}
		}
		List<Integer> positions = ok.stream().filter(a -> "WAITING".equals(a.state())).map(Answer::position).sorted().toList();
		boolean positionsExact = true;
		for (int i = 0; i < positions.size(); i++) {
			positionsExact &= positions.get(i) == i + 1;
		}
		System.out.printf("  database: %d places taken of %d, %d sign-ups; arrivals 1..n without a gap: %s; the places went"
				+ " to the first %d arrivals: %s; sign-up times follow the arrivals: %s; waiting positions answered 1..%d"
				+ " each once: %s%n", taken, PLACES, rows.size(), noGap, PLACES, placesFirst, timeOrdered, positions.size(),
				positionsExact);
		// how far the server's order is from the order the phones sent in (inversions among pairs sent > 50 ms apart)
		List<Answer> bySent = new ArrayList<>(ok);
		bySent.sort((a, b) -> Long.compare(a.sentAt(), b.sentAt()));
		List<Integer> serverRank = new ArrayList<>();
		for (Answer a : bySent) {
			serverRank.add("CONFIRMED".equals(a.state()) ? a.position() : PLACES + a.position());
		}
		long inversions = 0;
		long pairs = 0;
		for (int i = 0; i < bySent.size(); i++) {
			for (int j = i + 1; j < bySent.size(); j++) {
				if (bySent.get(j).sentAt() - bySent.get(i).sentAt() > 50_000_000L) {
					pairs++;
					if (serverRank.get(j) < serverRank.get(i)) {
						inversions++;
					}
				}
			}
		}
		System.out.printf("  order: of %d pairs of requests sent more than 50 ms apart, %d were served out of order%n", pairs,
				inversions);
	}

	private HttpResponse<String> send(Browser who, String method, String path, String body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(new Browsers(http, port).uri(path)).header("Cookie", who.cookies())
			.header("X-CSRF-TOKEN", who.csrf()).header("Content-Type", "application/json").timeout(Duration.ofSeconds(120));
		b.method(method, HttpRequest.BodyPublishers.ofString(body));
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static double pct(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
	}
}
