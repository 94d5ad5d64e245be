package cn.partybuilding.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.zaxxer.hikari.HikariDataSource;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.bench.Browsers.Browser;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.shared.FileStore;

/**
 * 学习 at scale, against a real server (random port, real HTTP, real sessions in PostgreSQL): (a) 2 000 members
 * each sending a heartbeat every 15 s for two minutes; (b) the committee's completion table of an outline at
 * 50 000 members, with the plans of its queries; (c) a 200 MB video served to 200 random Range requests, with the
 * bytes the server's threads allocate per request. Prints the figures; asserts nothing about time. Run alone with
 * {@code ./mvnw test -Pbench -Dtest=LearningBenchmark} (data in {@code target/bench-data}, kept between runs).
 * The 2 000 members sign in from one address here, so the anonymous rate limit exempts it (in life they come from
 * many).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"party.data-dir=target/bench-data", "party.security.anonymous-rate-limit-exempt=127.0.0.1" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LearningBenchmark extends PlatformTest {

	private static final int PEOPLE = 2_000;

	private static final Duration RUN = Duration.ofMinutes(2);

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	MemberDirectory members;

	@Autowired
	FileStore files;

	@Autowired
	Clock clock;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService userDetails;

	@Autowired
	org.springframework.session.SessionRepository<?> sessions;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
		.executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(10)).build();

	private Browsers browsers() {
		return new Browsers(http, port);
	}

	@Test
	@Order(1)
	void heartbeatsOfTwoThousandMembers() throws Exception {
		List<String> usernames = jdbc.sql("""
				select a.username from account a join member m on m.account_id = a.id
				where a.password_hash = (select password_hash from account where username = 'member1') and m.departed_on is null
				order by a.id limit ?""").param(PEOPLE).query(String.class).list();
		List<Long> articles = jdbc.sql("""
				select id from learning_material where kind = 'ARTICLE' and whole_school and withdrawn_at is null order by id limit 40""")
			.query(Long.class).list();
		System.out.printf("%n== heartbeats: %d members, one every 15 s each for %d s, server on port %d, %d cores ==%n",
				usernames.size(), RUN.toSeconds(), port, Runtime.getRuntime().availableProcessors());

		long t = System.nanoTime();
		List<Browser> browsers = new ArrayList<>();
		if (Boolean.getBoolean("bench.form-sign-in")) {
			// each person signs in once through the login form (a bcrypt each), in parallel, before the clock starts
			ExecutorService signing = Executors.newFixedThreadPool(4);
			List<Future<Browser>> pending = new ArrayList<>();
			for (String u : usernames) {
				pending.add(signing.submit(() -> signIn(u, DEMO_PASSWORD)));
			}
			for (Future<Browser> f : pending) {
				browsers.add(f.get());
			}
			signing.shutdown();
		}
		else {
			// the sessions the login form would store, opened in-process without the 2 000 bcrypt checks (through the
			// form they took 18 minutes on a loaded machine)
			browsers.addAll(Browsers.openSessions(userDetails, sessions, usernames, signIn("member1", DEMO_PASSWORD)));
		}
		double signInSeconds = (System.nanoTime() - t) / 1e9;
		System.out.printf("  %d accounts signed in (%s): %.1f s (%.1f ms each)%n", browsers.size(),
				Boolean.getBoolean("bench.form-sign-in") ? "through the form, 4 at a time" : "sessions opened in-process",
				signInSeconds, signInSeconds * 1000 / browsers.size());
		// the sessions work: one heartbeat each before the clock starts (the first of an account credits nothing)
		int warm = 0;
		for (int i = 0; i < browsers.size(); i += 100) {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/learning/materials/" + articles.get(0) + "/progress"))
				.header("Cookie", browsers.get(i).cookies()).build(), HttpResponse.BodyHandlers.ofString());
			warm += r.statusCode() == 200 ? 1 : 0;
		}
		System.out.printf("  sessions checked: %d of %d answer 200%n", warm, (browsers.size() + 99) / 100);

		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		AtomicInteger peakActive = new AtomicInteger();
		AtomicInteger peakWaiting = new AtomicInteger();
		AtomicInteger peakBackends = new AtomicInteger();
		ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
		AtomicLong sent = new AtomicLong();
		ScheduledExecutorService clockwork = Executors.newScheduledThreadPool(2);
		long periodMs = 15_000;
		long startedAt = System.nanoTime();
		long endAt = startedAt + RUN.toNanos();
		for (int i = 0; i < browsers.size(); i++) {
			Browser b = browsers.get(i);
			long material = articles.get(i % articles.size());
			clockwork.scheduleAtFixedRate(() -> {
				if (System.nanoTime() >= endAt) {
					return;
				}
				sent.incrementAndGet();
				long s = System.nanoTime();
				http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/learning/materials/" + material + "/heartbeats"))
					.header("Cookie", b.cookies()).header("X-CSRF-TOKEN", b.csrf()).header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{\"visible\":true}")).build(),
						HttpResponse.BodyHandlers.ofString())
					.whenComplete((r, e) -> {
						latencies.add((System.nanoTime() - s) / 1e6);
						if (e != null) {
							errors.add(e.toString());
						}
						else if (r.statusCode() != 200) {
							errors.add(r.statusCode() + " " + r.body());
						}
					});
			}, i * periodMs / browsers.size(), periodMs, TimeUnit.MILLISECONDS);
		}
		Thread sampler = new Thread(() -> {
			while (System.nanoTime() < endAt + 5_000_000_000L) {
				var mx = pool.getHikariPoolMXBean();
				peakActive.accumulateAndGet(mx.getActiveConnections(), Math::max);
				peakWaiting.accumulateAndGet(mx.getThreadsAwaitingConnection(), Math::max);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		});
		sampler.start();
		while (System.nanoTime() < endAt) {
			Thread.sleep(5_000);
			peakBackends.accumulateAndGet(jdbc.sql("select count(*) from pg_stat_activity where backend_type = 'client backend'")
				.query(Integer.class).single(), Math::max);
		}
		clockwork.shutdownNow();
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (latencies.size() < sent.get() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		double seconds = (System.nanoTime() - startedAt) / 1e9;
		sampler.interrupt();
		List<Double> times = new ArrayList<>(latencies);
		System.out.printf("  %d heartbeats in %.0f s: %.1f requests/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
				times.size(), seconds, times.size() / seconds, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95), MemberScaleBenchmark.percentile(times, 99), Collections.max(times));
		System.out.printf("  errors: %d%s%n", errors.size(), errors.isEmpty() ? "" : " (first: " + errors.peek() + ")");
		System.out.printf("  database connections: pool of %d, peak %d in use, peak %d threads waiting; %d server backends at most%n",
				pool.getMaximumPoolSize(), peakActive.get(), peakWaiting.get(), peakBackends.get());
		System.out.printf("  credited: %d progress rows, %d effective seconds in all%n",
				jdbc.sql("select count(*) from learning_progress where updated_at > now() - interval '5 minutes'").query(Long.class).single(),
				jdbc.sql("select coalesce(sum(reading_seconds), 0) from learning_day where day >= current_date - 1").query(Long.class).single());
	}

	@Test
	@Order(2)
	void theCompletionTableAtFiftyThousandMembers() throws Exception {
		long people = cn.partybuilding.bench.ScalePeople.atLeast(50_000, jdbc, members, clock);
		long school = orgId("SFDX");
		List<Long> outlines = jdbc.sql("select id from learning_outline where organization_id = ? and due_on < current_date order by due_on")
			.param(school).query(Long.class).list();
		long t = System.nanoTime();
		// about 70% of everyone finished each of the committee's outlines of the year, one in ten late (once)
		boolean already = jdbc.sql("select count(*) from learning_outline_done where outline_id = ?")
			.param(outlines.get(outlines.size() - 1)).query(Long.class).single() > people / 2;
		int written = already ? 0 : jdbc.sql("""
				insert into learning_outline_done (outline_id, account_id, organization_id, finished_at, on_time)
				select o.id, m.account_id, m.organization_id, o.published_at + ((m.id * 7 + o.id) % 150) * interval '1 hour',
				       (m.id + o.id) % 10 <> 0
				from learning_outline o cross join member m
				where o.id = any(?) and m.account_id is not null and m.departed_on is null and (m.id * 13 + o.id) % 10 < 7
				on conflict do nothing""").param(outlines.toArray(Long[]::new)).update();
		// as autovacuum leaves them after a bulk load: statistics and the visibility map (index-only scans)
		jdbc.sql("vacuum (analyze) member").update();
		jdbc.sql("vacuum (analyze) learning_outline_done").update();
		long outline = outlines.get(outlines.size() - 1);
		System.out.printf("%n== outline completion: %d members, %d committee outlines, %d done rows written in %.0f s (%d in all) ==%n",
				people, outlines.size(), written, (System.nanoTime() - t) / 1e9,
				jdbc.sql("select count(*) from learning_outline_done").query(Long.class).single());
		RequestPostProcessor admin = login("admin");
		measure("committee, latest outline", admin, "/api/v1/learning/outlines/" + outline + "/completion");
		measure("a college, same outline", admin, "/api/v1/learning/outlines/" + outline + "/completion?orgId=" + orgId("SFDX-JSJ"));
		measure("a branch with its people", admin, "/api/v1/learning/outlines/" + outline + "/completion?orgId=" + orgId("SFDX-JSJ-01"));
		String subtree = "select id from organization where path like (select path || '%%' from organization where code = 'SFDX')";
		// above a branch: members with an account counted per organisation, finished rows counted per organisation
		explain("select m.organization_id, count(*) from member m where m.organization_id in (" + subtree
				+ ") and m.departed_on is null and m.account_id is not null group by m.organization_id");
		explain("select organization_id, count(*), count(*) filter (where on_time) from learning_outline_done where outline_id = "
				+ outline + " and organization_id in (" + subtree + ") group by organization_id");
		// a branch: its members, and their finished rows
		explain("select m.id, m.account_id, m.name, m.organization_id from member m where m.organization_id = "
				+ orgId("SFDX-JSJ-01") + " and m.departed_on is null and m.account_id is not null");
	}

	@Test
	@Order(3)
	void rangeRequestsOnATwoHundredMegabyteVideo() throws Exception {
		long size = 200L * 1024 * 1024;
		long t = System.nanoTime();
		FileStore.StoredFile stored = files.put("learning", new GeneratedBytes(size), "video/mp4");
		long id = jdbc.sql("""
				insert into learning_material (kind, title, body, file_key, file_name, content_type, size_bytes, duration_seconds,
				    organization_id, whole_school, created_at, created_by)
				values ('VIDEO', '基准测试：200 MB 视频', null, ?, 'bench.mp4', 'video/mp4', ?, 3600, ?, true, ?, 'admin') returning id""")
			.params(stored.key(), stored.size(), orgId("SFDX"), Timestamp.from(Instant.now())).query(Long.class).single();
		System.out.printf("%n== Range requests: a %d MB video (written to the file store in %.1f s), JVM max heap %d MB ==%n",
				stored.size() / (1024 * 1024), (System.nanoTime() - t) / 1e9, Runtime.getRuntime().maxMemory() / (1024 * 1024));
		Browser b = signIn("member1", DEMO_PASSWORD);
		URI file = uri("/api/v1/learning/materials/" + id + "/file");
		var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		SplittableRandom random = new SplittableRandom(200);
		System.gc();
		long heapBefore = usedHeap();
		long allocatedBefore = serverAllocated(threads);
		long bytes = 0;
		List<Double> times = new ArrayList<>();
		t = System.nanoTime();
		for (int i = 0; i < 200; i++) {
			long from = random.nextLong(size - 1);
			// a player's ranges: mostly a few hundred KB to a few MB, sometimes to the end of the file
			long to = i % 20 == 0 ? size - 1 : Math.min(size - 1, from + 64 * 1024 + random.nextLong(4L * 1024 * 1024));
			long s = System.nanoTime();
			HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(file).header("Cookie", b.cookies())
				.header("Range", "bytes=" + from + "-" + to).build(), HttpResponse.BodyHandlers.ofInputStream());
			long read = drain(r.body());
			times.add((System.nanoTime() - s) / 1e6);
			if (r.statusCode() != 206 || read != to - from + 1) {
				throw new IllegalStateException("range " + from + "-" + to + ": " + r.statusCode() + ", " + read + " bytes");
			}
			bytes += read;
		}
		double seconds = (System.nanoTime() - t) / 1e9;
		long allocated = serverAllocated(threads) - allocatedBefore;
		System.gc();
		long heapAfter = usedHeap();
		System.out.printf("  200 Range requests, %.0f MB in %.1f s: %.0f MB/s; p50 %.1f ms, p95 %.1f ms%n", bytes / 1e6, seconds,
				bytes / 1e6 / seconds, MemberScaleBenchmark.percentile(times, 50), MemberScaleBenchmark.percentile(times, 95));
		System.out.printf("  allocated by the server's request threads: %.1f MB in all, %.0f KB a request (%.0f KB served a request)%n",
				allocated / 1e6, allocated / 1e3 / 200, bytes / 1e3 / 200);
		System.out.printf("  heap used after GC: %d MB before, %d MB after%n", heapBefore / (1024 * 1024), heapAfter / (1024 * 1024));
		allocatedBefore = serverAllocated(threads);
		t = System.nanoTime();
		HttpResponse<InputStream> whole = http.send(HttpRequest.newBuilder(file).header("Cookie", b.cookies()).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		long read = drain(whole.body());
		seconds = (System.nanoTime() - t) / 1e9;
		System.out.printf("  the whole file without Range: %d, %d MB in %.1f s (%.0f MB/s), server threads allocated %.1f MB%n",
				whole.statusCode(), read / (1024 * 1024), seconds, read / 1e6 / seconds,
				(serverAllocated(threads) - allocatedBefore) / 1e6);
		jdbc.sql("update learning_material set withdrawn_at = now() where id = ?").param(id).update();
		files.delete(stored.key());
	}

	/** Bytes allocated so far by Tomcat's request threads. */
	private static long serverAllocated(com.sun.management.ThreadMXBean threads) {
		long sum = 0;
		for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("http-nio-")) {
				sum += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
			}
		}
		return sum;
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long drain(InputStream in) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try (in) {
			for (int n; (n = in.read(buffer)) >= 0;) {
				total += n;
			}
		}
		return total;
	}

	/** {@code size} bytes made as they are read (a file that never sits in memory). */
	private static final class GeneratedBytes extends InputStream {

		private long left;

		GeneratedBytes(long size) {
			this.left = size;
		}

		@Override
		public int read() {
			return left-- > 0 ? (int) (left & 0x7f) : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (left <= 0) {
				return -1;
			}
			int n = (int) Math.min(len, left);
			for (int i = 0; i < n; i++) {
				b[off + i] = (byte) ((left - i) * 31);
			}
			left -= n;
			return n;
		}
	}

	private URI uri(String path) {
		return browsers().uri(path);
	}

	private Browser signIn(String username, String password) throws Exception {
		return browsers().signIn(username, password);
	}

	void measure(String what, RequestPostProcessor who, String url) throws Exception {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < 55; i++) {
			long t = System.nanoTime();
			mvc.perform(get(url).with(who)).andExpect(status().isOk());
			if (i >= 5) {
				times.add((System.nanoTime() - t) / 1e6);
			}
		}
		System.out.printf("  %-32s p50 %7.1f ms   p95 %7.1f ms   (50 calls)%n", what, MemberScaleBenchmark.percentile(times, 50),
				MemberScaleBenchmark.percentile(times, 95));
	}

	void explain(String sql) {
		System.out.println("\nEXPLAIN (ANALYZE, BUFFERS) " + sql.strip().replaceAll("\\s+", " "));
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(line -> System.out.println("  " + line));
	}
}
