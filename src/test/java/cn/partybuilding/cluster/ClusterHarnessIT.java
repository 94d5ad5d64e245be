package cn.partybuilding.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import cn.partybuilding.cluster.Infrastructure.Node;
import cn.partybuilding.cluster.Infrastructure.Postgres;

/**
 * Two nodes of the built jar behind haproxy, on Debian's PostgreSQL with a streaming read replica; members sign in
 * and check in to meetings while one node is killed with SIGKILL. Then it counts: every check-in a member was told
 * succeeded is a row (and every row was told or retried), sessions opened on the dead node go on on the other,
 * the billing job that both nodes schedule every ten seconds ran once per firing (ShedLock) and wrote no bill twice,
 * the events left incomplete by the dead node are delivered after it restarts, read-only transactions ran on the replica and, with the replica
 * stopped, reads still answer. Run by {@code ./mvnw verify -Pcluster} (.ci/run); prints what it counted.
 */
class ClusterHarnessIT {

	private static final String PASSWORD = "Demo@2026";

	private static final int MEMBERS = 12;

	private static final int MEETINGS = 8;

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private static Path work;

	private static final List<Node> nodes = new ArrayList<>();

	private static final List<Postgres> servers = new ArrayList<>();

	private static Process haproxy;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aNodeKilledUnderLoadLosesNothing() throws Exception {
		Path jar = Path.of(System.getProperty("cluster.jar", "target/party-building-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
		assertThat(jar).as("the built jar (./mvnw verify -Pcluster builds it first)").exists();
		Path bin = Infrastructure.postgresBin();
		work = Files.createTempDirectory("party-cluster");
		Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path pgRoot = work.resolve("pg");
		Infrastructure.own(pgRoot);
		System.out.println("[cluster] working in " + work + " with " + bin);

		Postgres primary = Postgres.primary(bin, pgRoot, pgRoot);
		servers.add(primary);
		try (Connection c = DriverManager.getConnection(primary.jdbcUrl("postgres")); Statement s = c.createStatement()) {
			s.execute("create database party");
		}
		Postgres replica = primary.replica(pgRoot);
		servers.add(replica);

		Path shared = work.resolve("shared");
		Files.createDirectories(shared);
		// the keys every node shares (one node's check-in code, sealed audit entry or encrypted phone number is
		// read by the other)
		String dataKey = randomKey();
		String auditKey = randomKey();
		String checkinKey = randomKey();
		String sandboxSecret = randomKey();
		for (int i = 1; i <= 2; i++) {
			int port = Infrastructure.freePort();
			nodes.add(new Node("node" + i, port, List.of("java", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
					"--server.port=" + port,
					"--spring.datasource.url=" + primary.jdbcUrl("party"), "--spring.datasource.username=postgres",
					"--party.datasource.replica.url=" + replica.jdbcUrl("party"),
					"--party.data-dir=" + shared, "--party.demo=true", "--party.dues.sandbox.enabled=true",
					"--party.security.data-key=" + dataKey, "--party.security.audit-key=" + auditKey,
					"--party.orglife.checkin-key=" + checkinKey, "--party.dues.sandbox.secret=" + sandboxSecret,
					// every request comes from haproxy's address
					"--party.security.anonymous-rate-limit=0",
					"--party.orglife.checkin-token-seconds=300",
					// both nodes schedule billing every ten seconds: ShedLock lets one run it at a time
					"--party.dues.billing-cron=*/10 * * * * *"), work.resolve("node" + i + ".log")));
		}
		long started = System.nanoTime();
		// one after the other: the first loads the demo university into the empty database
		for (Node node : nodes) {
			node.start();
			node.awaitHealthy(http, Duration.ofMinutes(8));
			System.out.printf("[cluster] %s up on port %d after %d s%n", node.name, node.port, secondsSince(started));
		}
		int lbPort = Infrastructure.freePort();
		haproxy = Infrastructure.haproxy(work, lbPort, nodes);
		Infrastructure.awaitHealthy(http, lbPort, Duration.ofSeconds(30), () -> haproxy.isAlive() ? null : "haproxy exited");

		String url = primary.jdbcUrl("party");
		long branchId = single(url, "select id from organization where code = 'SFDX-JSJ-01'");
		List<String> usernames = strings(url, """
				select a.username from member m join account a on a.id = m.account_id
				where m.organization_id = %d and a.enabled and not a.must_change_password order by m.id limit %d"""
			.formatted(branchId, MEMBERS));
		long replicaReadsBefore = replicaTransactions(replica);

		// the secretary plans the meetings; every member signs in (round robin: half the sessions on each node)
		Browser secretary = new Browser(http, lbPort, "branch1");
		secretary.signIn(PASSWORD);
		Instant start = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		List<Long> meetings = new ArrayList<>();
		for (int i = 0; i < MEETINGS; i++) {
			HttpResponse<String> planned = secretary.postJson("/api/v1/meetings", """
					{"orgId":%d,"type":"THEME_DAY","topic":"集群演练 %d","startAt":"%s","endAt":"%s","place":"线上",
					 "invitees":{"scope":"BRANCH"}}""".formatted(branchId, i, start, start.plus(1, ChronoUnit.HOURS)));
			assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
			meetings.add(number(ID, planned.body()));
		}
		Thread.sleep(1000); // the replica replays the new meetings
		Map<Long, String> tokens = new ConcurrentHashMap<>();
		for (long meeting : meetings) {
			HttpResponse<String> token = secretary.get("/api/v1/meetings/" + meeting + "/checkin-token");
			assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
			Matcher m = TOKEN.matcher(token.body());
			assertThat(m.find()).isTrue();
			tokens.put(meeting, m.group(1));
		}
		List<Browser> members = new ArrayList<>();
		for (String username : usernames) {
			Browser member = new Browser(http, lbPort, username);
			member.signIn(PASSWORD);
			members.add(member);
		}

		// the billing job's runs: ShedLock's row names the node and the time of each (watched every 50 ms)
		Set<String> billingRuns = ConcurrentHashMap.newKeySet();
		java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread watcher = new Thread(() -> {
			try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
				while (watching.get()) {
					try (ResultSet rs = s.executeQuery("select locked_at, locked_by from shedlock where name = 'dues-billing'")) {
						if (rs.next()) {
							billingRuns.add(rs.getTimestamp(1).toInstant() + " " + rs.getString(2));
						}
					}
					Thread.sleep(50);
				}
			}
			catch (SQLException | InterruptedException ex) {
				System.out.println("[cluster] billing watcher stopped: " + ex);
			}
		});
		watcher.start();

		// the load: each member checks in to each meeting (again after a failure, as a phone would), reading in between
		AtomicInteger told = new AtomicInteger();
		AtomicInteger failedCleanly = new AtomicInteger();
		AtomicInteger reads = new AtomicInteger();
		AtomicInteger readFailures = new AtomicInteger();
		AtomicInteger signIns = new AtomicInteger(members.size() + 1);
		Set<String> succeeded = ConcurrentHashMap.newKeySet();
		ExecutorService pool = Executors.newFixedThreadPool(members.size());
		List<Future<?>> load = new ArrayList<>();
		for (Browser member : members) {
			load.add(pool.submit(() -> {
				for (long meeting : meetings) {
					for (int attempt = 0; attempt < 5; attempt++) {
						try {
							HttpResponse<String> r = member.postJson("/api/v1/meetings/" + meeting + "/checkins",
									"{\"token\":\"" + tokens.get(meeting) + "\"}");
							if (r.statusCode() == 201 || r.statusCode() == 200) {
								told.incrementAndGet();
								succeeded.add(meeting + "/" + member.username);
								break;
							}
							failedCleanly.incrementAndGet();
						}
						catch (IOException ex) {
							failedCleanly.incrementAndGet();
						}
						Thread.sleep(1000);
					}
					try {
						int status = member.get("/api/v1/meetings/mine").statusCode();
						(status == 200 ? reads : readFailures).incrementAndGet();
					}
					catch (IOException ex) {
						readFailures.incrementAndGet();
					}
					Thread.sleep(700);
				}
				// and signs in again, on whichever node is there
				member.signIn(PASSWORD);
				signIns.incrementAndGet();
				return null;
			}));
		}
		Thread.sleep(3000);
		Node victim = nodes.get(1);
		victim.kill();
		List<String> incompleteAtKill = strings(url, "select id::text from event_publication where completion_date is null");
		System.out.printf("[cluster] %s killed (SIGKILL) mid-load; %d event publications incomplete just after%n", victim.name,
				incompleteAtKill.size());
		for (Future<?> f : load) {
			f.get(5, TimeUnit.MINUTES);
		}
		pool.shutdown();

		// sessions: every member's session (half opened by the dead node) still answers, without signing in again
		int sessionsContinued = 0;
		for (Browser member : members) {
			if (member.get("/api/v1/meetings/mine").statusCode() == 200) {
				sessionsContinued++;
			}
		}
		String meetingList = meetings.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
		long rows = single(url, "select count(*) from meeting_checkin where meeting_id in (" + meetingList + ")");
		List<String> rowKeys = strings(url, """
				select c.meeting_id || '/' || a.username from meeting_checkin c join member m on m.id = c.member_id
				join account a on a.id = m.account_id where c.meeting_id in (%s)""".formatted(meetingList));
		long doubleBills = single(url,
				"select count(*) from (select member_id, month from dues_bill group by 1, 2 having count(*) > 1) d");
		watching.set(false);
		watcher.join();
		// runs per firing (every ten seconds): more than one would be the job run by both nodes for one firing
		Map<Long, Long> runsPerFiring = billingRuns.stream().collect(java.util.stream.Collectors.groupingBy(
				run -> Instant.parse(run.split(" ")[0]).getEpochSecond() / 10, java.util.stream.Collectors.counting()));
		long nodesThatRan = billingRuns.stream().map(run -> run.split(" ", 2)[1]).distinct().count();
		long mostRunsInOneFiring = runsPerFiring.values().stream().mapToLong(Long::longValue).max().orElse(0);

		// the dead node comes back: the publications it left incomplete (those of the kill still incomplete now that
		// the live node has long finished its own) are delivered
		String atKill = incompleteAtKill.isEmpty() ? "null"
				: incompleteAtKill.stream().map(id -> "'" + id + "'").reduce((a, b) -> a + "," + b).orElseThrow();
		String leftSql = "select count(*) from event_publication where completion_date is null and id::text in (" + atKill + ")";
		long leftByDead = single(url, leftSql);
		victim.start();
		victim.awaitHealthy(http, Duration.ofMinutes(8));
		long incomplete = -1;
		for (int i = 0; i < 60 && incomplete != 0; i++) {
			incomplete = single(url, "select count(*) from event_publication where completion_date is null");
			if (incomplete != 0) {
				Thread.sleep(2000);
			}
		}
		long leftAfterRestart = single(url, leftSql);
		Thread.sleep(1500); // the replica's statistics are flushed about once a second
		long replicaReads = replicaTransactions(replica) - replicaReadsBefore;

		// the replica goes: reads answer from the primary
		replica.stop();
		servers.remove(replica);
		int readsWithoutReplica = 0;
		for (Browser member : members) {
			if (member.get("/api/v1/meetings/mine").statusCode() == 200) {
				readsWithoutReplica++;
			}
		}

		System.out.printf("""
				[cluster] counted:
				[cluster]   sign-ins                          %d
				[cluster]   check-ins told succeeded          %d (distinct %d), rows %d, failed cleanly and retried %d
				[cluster]   check-ins told but without a row  %d
				[cluster]   reads 200 / failed                %d / %d
				[cluster]   sessions continued after the kill %d of %d
				[cluster]   billing runs seen                 %d over %d firings, by %d node(s), at most %d for one firing
				[cluster]   bills written twice               %d
				[cluster]   incomplete publications           %d at the kill, %d of them left before the restart, %d after; %d in all after
				[cluster]   transactions on the replica       %d
				[cluster]   reads answered with it stopped    %d of %d
				""", signIns.get(), told.get(), succeeded.size(), rows, failedCleanly.get(),
				succeeded.stream().filter(k -> !rowKeys.contains(k)).count(), reads.get(), readFailures.get(),
				sessionsContinued, members.size(), billingRuns.size(), runsPerFiring.size(), nodesThatRan, mostRunsInOneFiring,
				doubleBills, incompleteAtKill.size(), leftByDead,
				leftAfterRestart, incomplete, replicaReads,
				readsWithoutReplica, members.size());

		assertThat(succeeded).as("every check-in told succeeded is a row").isSubsetOf(rowKeys);
		assertThat(rows).as("every row was told (or retried until told)").isEqualTo(succeeded.size());
		assertThat(succeeded).hasSize(MEETINGS * members.size());
		assertThat(sessionsContinued).isEqualTo(members.size());
		assertThat(doubleBills).isZero();
		assertThat(runsPerFiring).as("billing ran").isNotEmpty();
		assertThat(mostRunsInOneFiring).as("one run per firing, whatever the number of nodes").isEqualTo(1);
		assertThat(leftAfterRestart).as("publications left by the dead node, delivered after its restart").isZero();
		assertThat(incomplete).as("no publication incomplete after the restart").isZero();
		assertThat(replicaReads).as("read-only transactions on the replica").isPositive();
		assertThat(readsWithoutReplica).isEqualTo(members.size());
	}

	@AfterAll
	static void tearDown() throws Exception {
		for (Node node : nodes) {
			node.stop();
		}
		if (haproxy != null) {
			haproxy.destroy();
		}
		for (Postgres server : servers) {
			try {
				server.stop();
			}
			catch (RuntimeException ex) {
				System.out.println("[cluster] " + ex.getMessage());
			}
		}
		if (work != null && !Boolean.getBoolean("cluster.keep")) {
			FileSystemUtils.deleteRecursively(work);
		}
	}

	/** Committed transactions of the replica's database, as its statistics count them. */
	private static long replicaTransactions(Postgres replica) throws SQLException {
		return single(replica.jdbcUrl("party"), "select xact_commit + xact_rollback from pg_stat_database where datname = 'party'");
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return java.util.Base64.getEncoder().encodeToString(key);
	}

	private static long secondsSince(long nanos) {
		return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanos);
	}

	private static long number(Pattern pattern, String body) {
		Matcher m = pattern.matcher(body);
		assertThat(m.find()).as(body).isTrue();
		return Long.parseLong(m.group(1));
	}

	private static long single(String url, String sql) throws SQLException {
		try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static List<String> strings(String url, String sql) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return out;
	}
}
