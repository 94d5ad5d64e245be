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
import java.sql.PreparedStatement;
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
 * Three nodes of the built jar behind haproxy, on Debian's PostgreSQL with a streaming read replica; members sign in,
 * check in to meetings and pay their dues through the sandbox provider while one node is killed with SIGKILL, in the
 * middle of a big member import posted to it and right after a payment made on it. Then it counts: every check-in a
 * member was told succeeded is a row (and every row was told or retried), sessions opened on the dead node go on on
 * the others, every order a member was told paid has one payment row settling its bills and no order is half written,
 * the payment whose notification died with the node is settled by the order sweep, a replayed notification counts
 * once, the killed import left all its rows or none and one through haproxy all of them, the billing and arrears
 * reminder jobs that every node schedules every ten seconds ran once per firing however late a node reached it (the
 * first node to reach a firing claims it) and never two at once (ShedLock, its lock kept alive while a job runs and
 * free 30 s after its node died), wrote no bill twice and told each member
 * warned again once, the events left incomplete by the dead node are delivered after it restarts, read-only
 * transactions ran on the replica. With the replica's replay paused, a session that wrote reads its write (from the
 * primary, for a few seconds) where another reads the replica's older state. The node running the billing is killed
 * mid-run: the next firing on another node, once the lock ran out, bills the rest. With the replica stopped, reads
 * still answer. Run by {@code ./mvnw verify -Pcluster} (.ci/run); prints what it counted.
 */
class ClusterHarnessIT {

	private static final String PASSWORD = "Demo@2026";

	private static final int MEMBERS = 12;

	/** Nodes behind haproxy ({@code -Dcluster.nodes}); the second is killed mid-load, then whichever runs the billing. */
	private static final int NODES = Integer.getInteger("cluster.nodes", 3);

	/** The scheduled jobs' lock: extended while a job runs, free this long after its node died (at least 30 s). */
	private static final int LOCK_AT_MOST_SECONDS = 30;

	/** How long a session that wrote reads from the primary. */
	private static final int AFTER_WRITE_SECONDS = 5;

	private static final int MEETINGS = 8;

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private static final int PAYERS = 6;

	private static final String KILLED_PREFIX = "CLK";

	private static final int KILLED_ROWS = 3000;

	private static final String LB_PREFIX = "CLL";

	private static final int LB_ROWS = 300;

	private static final Pattern JOB_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

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
		// the replica is made once the demo is loaded: the loader reads rows it has just written in read-only
		// transactions, which a lagging replica may not have yet (the node reads from the primary meanwhile)
		int replicaPort = Infrastructure.freePort();
		String replicaUrl = "jdbc:postgresql://127.0.0.1:" + replicaPort + "/party?user=postgres";

		Path shared = work.resolve("shared");
		Files.createDirectories(shared);
		// the keys every node shares (one node's check-in code, sealed audit entry or encrypted phone number is
		// read by the other)
		String dataKey = randomKey();
		String auditKey = randomKey();
		String checkinKey = randomKey();
		String sandboxSecret = randomKey();
		for (int i = 1; i <= NODES; i++) {
			int port = Infrastructure.freePort();
			nodes.add(new Node("node" + i, port, List.of("java", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
					"--server.port=" + port,
					"--spring.datasource.url=" + primary.jdbcUrl("party"), "--spring.datasource.username=postgres",
					"--party.datasource.replica.url=" + replicaUrl,
					"--party.data-dir=" + shared, "--party.demo=true", "--party.dues.sandbox.enabled=true",
					"--party.security.data-key=" + dataKey, "--party.security.audit-key=" + auditKey,
					"--party.orglife.checkin-key=" + checkinKey, "--party.dues.sandbox.secret=" + sandboxSecret,
					// every request comes from haproxy's address
					"--party.security.anonymous-rate-limit=0",
					"--party.orglife.checkin-token-seconds=300",
					// every node schedules billing every ten seconds, and the arrears reminders five seconds after:
					// the first node to reach a firing claims it and runs it; ShedLock lets one run each at a time,
					// its lock kept alive while the job runs and free 30 s after a node died, held 5 s after a run.
					// Billing in chunks of 50 members takes seconds: a kill can cut it
					"--party.dues.billing-cron=*/10 * * * * *", "--party.dues.warn-cron=5/10 * * * * *",
					"--party.scheduling.lock-at-most-for=" + LOCK_AT_MOST_SECONDS + "s",
					"--party.scheduling.lock-at-least-for=5s", "--party.dues.billing.chunk-size=50",
					// a node reaching a firing another claimed says so, and how late: the harness counts them
					"--logging.level.cn.partybuilding.platform.CronFirings=debug",
					"--party.datasource.replica.after-write=" + AFTER_WRITE_SECONDS + "s",
					// an order unpaid for 40 s goes (the sweep, every 5 s, first asks the provider whether it was paid)
					"--party.dues.order-lifetime=40s", "--party.dues.order-sweep=5s"), work.resolve("node" + i + ".log")));
		}
		long started = System.nanoTime();
		// the first loads the demo university into the empty database; the others start together once it has
		Node first = nodes.get(0);
		first.start();
		first.awaitHealthy(http, Duration.ofMinutes(8));
		System.out.printf("[cluster] %s up on port %d after %d s%n", first.name, first.port, secondsSince(started));
		Postgres replica = primary.replica(pgRoot, replicaPort);
		servers.add(replica);
		for (Node node : nodes.subList(1, nodes.size())) {
			node.start();
		}
		for (Node node : nodes.subList(1, nodes.size())) {
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

		// members who owe months they may pay online (the last six), other than those checking in: they pay through
		// the sandbox under load; one more pays on the node about to die, just before it dies
		Map<String, List<String>> owed = new java.util.LinkedHashMap<>();
		try (Connection c = DriverManager.getConnection(url); java.sql.PreparedStatement s = c.prepareStatement("""
				select a.username, to_char(b.month, 'YYYY-MM') from dues_bill b join member m on m.id = b.member_id
				join account a on a.id = m.account_id
				where b.state = 'UNPAID' and b.order_id is null and b.amount > 0 and a.enabled and not a.must_change_password
				  and b.month >= date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '5 months'
				  and b.month <= now() at time zone 'Asia/Shanghai' and a.username <> all(?)
				order by m.id, b.month""")) {
			s.setArray(1, c.createArrayOf("varchar", usernames.toArray()));
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					List<String> months = owed.computeIfAbsent(rs.getString(1), u -> new ArrayList<>());
					if (owed.size() <= PAYERS + 1 && months.size() < 3) {
						months.add(rs.getString(2));
					}
				}
			}
		}
		owed.values().removeIf(List::isEmpty);
		assertThat(owed).as("members of the demo who owe dues").hasSizeGreaterThan(1);
		List<String> payerNames = new ArrayList<>(owed.keySet());
		// the last pays on the node that is killed, right before the kill (its notification dies with the node)
		Browser lastPayerOnVictim = new Browser(http, nodes.get(1).port, payerNames.remove(payerNames.size() - 1));
		lastPayerOnVictim.signIn(PASSWORD);
		List<Browser> payers = new ArrayList<>();
		for (String username : payerNames) {
			Browser payer = new Browser(http, lbPort, username);
			payer.signIn(PASSWORD);
			payers.add(payer);
		}
		SandboxPayments payments = new SandboxPayments();

		// imports: a big file on the node that is killed (mid-import), a smaller one through haproxy after the kill (by
		// another person: the first's import counts as running until its heartbeat is two minutes old)
		Browser importer = new Browser(http, lbPort, "college1");
		importer.signIn(PASSWORD);
		Browser importerOnVictim = new Browser(http, nodes.get(1).port, "admin");
		importerOnVictim.signIn(PASSWORD);
		Browser admin = new Browser(http, lbPort, "admin");
		admin.signIn(PASSWORD);

		// the scheduled jobs' runs: ShedLock's row names the node (host/pid) and the time of each, and how long the lock
		// holds (watched every 50 ms; the last seen is the run's end, or where a dead node left it)
		Map<String, Map<String, Instant>> jobRuns = Map.of("dues-billing", new ConcurrentHashMap<>(), "dues-arrears-warnings",
				new ConcurrentHashMap<>());
		java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread watcher = new Thread(() -> {
			try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
				while (watching.get()) {
					try (ResultSet rs = s.executeQuery("select name, locked_at, locked_by, lock_until from shedlock where name in ('dues-billing', 'dues-arrears-warnings')")) {
						while (rs.next()) {
							jobRuns.get(rs.getString(1)).put(rs.getTimestamp(2).toInstant() + " " + rs.getString(3),
									rs.getTimestamp(4).toInstant());
						}
					}
					Thread.sleep(50);
				}
			}
			catch (SQLException | InterruptedException ex) {
				System.out.println("[cluster] job watcher stopped: " + ex);
			}
		});
		watcher.start();
		Instant loadStarted = Instant.now();

		// the load starts once the big import writes its rows
		HttpResponse<String> bigImport = importerOnVictim.postFile("/api/v1/members/imports", "cluster-kill.xlsx",
				memberFile(KILLED_PREFIX, KILLED_ROWS, "SFDX-WX-01"));
		assertThat(bigImport.statusCode()).as(bigImport.body()).isEqualTo(202);
		String bigImportId = text(JOB_ID, bigImport.body());
		String bigPhase = awaitPhase(url, bigImportId, Set.of("WRITING", "FINISHED"), Duration.ofMinutes(3));
		System.out.printf("[cluster] import of %d rows on %s at %s after %d s%n", KILLED_ROWS, nodes.get(1).name, bigPhase,
				Duration.between(loadStarted, Instant.now()).toSeconds());

		// the reminders: thirty members (with accounts, not paying now) are warned again (their warnings given are
		// taken back): each must be warned exactly once more, in dues_warning and in 我的通知
		Instant remindersReset = Instant.now();
		List<String> rewarned = strings(url, """
				with gone as (delete from dues_warning where member_id in (
				  select distinct w.member_id from dues_warning w join member m on m.id = w.member_id
				  join account a on a.id = m.account_id where a.username <> all(array[%s]) order by 1 limit 30)
				  returning member_id, threshold)
				select member_id || '/' || threshold from gone""".formatted(owed.keySet().stream().map(u -> "'" + u + "'")
			.reduce((a, b) -> a + "," + b).orElseThrow()));
		String rewarnedMembers = rewarned.stream().map(r -> r.split("/")[0]).distinct().reduce((a, b) -> a + "," + b).orElse("0");

		// the load: each member checks in to each meeting (again after a failure, as a phone would), reading in between
		AtomicInteger told = new AtomicInteger();
		AtomicInteger failedCleanly = new AtomicInteger();
		AtomicInteger reads = new AtomicInteger();
		AtomicInteger readFailures = new AtomicInteger();
		AtomicInteger signIns = new AtomicInteger(members.size() + 1);
		Set<String> succeeded = ConcurrentHashMap.newKeySet();
		ExecutorService pool = Executors.newCachedThreadPool();
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
		// payers through haproxy, while node 2 dies
		for (Browser payer : payers) {
			List<String> months = owed.get(payer.username);
			load.add(pool.submit(() -> {
				payments.pay(payer, months);
				return null;
			}));
		}
		Thread.sleep(2000);
		// the kill: right after a payment on that node, its import writing
		bigPhase = awaitPhase(url, bigImportId, Set.of(), Duration.ZERO);
		String lostOrder = payments.open(lastPayerOnVictim, owed.get(lastPayerOnVictim.username).get(0));
		boolean lastPaid = lostOrder != null && payments.payOnce(lastPayerOnVictim, lostOrder);
		Node victim = nodes.get(1);
		victim.kill();
		Instant killedAt = Instant.now();
		Instant killedAtDb = dbNow(url);
		long victimPid = victim.pid();
		List<String> incompleteAtKill = strings(url, "select id::text from event_publication where completion_date is null");
		System.out.printf("[cluster] %s killed (SIGKILL) mid-load, the import of %d rows at %s, order %s paid on it: %s; %d event publications incomplete just after%n",
				victim.name, KILLED_ROWS, bigPhase, lostOrder, lastPaid, incompleteAtKill.size());
		// an import through haproxy while the load goes on (after a failure, the file again)
		Future<String> lbImport = pool.submit(() -> {
			for (int attempt = 0; attempt < 10; attempt++) {
				try {
					HttpResponse<String> r = importer.postFile("/api/v1/members/imports", "cluster-lb.xlsx",
							memberFile(LB_PREFIX, LB_ROWS, "SFDX-JSJ-01"));
					if (r.statusCode() == 202) {
						return text(JOB_ID, r.body());
					}
					System.out.println("[cluster] import through haproxy refused: " + r.statusCode() + " " + r.body());
				}
				catch (IOException ex) {
					// again
				}
				Thread.sleep(2000);
			}
			return null;
		});
		// by now the notification of the order paid on the dead node would have come
		Thread.sleep(5000);
		long unsettledAfterKill = payments.unsettled(url);
		String lostStateAfterKill = orderState(url, lostOrder);
		for (Future<?> f : load) {
			f.get(5, TimeUnit.MINUTES);
		}
		String lbImportId = lbImport.get(5, TimeUnit.MINUTES);
		pool.shutdown();
		String lbImportStatus = lbImportId == null ? "NOT STARTED" : awaitImport(importer, lbImportId, Duration.ofMinutes(5));

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
		// a reminder run the kill cut off wrote its batches up to the kill; the rest are the next firing's once the
		// dead node's lock runs out (LOCK_AT_MOST_SECONDS after the kill, then a firing every 10 s): a restart quicker
		// than that was counted before it (53 of 63). Waited for, then counted: given once, told once, as before
		String warnedAgain = "select count(*) from dues_warning where member_id in (" + rewarnedMembers + ")";
		String toldAgain = "from notification n join member m on m.account_id = n.account_id where m.id in (" + rewarnedMembers
				+ ") and n.title like '党费提醒：已连续%' and n.created_at >= '" + remindersReset + "'::timestamptz";
		Instant reminded = killedAt.plusSeconds(LOCK_AT_MOST_SECONDS + 30);
		while ((single(url, warnedAgain) < rewarned.size()
				|| single(url, "select count(distinct m.id) " + toldAgain) < rewarnedMembers.split(",").length)
				&& Instant.now().isBefore(reminded)) {
			Thread.sleep(1000);
		}
		// the jobs' runs the kill cut off (their lock never let go): the next firing after the lock ran out ran them
		String billingCutByKill = cutByKill(jobRuns.get("dues-billing"), victimPid, killedAtDb);
		String reminderCutByKill = cutByKill(jobRuns.get("dues-arrears-warnings"), victimPid, killedAtDb);

		// the reminders' rows: the warnings taken back are given again, once, and each member told once in 我的通知
		// (the event that tells may have been left by the dead node, delivered after its restart)
		long rewarnedRows = single(url, warnedAgain);
		long reminders = single(url, "select count(*) " + toldAgain);
		long remindedMembers = single(url, "select count(distinct m.id) " + toldAgain);

		// the killed import: cut off (failed once its heartbeat is two minutes old) or finished, never half written
		String bigStatus = awaitImport(admin, bigImportId,
				Duration.ofMinutes(3).minus(Duration.between(killedAt, Instant.now())).plusSeconds(10));
		long bigRows = single(url, "select count(*) from member where staff_number like '" + KILLED_PREFIX + "%'");
		long lbRows = single(url, "select count(*) from member where staff_number like '" + LB_PREFIX + "%'");
		// payments: the order paid on the dead node has lost its notification; the sweep asks the provider
		long unsettled = payments.unsettled(url);
		for (int i = 0; i < 60 && unsettled != 0; i++) {
			Thread.sleep(2000);
			unsettled = payments.unsettled(url);
		}
		String lostStateNow = orderState(url, lostOrder);
		long paymentRows = payments.payments(url);
		int replayed = payments.replay(http, lbPort, sandboxSecret, url);
		long paymentRowsAfterReplay = payments.payments(url);
		long toldPaidButNotWhole = payments.toldPaidButNotWhole(url);
		long halfWritten = payments.unpaidButHalfWritten(url);
		long[] misfits = SandboxPayments.globalMisfits(url);
		Thread.sleep(1500); // the replica's statistics are flushed about once a second
		long replicaReads = replicaTransactions(replica) - replicaReadsBefore;

		// read-your-own-writes: the replica stops replaying; the secretary plans a meeting and reads it back at once
		// (from the primary, for party.datasource.replica.after-write), another person does not see it yet (the
		// replica), nor the secretary once the window has passed; replaying again, the replica catches up
		OwnWrites ownWrites = readYourOwnWrites(replica, secretary, admin, branchId, start);

		// the node running the billing is killed mid-run: the lock it held is free 30 s later, the next firing on
		// another node bills what the cut run left, and no bill is written twice
		BillingCut billingCut = killTheBillingMidRun(url);

		// a node paused over a billing firing reaches it seconds late, past the lock's 5 s hold after the run on another
		// node: it finds the firing claimed and does not run it again
		String pausedOverAFiring = pauseOverAFiring();

		watching.set(false);
		watcher.join();
		long doubleBills = single(url,
				"select count(*) from (select member_id, month from dues_bill group by 1, 2 having count(*) > 1) d");
		// each cron firing is claimed by the first node to reach it (scheduled_firing); every run seen is the run of a
		// firing its node claimed (or a node's billing once it has started), and no firing ran twice however late another
		// node reached it; and no run began before the one before it had let go of its lock (or its dead node's lock ran
		// out)
		List<Run> billingRuns = runs(jobRuns.get("dues-billing"));
		List<Claim> billingClaims = claims(url, "dues-billing");
		Map<Instant, List<Run>> billingFirings = byFiring(billingRuns, billingClaims, true);
		List<Run> reminderRuns = runs(jobRuns.get("dues-arrears-warnings"));
		List<Claim> reminderClaims = claims(url, "dues-arrears-warnings");
		Map<Instant, List<Run>> reminderFirings = byFiring(reminderRuns, reminderClaims, false);
		long overlapping = overlaps(billingRuns) + overlaps(reminderRuns);
		long tooClose = tooClose(billingRuns) + tooClose(reminderRuns);
		String doubled = doubled(billingFirings) + doubled(reminderFirings);
		TurnedAway turnedAway = turnedAway(work);

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
				[cluster]   billing firings                   %s
				[cluster]   bills written twice               %d
				[cluster]   reminder firings                  %s
				[cluster]   runs begun before the last let go %d; less than 5 s after the last began %d
				[cluster]   firings run twice (or unclaimed)  %s
				[cluster]   firings found claimed             %s
				[cluster]   node paused over a firing         %s
				[cluster]   billing run cut by the kill       %s
				[cluster]   reminder run cut by the kill      %s
				[cluster]   reminders taken back / given again %d warnings of %d members / %d; told in 我的通知 %d times to %d members
				[cluster]   dues payers / orders              %d through haproxy + 1 on the killed node / %d orders
				[cluster]   orders told paid                  %d, not whole (one payment row, every bill paid by it) %d
				[cluster]   orders paid / open / expired / refund %d / %d / %d / %d; steps failed cleanly and retried %d, months given up %d
				[cluster]   orders unpaid but half written    %d; payment rows of unpaid orders %d, bills paid by two orders %d
				[cluster]   charges paid, order unsettled     %d 5 s after the kill (the order paid on the killed node: %s), %d after the sweep (%s)
				[cluster]   notifications replayed            %d acknowledged; payment rows %d before, %d after
				[cluster]   import killed on %s          %s at the kill, %s after; %d of %d rows present
				[cluster]   import through haproxy            %s; %d of %d rows present
				[cluster]   incomplete publications           %d at the kill, %d of them left before the restart, %d after; %d in all after
				[cluster]   transactions on the replica       %d
				[cluster]   own write read back, replay paused %d of %d reads by the writer; another session: %d (replica rows: %d); the writer %d s later: %d; the other once replayed: %d
				[cluster]   billing killed mid-run on %s      %s
				[cluster]   reads answered with it stopped    %d of %d
				""", signIns.get(), told.get(), succeeded.size(), rows, failedCleanly.get(),
				succeeded.stream().filter(k -> !rowKeys.contains(k)).count(), reads.get(), readFailures.get(),
				sessionsContinued, members.size(), firings(billingClaims, billingRuns, billingFirings), doubleBills,
				firings(reminderClaims, reminderRuns, reminderFirings), overlapping, tooClose, doubled.isEmpty() ? "none" : doubled,
				turnedAway, pausedOverAFiring,
				billingCutByKill, reminderCutByKill, rewarned.size(), rewarnedMembers.split(",").length, rewarnedRows, reminders,
				remindedMembers, payers.size(), payments.opened.size(), payments.toldPaid.size(), toldPaidButNotWhole,
				payments.inState(url, "PAID"), payments.inState(url, "OPEN"), payments.inState(url, "EXPIRED"),
				payments.inState(url, "REFUND"), payments.failedCleanly.get(), payments.gaveUp.get(), halfWritten, misfits[0],
				misfits[1], unsettledAfterKill, lostStateAfterKill, unsettled, lostStateNow, replayed, paymentRows,
				paymentRowsAfterReplay, victim.name, bigPhase, bigStatus, bigRows, KILLED_ROWS, lbImportStatus, lbRows, LB_ROWS,
				incompleteAtKill.size(), leftByDead,
				leftAfterRestart, incomplete, replicaReads, ownWrites.writerSaw(), ownWrites.writerTried(), ownWrites.otherStatus(),
				ownWrites.onReplica(), ownWrites.secondsLater(), ownWrites.writerLater(), ownWrites.otherReplayed(), billingCut.victim(),
				billingCut, readsWithoutReplica, members.size());

		assertThat(succeeded).as("every check-in told succeeded is a row").isSubsetOf(rowKeys);
		assertThat(rows).as("every row was told (or retried until told)").isEqualTo(succeeded.size());
		assertThat(succeeded).hasSize(MEETINGS * members.size());
		assertThat(sessionsContinued).isEqualTo(members.size());
		assertThat(doubleBills).isZero();
		assertThat(billingFirings).as("billing ran").isNotEmpty();
		assertThat(reminderFirings).as("the reminders ran").isNotEmpty();
		assertThat(doubled).as("each run the run of a firing its node claimed, no firing run twice").isEmpty();
		assertThat(turnedAway.times()).as("nodes reaching a firing another had claimed were turned away").isPositive();
		if (!pausedOverAFiring.startsWith("none")) {
			assertThat(turnedAway.pastTheHold()).as("the paused node, late past the hold, turned away").isPositive();
		}
		assertThat(tooClose).as("no run began within lock-at-least-for of the one before").isZero();
		assertThat(rewarned).as("warnings taken back").isNotEmpty();
		// a run the kill cut off wrote nothing (all or nothing); the next once its lock ran out (30 s) gave them
		assertThat(rewarnedRows).as("every warning taken back given again").isEqualTo(rewarned.size());
		assertThat(reminders).as("each member warned again told once").isEqualTo(rewarnedMembers.split(",").length);
		assertThat(overlapping).as("no run began while another node held the lock").isZero();
		assertThat(remindedMembers).as("no member told twice").isEqualTo(reminders);
		assertThat(payments.toldPaid).as("orders paid through haproxy across the kill").isNotEmpty();
		assertThat(toldPaidButNotWhole).as("every order told paid: one payment row, its bills paid by it").isZero();
		assertThat(halfWritten).as("orders not paid hold no payment and no paid bill").isZero();
		assertThat(misfits[0]).as("payment rows whose order is not paid").isZero();
		assertThat(misfits[1]).as("bills paid by two orders").isZero();
		assertThat(unsettled).as("charges the provider took, settled (the sweep asks for lost notifications)").isZero();
		assertThat(paymentRowsAfterReplay).as("a replayed notification counts once").isEqualTo(paymentRows);
		assertThat(replayed).as("replays acknowledged").isEqualTo(payments.inState(url, "PAID"));
		assertThat(bigRows).as("the killed import: every row or none").isIn(0L, (long) KILLED_ROWS);
		if (bigStatus.startsWith("DONE")) {
			assertThat(bigRows).isEqualTo(KILLED_ROWS);
		}
		else {
			assertThat(bigStatus).as("the killed import is reported failed").startsWith("FAILED");
			assertThat(bigRows).isZero();
		}
		assertThat(lbImportStatus).startsWith("DONE");
		assertThat(lbRows).as("the import through haproxy: every row").isEqualTo(LB_ROWS);
		assertThat(leftAfterRestart).as("publications left by the dead node, delivered after its restart").isZero();
		assertThat(incomplete).as("no publication incomplete after the restart").isZero();
		assertThat(replicaReads).as("read-only transactions on the replica").isPositive();
		assertThat(ownWrites.onReplica()).as("the replica, paused, lags").isZero();
		assertThat(ownWrites.otherStatus()).as("another session reads the replica").isEqualTo(404);
		assertThat(ownWrites.writerSaw()).as("the writer reads its own write").isEqualTo(ownWrites.writerTried());
		assertThat(ownWrites.writerLater()).as("the writer after the window: the replica again").isEqualTo(404);
		assertThat(ownWrites.otherReplayed()).as("the replica replaying again").isEqualTo(200);
		assertThat(billingCut.restoredAtKill()).as("the billing was killed mid-run").isLessThan(billingCut.restoredByWholeRun());
		assertThat(billingCut.nextBy()).as("the next billing run, on another node").isNotEqualTo(billingCut.victimLock());
		assertThat(billingCut.nextAt()).as("only once the dead node's lock ran out").isAfterOrEqualTo(billingCut.deadUntil());
		assertThat(billingCut.restoredAfter()).as("the next run billed what the cut run left")
			.isEqualTo(billingCut.restoredByWholeRun());
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

	/** A run of a scheduled job as its lock row showed it: begun, by which node, and the last time its lock held till. */
	record Run(Instant lockedAt, String lockedBy, Instant lastUntil) {

		/** Never let go (its node died mid-run): the lock ran out by itself, a lockAtMostFor after its last extension. */
		boolean cut(Instant killedAt) {
			return lastUntil.isAfter(killedAt)
					&& Duration.between(lockedAt, lastUntil).toSeconds() >= LOCK_AT_MOST_SECONDS - 1;
		}
	}

	/** The runs the watcher saw, in the order they began. */
	private static List<Run> runs(Map<String, Instant> seen) {
		return seen.entrySet().stream().map(e -> {
			String[] key = e.getKey().split(" ", 2);
			return new Run(Instant.parse(key[0]), key[1], e.getValue());
		}).sorted(java.util.Comparator.comparing(Run::lockedAt)).toList();
	}

	/**
	 * One live node stopped (SIGSTOP) from 2 s before a billing firing (every ten seconds) for 9 s, so that it reaches
	 * that firing 7 s late, after the run on another node has let go of its lock (held 5 s). Needs another live node.
	 */
	private static String pauseOverAFiring() throws Exception {
		List<Node> live = nodes.stream().filter(Node::alive).toList();
		if (live.size() < 2) {
			return "none (one node alive)";
		}
		Node paused = live.get(live.size() - 1);
		long toFiring = 10_000 - Instant.now().toEpochMilli() % 10_000;
		Thread.sleep(toFiring >= 2_000 ? toFiring - 2_000 : toFiring + 8_000);
		paused.pause(Duration.ofSeconds(9));
		// it runs what fell due at once: the billing firing, then the reminders'
		Thread.sleep(3_000);
		return paused.name + " stopped 9 s from 2 s before a billing firing";
	}

	/** A cron firing as the first node to reach it claimed it: the instant its cron gave, by which node, when. */
	record Claim(Instant firedAt, String claimedBy, Instant claimedAt) {
	}

	/** The job's claimed firings, in the order claimed (times as UTC, read as the lock rows' are). */
	private static List<Claim> claims(String url, String job) throws SQLException {
		List<Claim> claims = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement("""
				select timezone('utc', fired_at), claimed_by, timezone('utc', claimed_at) from scheduled_firing
				where job = ? order by claimed_at""")) {
			s.setString(1, job);
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					claims.add(new Claim(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getTimestamp(3).toInstant()));
				}
			}
		}
		return claims;
	}

	/** The key of the runs of no firing: a node's billing once it has started (BillingAtStart, one a process). */
	private static final Instant AT_START = Instant.EPOCH;

	/** The key of the runs of no firing their node claimed, other than its run at start. */
	private static final Instant UNCLAIMED = Instant.EPOCH.plusSeconds(1);

	/**
	 * The runs of each firing: a run is the run of the firing its node last claimed before it took the lock (a node
	 * claims, then locks), and a claim explains one run. A job that also runs once a node has started ({@code atStart}:
	 * the billing) may have one run of no firing a process; any other run no claim explains is {@link #UNCLAIMED} (a
	 * firing run twice would be one).
	 */
	private static Map<Instant, List<Run>> byFiring(List<Run> runs, List<Claim> claims, boolean atStart) {
		Map<Instant, List<Run>> firings = new java.util.TreeMap<>();
		Set<String> startedWithARun = new java.util.HashSet<>();
		for (Run run : runs) {
			Instant firing = claims.stream()
				.filter(claim -> claim.claimedBy().equals(run.lockedBy()) && !claim.claimedAt().isAfter(run.lockedAt()))
				.map(Claim::firedAt).reduce((first, later) -> later).filter(claimed -> !firings.containsKey(claimed))
				.orElse(null);
			if (firing == null) {
				firing = atStart && startedWithARun.add(run.lockedBy()) ? AT_START : UNCLAIMED;
			}
			firings.computeIfAbsent(firing, f -> new ArrayList<>()).add(run);
		}
		return firings;
	}

	/** Firings claimed since the first run the watcher saw, and runs, as printed. */
	private static String firings(List<Claim> all, List<Run> runs, Map<Instant, List<Run>> byFiring) {
		Instant from = runs.isEmpty() ? Instant.EPOCH : runs.get(0).lockedAt().minusSeconds(1);
		List<Claim> claims = all.stream().filter(claim -> !claim.claimedAt().isBefore(from)).toList();
		long latest = claims.stream().mapToLong(claim -> Duration.between(claim.firedAt(), claim.claimedAt()).toMillis())
			.max().orElse(0);
		return "%d claimed by %d node(s) (the latest %d ms after its instant); %d runs seen by %d node(s)%s"
			.formatted(claims.size(), claims.stream().map(Claim::claimedBy).distinct().count(), latest, runs.size(),
					runs.stream().map(Run::lockedBy).distinct().count(),
					byFiring.containsKey(AT_START) ? "; " + byFiring.get(AT_START).size() + " at a node's start" : "");
	}

	/** The runs no claim explains (a firing run twice would be one), as printed; empty when none. */
	private static String doubled(Map<Instant, List<Run>> byFiring) {
		return byFiring.getOrDefault(UNCLAIMED, List.of()).stream().map(run -> run.lockedAt() + " " + nodeOf(run.lockedBy()))
			.reduce("", (a, b) -> a + "unclaimed " + b + " ");
	}

	/** How often a node reached a firing another had claimed, and how late: the nodes' logs say (CronFirings, debug). */
	record TurnedAway(long times, long pastTheHold, long latestMillis) {

		@Override
		public String toString() {
			return "%d times, %d of them more than 5 s (lock-at-least-for) after the firing's instant, the latest %d ms after"
				.formatted(times, pastTheHold, latestMillis);
		}
	}

	private static TurnedAway turnedAway(Path work) throws IOException {
		Pattern line = Pattern.compile("claimed by another node; this one reached it (-?\\d+) ms");
		List<Long> late = new ArrayList<>();
		for (int i = 1; i <= NODES; i++) {
			Path log = work.resolve("node" + i + ".log");
			if (Files.exists(log)) {
				for (String text : Files.readAllLines(log)) {
					Matcher m = line.matcher(text);
					if (m.find()) {
						late.add(Long.parseLong(m.group(1)));
					}
				}
			}
		}
		return new TurnedAway(late.size(), late.stream().filter(ms -> ms > 5000).count(),
				late.stream().mapToLong(Long::longValue).max().orElse(0));
	}

	/** Runs begun less than lock-at-least-for (5 s) after the one before: ShedLock's hold. */
	private static long tooClose(List<Run> runs) {
		long close = 0;
		for (int i = 1; i < runs.size(); i++) {
			if (Duration.between(runs.get(i - 1).lockedAt(), runs.get(i).lockedAt()).toMillis() < 5000) {
				close++;
			}
		}
		return close;
	}

	/** Runs that began while the run before still held the lock (it had neither let go nor run out). */
	private static long overlaps(List<Run> runs) {
		long overlapping = 0;
		for (int i = 1; i < runs.size(); i++) {
			if (runs.get(i).lockedAt().isBefore(runs.get(i - 1).lastUntil())) {
				overlapping++;
			}
		}
		return overlapping;
	}

	/** The run of the dead node that its kill cut off, and the next run, as the harness prints them. */
	private static String cutByKill(Map<String, Instant> seen, long deadPid, Instant killedAt) {
		List<Run> runs = runs(seen);
		for (int i = 0; i < runs.size(); i++) {
			Run run = runs.get(i);
			if (run.lockedBy().endsWith("/" + deadPid) && run.cut(killedAt)) {
				String next = i + 1 < runs.size() ? "next run by %s %d s after the kill".formatted(nodeOf(runs.get(i + 1).lockedBy()),
						Duration.between(killedAt, runs.get(i + 1).lockedAt()).toSeconds()) : "no run since";
				return "begun %d s before the kill, its lock free %d s after it; %s".formatted(
						Duration.between(run.lockedAt(), killedAt).toSeconds(), Duration.between(killedAt, run.lastUntil()).toSeconds(), next);
			}
		}
		return "none (the kill found it not running)";
	}

	/** The node a lock row names (host/pid). */
	private static String nodeOf(String lockedBy) {
		return nodes.stream().filter(n -> lockedBy.endsWith("/" + n.pid())).map(n -> n.name).findFirst().orElse(lockedBy);
	}

	/** The database's time as the lock rows hold it (UTC, read as they are read). */
	private static Instant dbNow(String url) throws SQLException {
		try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select timezone('utc', now())")) {
			rs.next();
			return rs.getTimestamp(1).toInstant();
		}
	}

	/** The billing's lock row now, and whether it is in force. */
	record LockRow(Instant lockedAt, String lockedBy, Instant until, boolean inForce) {
	}

	private static LockRow billingLock(String url) throws SQLException {
		try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
				select locked_at, locked_by, lock_until, lock_until > timezone('utc', now()) from shedlock where name = 'dues-billing'""")) {
			return rs.next() ? new LockRow(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4))
					: new LockRow(Instant.EPOCH, "", Instant.EPOCH, false);
		}
	}

	/** Waits for the billing's lock row to show what is asked (or fails when the time is up). */
	private static LockRow awaitBillingLock(String url, java.util.function.Predicate<LockRow> wanted, Duration timeout, String what)
			throws Exception {
		long end = System.nanoTime() + timeout.toNanos();
		while (true) {
			LockRow row = billingLock(url);
			if (wanted.test(row)) {
				return row;
			}
			if (System.nanoTime() >= end) {
				throw new AssertionError("no " + what + " within " + timeout + "; the lock: " + row);
			}
			Thread.sleep(20);
		}
	}

	/** What the kill of the node running the billing showed, and what the next run on another node did. */
	record BillingCut(String victim, String victimLock, long takenBack, long restoredByWholeRun, long wholeRunMillis,
			long restoredAtKill, Instant deadUntil, long lockFreeAfter, String nextBy, Instant nextAt, long secondsToNext,
			long restoredAfter) {

		@Override
		public String toString() {
			return ("%d bills of the month taken back, a whole run billed %d again in %d ms; killed having billed %d, its lock "
					+ "free %d s after the kill, the next run by %s %d s after the kill billed the rest: %d of %d").formatted(
					takenBack, restoredByWholeRun, wholeRunMillis, restoredAtKill, lockFreeAfter, nodeOf(nextBy), secondsToNext,
					restoredAfter, restoredByWholeRun);
		}
	}

	/**
	 * The month's unpaid bills are taken back and billed again by a whole run (how many, how long); taken back again,
	 * the node that runs the billing is killed once it has written some: the next firing on another node, once the
	 * dead node's lock has run out, bills the rest.
	 */
	private static BillingCut killTheBillingMidRun(String url) throws Exception {
		String month = "date_trunc('month', now() at time zone 'Asia/Shanghai')::date";
		String unpaid = "from dues_bill where month = " + month + " and state = 'UNPAID' and order_id is null and payment_id is null";
		List<String> members = strings(url, "delete " + unpaid + " returning member_id::text");
		String ofThem = " and member_id = any(array[" + String.join(",", members) + "]::bigint[])";
		String restored = "select count(*) from dues_bill where month = " + month + ofThem;
		Instant taken = dbNow(url);
		awaitBillingLock(url, row -> row.lockedAt().isAfter(taken) && !row.inForce(), Duration.ofSeconds(90), "whole billing run");
		long whole = single(url, restored);
		long wholeMillis = single(url, "select coalesce(extract(epoch from max(created_at) - min(created_at)) * 1000, 0)::bigint from dues_bill where month = "
				+ month + ofThem);
		long takenAgain = strings(url, "delete " + unpaid + ofThem + " returning id").size();
		Instant takenAgainAt = dbNow(url);
		// the run begins on whichever node fires first; once it has written a chunk, its node dies
		LockRow running = awaitBillingLock(url, row -> {
			try {
				return row.lockedAt().isAfter(takenAgainAt) && (!row.inForce() || single(url, restored) > 0);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}, Duration.ofSeconds(60), "billing run after the bills were taken back");
		Node victim = nodes.stream().filter(n -> running.lockedBy().endsWith("/" + n.pid())).findFirst().orElseThrow();
		victim.kill();
		long atKill = single(url, restored);
		Instant killedAt = dbNow(url);
		LockRow left = billingLock(url);
		System.out.printf("[cluster] %s killed (SIGKILL) running the billing (lock %s until %s), %d of %d bills made again%n",
				victim.name, left.lockedBy(), left.until(), atKill, takenAgain);
		LockRow next = awaitBillingLock(url, row -> row.lockedAt().isAfter(killedAt),
				Duration.ofSeconds(LOCK_AT_MOST_SECONDS + 40), "billing run after the kill");
		awaitBillingLock(url, row -> row.lockedAt().equals(next.lockedAt()) && !row.inForce(), Duration.ofSeconds(90),
				"end of the billing run after the kill");
		return new BillingCut(victim.name, running.lockedBy(), takenAgain, whole, wholeMillis, atKill, left.until(),
				Duration.between(killedAt, left.until()).toSeconds(), next.lockedBy(), next.lockedAt(),
				Duration.between(killedAt, next.lockedAt()).toSeconds(), single(url, restored));
	}

	/** What the writer and another person read while the replica did not replay. */
	record OwnWrites(int writerSaw, int writerTried, int otherStatus, long onReplica, long secondsLater, int writerLater,
			int otherReplayed) {
	}

	/**
	 * With the replica's replay paused, the writer plans a meeting and reads it at once, through haproxy (any node):
	 * from the primary. Another person reads the replica (not there yet), and so does the writer once
	 * {@code party.datasource.replica.after-write} has passed; replaying again, the replica has it.
	 */
	private static OwnWrites readYourOwnWrites(Postgres replica, Browser writer, Browser other, long branchId, Instant start)
			throws Exception {
		String replicaUrl = replica.jdbcUrl("party");
		execute(replicaUrl, "select pg_wal_replay_pause()");
		for (int i = 0; i < 100 && !strings(replicaUrl, "select pg_get_wal_replay_pause_state()").get(0).equals("paused"); i++) {
			Thread.sleep(100);
		}
		int tried = 4;
		int saw = 0;
		int otherStatus;
		long onReplica;
		int writerLater;
		long meeting;
		try {
			HttpResponse<String> planned = writer.postJson("/api/v1/meetings", """
					{"orgId":%d,"type":"THEME_DAY","topic":"读己之写","startAt":"%s","endAt":"%s","place":"线上",
					 "invitees":{"scope":"BRANCH"}}""".formatted(branchId, start.plus(2, ChronoUnit.HOURS), start.plus(3, ChronoUnit.HOURS)));
			assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
			meeting = number(ID, planned.body());
			for (int i = 0; i < tried; i++) {
				if (writer.get("/api/v1/meetings/" + meeting).statusCode() == 200) {
					saw++;
				}
			}
			otherStatus = other.get("/api/v1/meetings/" + meeting).statusCode();
			onReplica = single(replicaUrl, "select count(*) from meeting where id = " + meeting);
			Thread.sleep((AFTER_WRITE_SECONDS + 1) * 1000L);
			writerLater = writer.get("/api/v1/meetings/" + meeting).statusCode();
		}
		finally {
			execute(replicaUrl, "select pg_wal_replay_resume()");
		}
		for (int i = 0; i < 300 && single(replicaUrl, "select count(*) from meeting where id = " + meeting) == 0; i++) {
			Thread.sleep(100);
		}
		return new OwnWrites(saw, tried, otherStatus, onReplica, AFTER_WRITE_SECONDS + 1, writerLater,
				other.get("/api/v1/meetings/" + meeting).statusCode());
	}

	private static void execute(String url, String sql) throws SQLException {
		try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	/** A good .xlsx of members of one branch, their staff numbers {@code prefix}-n. */
	private static byte[] memberFile(String prefix, int rows, String branch) throws IOException {
		List<List<Object>> sheet = new ArrayList<>();
		sheet.add(new ArrayList<>(cn.partybuilding.member.SheetFiles.HEADER));
		for (int i = 0; i < rows; i++) {
			sheet.add(cn.partybuilding.member.SheetFiles.row("集群" + prefix + i, prefix + "-" + i, branch,
					java.time.LocalDate.of(prefix.equals(LB_PREFIX) ? 1990 : 1980, 1, 1).plusDays(i)));
		}
		return cn.partybuilding.member.SheetFiles.xlsx(sheet);
	}

	/** The import's phase once it reaches one of these (or where it is when the time is up). */
	private static String awaitPhase(String url, String id, Set<String> phases, Duration timeout) throws Exception {
		long end = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<String> now = strings(url, "select phase || ' ' || status from member_import where id = '" + id + "'");
			String phase = now.isEmpty() ? "?" : now.get(0);
			if (phases.contains(phase.split(" ")[0]) || !phase.equals("?") && !phase.endsWith("RUNNING")
					|| System.nanoTime() >= end) {
				return phase;
			}
			Thread.sleep(100);
		}
	}

	/** The import's status (and counts) as its API says once it is no longer running, or when the time is up. */
	private static String awaitImport(Browser who, String id, Duration timeout) throws Exception {
		long end = System.nanoTime() + Math.max(timeout.toNanos(), 0);
		String status = "?";
		do {
			try {
				HttpResponse<String> r = who.get("/api/v1/members/imports/" + id);
				Matcher m = STATUS.matcher(r.body());
				status = m.find() ? m.group(1) : r.statusCode() + "";
				Matcher created = Pattern.compile("\"created\"\\s*:\\s*(\\d+)").matcher(r.body());
				if (!status.equals("RUNNING")) {
					return status + (created.find() ? " (" + created.group(1) + " created)" : "");
				}
			}
			catch (IOException ex) {
				// again
			}
			Thread.sleep(1000);
		}
		while (System.nanoTime() < end);
		return status;
	}

	private static String orderState(String url, String orderNo) throws SQLException {
		return orderNo == null ? "none" : strings(url, "select state from dues_order where order_no = '" + orderNo + "'").get(0);
	}

	private static String text(Pattern pattern, String body) {
		Matcher m = pattern.matcher(body);
		assertThat(m.find()).as(body).isTrue();
		return m.group(1);
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
