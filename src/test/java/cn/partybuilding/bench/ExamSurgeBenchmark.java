package cn.partybuilding.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
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
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.zaxxer.hikari.HikariDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.bench.Browsers.Browser;

/**
 * 线上测试 under a school-wide contest, against a real server (random port, real HTTP, sessions in PostgreSQL, the
 * embedded default): a bank of 64 questions set through the API (40 single choice, 24 true/false), an exam drawing 20
 * single and 10 true/false per person from it with a fixed seed, then {@code exam.people} members (2 000) who start
 * within the first twentieth of the exam, save an answer to every question as a phone does (spread over the exam)
 * and submit within its last twentieth. {@code exam.minutes} compresses the 20 minutes (default 5: the rates are then
 * four times the real ones). Prints requests, errors by status and path, p50/p95/p99 of start, autosave and submit,
 * the pool and the busiest statements while it ran; then checks in the database that every answer answered 200 is
 * stored, that every attempt is submitted by its person with the score the driver expected, and prints digests of
 * the draws and scores (by username and question, and by ids) to compare two runs with the same {@code exam.seed}.
 * Asserts nothing about time. {@code ./mvnw -o test -Pbench -Dtest=ExamSurgeBenchmark [-Dexam.people=100
 * -Dexam.minutes=2 -Dexam.seed=20261202 -Dexam.concurrency=200]}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"party.data-dir=target/bench-data", "party.security.anonymous-rate-limit-exempt=127.0.0.1" })
class ExamSurgeBenchmark extends PlatformTest {

	private static final int PEOPLE = Integer.getInteger("exam.people", 2_000);

	private static final int MINUTES = Integer.getInteger("exam.minutes", 5);

	private static final long SEED = Long.getLong("exam.seed", 20261202L);

	/** Requests in flight at most (phones waiting beyond that queue in the driver; its lag is printed). */
	private static final int CONCURRENCY = Integer.getInteger("exam.concurrency", 200);

	/** The share of questions a simulated person answers right (each person and question decided by the seed). */
	private static final double RIGHT = 0.7;

	private static final String TAG = "竞赛基准";

	private static final String LETTERS = "ABCDEF";

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	JsonMapper json;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService userDetails;

	@Autowired
	org.springframework.session.SessionRepository<?> sessions;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newFixedThreadPool(4))
		.connectTimeout(Duration.ofSeconds(20)).build();

	/** A question of the bank as the driver wrote it: a stable key, the right option's text or the right value. */
	record Written(String key, String type, String rightOption, boolean rightValue, double score) {
	}

	/** One simulated person. */
	static final class Person {

		final long accountId;

		final String username;

		Browser browser;

		long attemptId;

		final List<Long> questionIds = new ArrayList<>();

		final AtomicInteger pending = new AtomicInteger();

		/** The score the driver expects: the marks of the right answers the server took (200). */
		final java.util.concurrent.atomic.DoubleAdder expected = new java.util.concurrent.atomic.DoubleAdder();

		private final java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();

		private boolean sending;

		Person(long accountId, String username) {
			this.accountId = accountId;
			this.username = username;
		}

		/** A phone sends one request at a time: the next waits for the one before (an autosave queue). */
		void send(Runnable request) {
			synchronized (this) {
				queue.add(request);
				if (sending) {
					return;
				}
				sending = true;
			}
			while (true) {
				Runnable next;
				synchronized (this) {
					next = queue.poll();
					if (next == null) {
						sending = false;
						return;
					}
				}
				next.run();
			}
		}
	}

	enum Kind {
		START, AUTOSAVE, SUBMIT
	}

	private final Map<Kind, ConcurrentLinkedQueue<Double>> latencies = new HashMap<>();

	private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong answersSaved = new AtomicLong();

	private final AtomicLong maxLagMs = new AtomicLong();

	private final ConcurrentLinkedQueue<Double> lags = new ConcurrentLinkedQueue<>();

	@Test
	void aSchoolWideContest() throws Exception {
		for (Kind k : Kind.values()) {
			latencies.put(k, new ConcurrentLinkedQueue<>());
		}
		Browsers browsers = new Browsers(http, port);
		long school = orgId("SFDX");
		// the members who sign in with the demo password, of the school's subtree; same database, same people
		List<Person> people = jdbc.sql("""
				select a.id, a.username from account a join member m on m.account_id = a.id
				join organization o on o.id = m.organization_id
				where a.password_hash = (select password_hash from account where username = 'member1') and m.departed_on is null
				and o.path like (select path || '%' from organization where code = 'SFDX')
				order by a.id limit ?""").param(PEOPLE).query((rs, n) -> new Person(rs.getLong(1), rs.getString(2))).list();
		if (people.size() < PEOPLE) {
			throw new IllegalStateException("only " + people.size() + " members to take the exam, " + PEOPLE + " asked");
		}
		System.out.printf("%n== exam surge: %d people, a %d-minute exam standing for 20 (x%.1f), seed %d, %d requests in flight"
				+ " at most, server on port %d, %d cores ==%n", PEOPLE, MINUTES, 20.0 / MINUTES, SEED, CONCURRENCY, port,
				Runtime.getRuntime().availableProcessors());

		// the bank and the exam, set through the API by the committee
		Browser admin = browsers.signIn("admin", DEMO_PASSWORD);
		Map<Long, Written> bank = new HashMap<>();
		long t = System.nanoTime();
		for (int i = 1; i <= 64; i++) {
			boolean single = i <= 40;
			String key = (single ? "S" : "T") + String.format("%02d", single ? i : i - 40);
			Map<String, Object> q = new java.util.LinkedHashMap<>();
			q.put("type", single ? "SINGLE" : "TRUE_FALSE");
			q.put("text", "竞赛基准题 " + key + "：本题用于压力测试，" + (single ? "请选出标为正确的一项。" : "判断本题所述是否正确。"));
			String rightOption = null;
			boolean rightValue = i % 3 != 0;
			if (single) {
				List<String> options = List.of("甲项 " + key, "乙项 " + key, "丙项 " + key, "丁项 " + key);
				int right = i % 4;
				rightOption = options.get(right);
				q.put("options", options);
				q.put("answer", LETTERS.substring(right, right + 1));
			}
			else {
				q.put("answer", rightValue);
			}
			q.put("score", single ? 3 : 4);
			q.put("explanation", "基准数据，无实际含义。");
			q.put("tags", List.of(TAG));
			q.put("difficulty", 1 + i % 5);
			q.put("orgId", school);
			HttpResponse<String> r = send(admin, "POST", "/api/v1/exam/questions", json.writeValueAsString(q));
			if (r.statusCode() != 201) {
				throw new IllegalStateException("question " + key + ": " + r.statusCode() + " " + r.body());
			}
			bank.put(json.readTree(r.body()).get("id").asLong(), new Written(key, single ? "SINGLE" : "TRUE_FALSE",
					rightOption, rightValue, single ? 3 : 4));
		}
		System.out.printf("  bank of %d questions set through the API in %.1f s%n", bank.size(), (System.nanoTime() - t) / 1e9);
		// signing in: a sample through the form (a bcrypt each), the rest opened in-process (see LearningBenchmark)
		t = System.nanoTime();
		int viaForm = Math.min(20, PEOPLE);
		for (int i = 0; i < viaForm; i++) {
			people.get(i).browser = browsers.signIn(people.get(i).username, DEMO_PASSWORD);
		}
		double formMs = (System.nanoTime() - t) / 1e6 / viaForm;
		t = System.nanoTime();
		List<Browser> opened = Browsers.openSessions(userDetails, sessions,
				people.subList(viaForm, people.size()).stream().map(p -> p.username).toList(), people.get(0).browser);
		for (int i = viaForm; i < people.size(); i++) {
			people.get(i).browser = opened.get(i - viaForm);
		}
		double openedSeconds = (System.nanoTime() - t) / 1e9;
		String storedHash = jdbc.sql("select password_hash from account where username = ?").param(people.get(0).username)
			.query(String.class).single();
		String hash = storedHash.replaceFirst("^\\{[a-z0-9]+\\}", "");
		var bcrypt = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder();
		double bcryptMs = Double.MAX_VALUE;
		for (int i = 0; i < 5 && hash.startsWith("$2"); i++) {
			long b = System.nanoTime();
			bcrypt.matches(DEMO_PASSWORD, hash);
			bcryptMs = Math.min(bcryptMs, (System.nanoTime() - b) / 1e6);
		}
		System.out.printf("  signed in: %d through the form, %.0f ms each one after another (login page, form, home page);"
				+ " one bcrypt check %.0f ms here, so %d sign-ins within a minute would need %.1f cores for bcrypt alone;"
				+ " %d sessions opened in-process in %.1f s%n", viaForm, formMs, bcryptMs, PEOPLE, PEOPLE * bcryptMs / 60_000,
				opened.size(), openedSeconds);

		long d = MINUTES * 60_000L;
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
		Map<String, Object> exam = new java.util.LinkedHashMap<>();
		exam.put("title", "全校党章党史知识竞赛（压力测试）");
		exam.put("orgId", school);
		exam.put("audience", Map.of("scope", "SUBTREE"));
		exam.put("rules", List.of(Map.of("type", "SINGLE", "tags", List.of(TAG), "count", 20, "score", 3),
				Map.of("type", "TRUE_FALSE", "tags", List.of(TAG), "count", 10, "score", 4)));
		exam.put("opensAt", now.minusMinutes(1).toString());
		exam.put("closesAt", now.plusNanos((2 * d + 60_000) * 1_000_000).toString());
		exam.put("durationMinutes", MINUTES);
		exam.put("attempts", 1);
		exam.put("passMark", 60);
		exam.put("shuffle", true);
		exam.put("seed", SEED);
		HttpResponse<String> created = send(admin, "POST", "/api/v1/exams", json.writeValueAsString(exam));
		if (created.statusCode() != 201) {
			throw new IllegalStateException("exam: " + created.statusCode() + " " + created.body());
		}
		long examId = json.readTree(created.body()).get("id").asLong();
		System.out.printf("  exam %d set through the API, drawing 20 single and 10 true/false per person%n", examId);

		// the run
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		ExecutorService phones = Executors.newFixedThreadPool(CONCURRENCY);
		ScheduledExecutorService clockwork = Executors.newScheduledThreadPool(2);
		CountDownLatch done = new CountDownLatch(people.size());
		String loadBefore = loadAverage();
		long t0 = System.nanoTime() + 2_000_000_000L;
		for (Person p : people) {
			SplittableRandom r = new SplittableRandom(SEED ^ p.username.hashCode());
			long startAt = r.nextLong(d / 20);
			long submitAt = d - d / 20 + r.nextLong(d / 20) - 1_000;
			long[] answerAt = new long[30];
			for (int i = 0; i < answerAt.length; i++) {
				answerAt[i] = startAt + 2_000 + r.nextLong(Math.max(1, submitAt - startAt - 4_000));
			}
			java.util.Arrays.sort(answerAt);
			at(clockwork, phones, t0, startAt, () -> {
				HttpResponse<String> started = call(Kind.START, p, "POST", "/api/v1/exams/" + examId + "/attempts",
						"/api/v1/exams/{id}/attempts", null, 201);
				if (started == null) {
					done.countDown();
					return;
				}
				try {
					plan(p, json.readTree(started.body()), bank, clockwork, phones, t0, answerAt, submitAt, done);
				}
				catch (RuntimeException e) {
					done.countDown();
					throw e;
				}
			});
		}
		long[] peakActive = { 0 };
		long[] peakWaiting = { 0 };
		Map<String, Integer> busy = new TreeMap<>();
		int[] peakBackends = { 0 };
		int[] peakLockWaits = { 0 };
		int[] samples = { 0 };
		java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread sampler = new Thread(() -> sample(pool, sampling, peakActive, peakWaiting, busy, peakBackends, peakLockWaits, samples));
		sampler.start();
		boolean finished = done.await(d + 300_000, TimeUnit.MILLISECONDS);
		double seconds = (System.nanoTime() - t0) / 1e9;
		sampling.set(false);
		sampler.join();
		clockwork.shutdownNow();
		phones.shutdownNow();

		// the figures
		System.out.printf("  run: %.0f s (%s), %d requests, %.1f requests/s; machine load average %s before, %s after%n", seconds,
				finished ? "every person done" : "TIMED OUT waiting for " + done.getCount() + " people", requests.get(),
				requests.get() / seconds, loadBefore, loadAverage());
		for (Kind k : Kind.values()) {
			List<Double> times = new ArrayList<>(latencies.get(k));
			if (times.isEmpty()) {
				System.out.printf("  %-9s none%n", k);
				continue;
			}
			System.out.printf("  %-9s %6d   p50 %7.1f ms   p95 %7.1f ms   p99 %7.1f ms   max %7.1f ms%n", k, times.size(),
					MemberScaleBenchmark.percentile(times, 50), MemberScaleBenchmark.percentile(times, 95),
					MemberScaleBenchmark.percentile(times, 99), Collections.max(times));
		}
		List<Double> lagList = new ArrayList<>(lags);
		System.out.printf("  driver lag (sent after its time, phones queued beyond %d in flight): p99 %.0f ms, max %d ms%n",
				CONCURRENCY, lagList.isEmpty() ? 0 : MemberScaleBenchmark.percentile(lagList, 99), maxLagMs.get());
		System.out.printf("  errors: %d%s%n", errors.values().stream().mapToInt(AtomicInteger::get).sum(),
				errors.isEmpty() ? "" : " " + new TreeMap<>(errors));
		errorSamples.stream().limit(5).forEach(e -> System.out.println("    " + e));
		System.out.printf("  database: pool of %d, peak %d in use, peak %d threads waiting for one; %d server backends and %d"
				+ " waiting on a lock at most (%d samples)%n", pool.getMaximumPoolSize(), peakActive[0], peakWaiting[0],
				peakBackends[0], peakLockWaits[0], samples[0]);
		busy.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
			.forEach(e -> System.out.printf("    %5d x active: %s%n", e.getValue(), e.getKey()));

		// the database: every answer saved, every attempt submitted by its person with the score expected
		long stored = jdbc.sql("""
				select count(*) from exam_answer x join exam_attempt a on a.id = x.attempt_id where a.exam_id = ?""")
			.param(examId).query(Long.class).single();
		record Outcome(long attempts, long submitted, long scored, long byPerson, long passed) {
		}
		Outcome o = jdbc.sql("""
				select count(*) as attempts, count(submitted_at) as submitted, count(score) as scored,
				    count(*) filter (where submitted_by = 'PERSON') as by_person, count(*) filter (where passed) as passed
				from exam_attempt where exam_id = ?""").param(examId)
			.query(Outcome.class).single();
		Map<Long, Double> scores = new HashMap<>();
		jdbc.sql("select account_id, score from exam_attempt where exam_id = ?").param(examId)
			.query((rs, n) -> scores.put(rs.getLong(1), rs.getObject(2) == null ? null : rs.getDouble(2))).list();
		long wrongScores = people.stream().filter(p -> scores.get(p.accountId) == null
				|| Math.abs(scores.get(p.accountId) - p.expected.sum()) > 0.001).count();
		System.out.printf("  stored: %d answers of %d answered 200 (%s); %d attempts of %d people, %d submitted, %d with a"
				+ " score, %d by their person, %d passed; %d scores differ from the driver's expectation%n", stored,
				answersSaved.get(), stored == answersSaved.get() ? "all" : "MISSING " + (answersSaved.get() - stored), o.attempts(),
				people.size(), o.submitted(), o.scored(), o.byPerson(), o.passed(), wrongScores);

		// record once: a pass writes one 纪实 entry per person (the listeners run after the commit: give them a moment)
		Thread.sleep(10_000);
		record Entries(long entries, long people, long doubled) {
		}
		Entries e = jdbc.sql("""
				select coalesce(sum(n), 0) as entries, count(*) as people, count(*) filter (where n > 1) as doubled from (
				    select member_id, count(*) as n from record_entry where kind = 'EXAM_PASSED' and source_type = 'exam'
				    and source_id = ? group by member_id) x""").param(Long.toString(examId)).query(Entries.class).single();
		System.out.printf("  纪实: %d entries of a pass for %d people (%d passed); %d people with more than one%n", e.entries(),
				e.people(), o.passed(), e.doubled());

		// digests of the draws and the scores: by username and question key (stable across databases), and by ids
		MessageDigest stable = MessageDigest.getInstance("SHA-256");
		MessageDigest byIds = MessageDigest.getInstance("SHA-256");
		MessageDigest draws = MessageDigest.getInstance("SHA-256");
		MessageDigest drawsByIds = MessageDigest.getInstance("SHA-256");
		jdbc.sql("""
				select u.username, a.account_id, a.paper::text, a.score from exam_attempt a join account u on u.id = a.account_id
				where a.exam_id = ? order by u.username""").param(examId).query((ResultSet rs) -> {
			StringBuilder keys = new StringBuilder();
			StringBuilder ids = new StringBuilder();
			for (JsonNode item : json.readTree(rs.getString(3))) {
				Written w = bank.get(item.get("q").asLong());
				keys.append(w == null ? "?" : w.key()).append(item.get("o")).append(',');
				ids.append(item.get("q").asLong()).append(item.get("o")).append(',');
			}
			String score = rs.getBigDecimal(4) == null ? "-" : rs.getBigDecimal(4).stripTrailingZeros().toPlainString();
			stable.update((rs.getString(1) + "|" + keys + "|" + score + "\n").getBytes(StandardCharsets.UTF_8));
			byIds.update((rs.getLong(2) + "|" + ids + "|" + score + "\n").getBytes(StandardCharsets.UTF_8));
			draws.update((rs.getString(1) + "|" + keys + "\n").getBytes(StandardCharsets.UTF_8));
			drawsByIds.update((rs.getLong(2) + "|" + ids + "\n").getBytes(StandardCharsets.UTF_8));
		});
		System.out.printf("  digest (username, questions in order with option order, score), SHA-256: %s%n",
				HexFormat.of().formatHex(stable.digest()));
		System.out.printf("  digest of the draws alone:                                     %s%n",
				HexFormat.of().formatHex(draws.digest()));
		System.out.printf("  digest by ids (account id, question ids, score):               %s%n",
				HexFormat.of().formatHex(byIds.digest()));
		System.out.printf("  digest of the draws by ids:                                    %s%n",
				HexFormat.of().formatHex(drawsByIds.digest()));

		// the statistics the committee opens afterwards
		for (int i = 0; i < 3; i++) {
			long s = System.nanoTime();
			HttpResponse<String> st = send(admin, "GET", "/api/v1/exams/" + examId + "/statistics", null);
			System.out.printf("  statistics of the exam (committee): %d in %.0f ms%n", st.statusCode(), (System.nanoTime() - s) / 1e6);
		}

		// the plans of the statements every request of a person runs, at this size
		Person last = people.get(people.size() - 1);
		explain("select id, paper::text, deadline, submitted_at from exam_attempt where id = " + last.attemptId);
		explain("select count(*) from exam_attempt where exam_id = " + examId + " and account_id = " + last.accountId);
		explain("select question_id, answer::text from exam_answer where attempt_id = " + last.attemptId);
		explain("select id from exam_attempt where submitted_at is null and deadline < now() order by deadline limit 200");
	}

	void explain(String sql) {
		System.out.println("\nEXPLAIN (ANALYZE, BUFFERS) " + sql);
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(line -> System.out.println("  " + line));
	}

	/** The person has started: their answers at their times, then their submission. */
	private void plan(Person p, JsonNode view, Map<Long, Written> bank, ScheduledExecutorService clockwork, ExecutorService phones,
			long t0, long[] answerAt, long submitAt, CountDownLatch done) {
		p.attemptId = view.get("id").asLong();
		JsonNode questions = view.get("questions");
		p.pending.set(questions.size());
		for (int i = 0; i < questions.size(); i++) {
			JsonNode q = questions.get(i);
			long qid = q.get("id").asLong();
			p.questionIds.add(qid);
			Written w = bank.get(qid);
			if (w == null || q.has("correctAnswer")) {
				throw new IllegalStateException("question " + qid + " not of the bank, or with its key: " + q);
			}
			// each person answers each question right or wrong by the seed; right means the option shown
			// with the right text, wherever the shuffle put it
			SplittableRandom choice = new SplittableRandom(SEED ^ (p.username.hashCode() * 31L + w.key().hashCode()));
			boolean right = choice.nextDouble() < RIGHT;
			String answer;
			if ("SINGLE".equals(w.type())) {
				List<String> shown = new ArrayList<>();
				q.get("options").forEach(o -> shown.add(o.asString()));
				int rightAt = shown.indexOf(w.rightOption());
				int pick = right ? rightAt : (rightAt + 1 + choice.nextInt(shown.size() - 1)) % shown.size();
				answer = "\"" + LETTERS.charAt(pick) + "\"";
			}
			else {
				answer = Boolean.toString(right == w.rightValue());
			}
			String body = "{\"answer\":" + answer + "}";
			double earns = right ? w.score() : 0;
			at(clockwork, phones, t0, answerAt[Math.min(i, answerAt.length - 1)], () -> p.send(() -> {
				try {
					if (call(Kind.AUTOSAVE, p, "PUT", "/api/v1/exam-attempts/" + p.attemptId + "/answers/" + qid,
							"/api/v1/exam-attempts/{id}/answers/{questionId}", body, 200) != null) {
						answersSaved.incrementAndGet();
						p.expected.add(earns);
					}
				}
				finally {
					p.pending.decrementAndGet();
				}
			}));
		}
		submitWhenSaved(clockwork, phones, t0, submitAt, p, done);
	}

	private static String loadAverage() {
		try {
			String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
			return parts[0] + "/" + parts[1] + "/" + parts[2];
		}
		catch (java.io.IOException e) {
			return "?";
		}
	}

	/** Runs {@code task} on a phone thread at {@code offsetMs} after {@code t0}, noting how late it got a thread. */
	private void at(ScheduledExecutorService clockwork, ExecutorService phones, long t0, long offsetMs, Runnable task) {
		long due = t0 + offsetMs * 1_000_000;
		clockwork.schedule(() -> phones.execute(() -> {
			long lag = (System.nanoTime() - due) / 1_000_000;
			lags.add((double) lag);
			maxLagMs.accumulateAndGet(lag, Math::max);
			try {
				task.run();
			}
			catch (RuntimeException e) {
				errors.computeIfAbsent("driver " + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
				errorSamples.add(e.toString());
			}
		}), Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
	}

	/** Submits at its time once every answer of the person has come back (a phone sends the last save first). */
	private void submitWhenSaved(ScheduledExecutorService clockwork, ExecutorService phones, long t0, long submitAt, Person p,
			CountDownLatch done) {
		at(clockwork, phones, t0, submitAt, () -> p.send(() -> {
			if (p.pending.get() > 0) {
				long now = (System.nanoTime() - t0) / 1_000_000;
				submitWhenSaved(clockwork, phones, t0, now + 50, p, done);
				return;
			}
			call(Kind.SUBMIT, p, "POST", "/api/v1/exam-attempts/" + p.attemptId + "/submit", "/api/v1/exam-attempts/{id}/submit",
					null, 200);
			done.countDown();
		}));
	}

	/** One request of a person, timed; anything but {@code expected} is counted as an error (null returned). */
	private HttpResponse<String> call(Kind kind, Person p, String method, String path, String template, String body, int expected) {
		long s = System.nanoTime();
		requests.incrementAndGet();
		try {
			HttpResponse<String> r = send(p.browser, method, path, body);
			latencies.get(kind).add((System.nanoTime() - s) / 1e6);
			if (r.statusCode() != expected) {
				errors.computeIfAbsent(r.statusCode() + " " + method + " " + template, k -> new AtomicInteger()).incrementAndGet();
				errorSamples.add(p.username + " " + method + " " + path + " " + r.statusCode() + " " + r.body());
				return null;
			}
			return r;
		}
		catch (Exception e) {
			latencies.get(kind).add((System.nanoTime() - s) / 1e6);
			errors.computeIfAbsent(e.getClass().getSimpleName() + " " + method + " " + template, k -> new AtomicInteger())
				.incrementAndGet();
			errorSamples.add(p.username + " " + method + " " + path + " " + e);
			return null;
		}
	}

	private HttpResponse<String> send(Browser b, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(new Browsers(http, port).uri(path)).timeout(Duration.ofSeconds(120))
			.header("Cookie", b.cookies()).header("X-CSRF-TOKEN", b.csrf()).header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Every 200 ms the pool's use; every second, on a connection of its own (not the pool's), the server's backends, those
	 * waiting on a lock, and the statements running (the busiest are printed).
	 */
	private void sample(HikariDataSource pool, java.util.concurrent.atomic.AtomicBoolean sampling, long[] peakActive, long[] peakWaiting, Map<String, Integer> busy,
			int[] peakBackends, int[] peakLockWaits, int[] samples) {
		try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
				Statement st = c.createStatement()) {
			int tick = 0;
			while (sampling.get()) {
				var mx = pool.getHikariPoolMXBean();
				peakActive[0] = Math.max(peakActive[0], mx.getActiveConnections());
				peakWaiting[0] = Math.max(peakWaiting[0], mx.getThreadsAwaitingConnection());
				if (tick++ % 5 == 0) {
					samples[0]++;
					int backends = 0;
					int lockWaits = 0;
					try (ResultSet rs = st.executeQuery("""
							select state, wait_event_type, left(regexp_replace(query, '\\s+', ' ', 'g'), 100), wait_event
							from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()""")) {
						while (rs.next()) {
							backends++;
							if ("Lock".equals(rs.getString(2))) {
								lockWaits++;
							}
							if ("active".equals(rs.getString(1))) {
								String waiting = rs.getString(2) == null ? "on CPU" : rs.getString(2) + ":" + rs.getString(4);
								synchronized (busy) {
									busy.merge("[" + waiting + "] " + rs.getString(3), 1, Integer::sum);
								}
							}
						}
					}
					peakBackends[0] = Math.max(peakBackends[0], backends);
					peakLockWaits[0] = Math.max(peakLockWaits[0], lockWaits);
				}
				Thread.sleep(200);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (Exception e) {
			System.out.println("  sampler stopped: " + e);
		}
	}
}
