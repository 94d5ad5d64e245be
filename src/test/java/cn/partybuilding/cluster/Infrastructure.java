package cn.partybuilding.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the cluster harness runs outside the JVM: Debian's PostgreSQL (a primary and a streaming replica made with
 * pg_basebackup, as the postgres user when the harness runs as root), nodes of the built jar, and haproxy.
 */
final class Infrastructure {

	private Infrastructure() {
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The newest of Debian's PostgreSQL server installations. */
	static Path postgresBin() throws IOException {
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			throw new IllegalStateException("Debian's PostgreSQL is not installed (apt-get install postgresql; .ci/run does)");
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map(v -> v.resolve("bin"))
				.filter(bin -> Files.isExecutable(bin.resolve("pg_basebackup")))
				.max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
				.orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under " + root));
		}
	}

	static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * Runs a command (as the postgres user when we are root: PostgreSQL refuses to run as root), its output to
	 * {@code log}.out, failing on failure.
	 */
	static void run(Path log, String... command) throws IOException, InterruptedException {
		Path out = log.resolveSibling(log.getFileName() + ".out");
		List<String> full = new ArrayList<>();
		if (root()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(List.of(command));
		Process process = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + tail(out) + tail(log));
		}
	}

	private static String tail(Path file) throws IOException {
		if (!Files.isReadable(file)) {
			return "";
		}
		List<String> lines = Files.readAllLines(file);
		return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
	}

	/** A folder the postgres user owns (when we are root). */
	static void own(Path folder) throws IOException, InterruptedException {
		Files.createDirectories(folder);
		if (root()) {
			Process chown = new ProcessBuilder("chown", "-R", "postgres:postgres", folder.toString()).inheritIO().start();
			chown.waitFor();
		}
	}

	/** One PostgreSQL server on a folder and a port. */
	record Postgres(Path bin, Path dir, int port, Path log) {

		String jdbcUrl(String database) {
			return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
		}

		void start() throws IOException, InterruptedException {
			run(log, bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l", log.toString(), "-w", "-t", "120", "start");
		}

		void stop() throws IOException, InterruptedException {
			run(log, bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "fast", "-w", "stop");
		}

		static Postgres primary(Path bin, Path root, Path logs) throws IOException, InterruptedException {
			Postgres pg = new Postgres(bin, root.resolve("primary"), freePort(), logs.resolve("primary.log"));
			run(pg.log, bin.resolve("initdb").toString(), "-D", pg.dir.toString(), "-U", "postgres", "--auth=trust", "-E",
					"UTF8", "--locale=C.UTF-8");
			pg.configure("wal_level = replica", "max_wal_senders = 5", "hot_standby = on");
			pg.start();
			return pg;
		}

		/** A streaming replica of {@code primary} (pg_basebackup -R writes its primary_conninfo and standby.signal). */
		Postgres replica(Path root, int replicaPort) throws IOException, InterruptedException {
			Postgres replica = new Postgres(bin, root.resolve("replica"), replicaPort, log.resolveSibling("replica.log"));
			run(replica.log, bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
					"postgres", "-D", replica.dir.toString(), "-R", "-X", "stream", "-c", "fast");
			replica.configure();
			replica.start();
			return replica;
		}

		private void configure(String... more) throws IOException {
			List<String> lines = new ArrayList<>(List.of("listen_addresses = '127.0.0.1'", "port = " + port,
					"unix_socket_directories = '" + dir + "'", "max_connections = 200", "fsync = off", "timezone = 'UTC'"));
			lines.addAll(List.of(more));
			Files.write(dir.resolve("postgresql.conf"), lines, java.nio.file.StandardOpenOption.APPEND);
		}
	}

	/** One platform node: the built jar on a port, against the shared database and data folder. */
	static final class Node {

		final String name;

		final int port;

		private final List<String> command;

		private final Path log;

		private Process process;

		Node(String name, int port, List<String> command, Path log) {
			this.name = name;
			this.port = port;
			this.command = command;
			this.log = log;
		}

		void start() throws IOException {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
		}

		/** The process, as the lock rows of its scheduled jobs name it (host/pid); -1 before it started. */
		long pid() {
			return process == null ? -1 : process.pid();
		}

		/** SIGKILL: no shutdown hook, no graceful end of requests, transactions or sessions. */
		void kill() throws InterruptedException {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}

		/**
		 * SIGSTOP, then SIGCONT after {@code paused}: the process stands still, as in a long garbage-collection pause or on
		 * a starved host, and what fell due meanwhile runs late when it goes on.
		 */
		void pause(Duration paused) throws IOException, InterruptedException {
			signal("STOP");
			try {
				Thread.sleep(paused.toMillis());
			}
			finally {
				signal("CONT");
			}
		}

		private void signal(String name) throws IOException, InterruptedException {
			int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).inheritIO().start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException("kill -" + name + " " + pid() + " exited " + exit);
			}
		}

		boolean alive() {
			return process != null && process.isAlive();
		}

		void stop() throws InterruptedException {
			if (process != null && process.isAlive()) {
				process.destroy();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					kill();
				}
			}
		}

		void awaitHealthy(HttpClient http, Duration timeout) throws Exception {
			Infrastructure.awaitHealthy(http, port, timeout, () -> process.isAlive() ? null : name + " exited; see " + log);
		}
	}

	static void awaitHealthy(HttpClient http, int port, Duration timeout, java.util.function.Supplier<String> dead)
			throws Exception {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			String why = dead.get();
			if (why != null) {
				throw new IllegalStateException(why);
			}
			try {
				HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException("port " + port + " not healthy after " + timeout);
	}

	/** haproxy in front of the nodes: round robin (no stickiness), health checks each second, retries elsewhere. */
	static Process haproxy(Path work, int port, List<Node> nodes) throws IOException {
		StringBuilder config = new StringBuilder("""
				global
				  maxconn 500
				defaults
				  mode http
				  timeout connect 2s
				  timeout client 60s
				  timeout server 60s
				  retries 2
				  option redispatch
				frontend web
				  bind 127.0.0.1:%d
				  default_backend nodes
				backend nodes
				  balance roundrobin
				  option httpchk GET /actuator/health
				  http-check expect status 200
				  default-server inter 1s fall 2 rise 2
				""".formatted(port));
		for (Node node : nodes) {
			config.append("  server ").append(node.name).append(" 127.0.0.1:").append(node.port).append(" check\n");
		}
		Path file = work.resolve("haproxy.cfg");
		Files.writeString(file, config);
		return new ProcessBuilder("haproxy", "-f", file.toString(), "-db").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("haproxy.log").toFile())).start();
	}
}
