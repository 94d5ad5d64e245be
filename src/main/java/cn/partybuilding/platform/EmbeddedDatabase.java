package cn.partybuilding.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.StringUtils;

/**
 * The embedded default: with no {@code spring.datasource.url} the platform starts a real PostgreSQL
 * whose data lives in {@code party.data-dir}/postgres, so a newcomer needs nothing but a JDK.
 * <p>
 * Contexts in one JVM that name the same folder share one server (reference-counted), which is what
 * lets the test suite run against one PostgreSQL per JVM. The last context to close stops it.
 */
class EmbeddedDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	static final String SOURCE_NAME = "partyEmbeddedDatabase";

	private static final Map<Path, Running> RUNNING = new HashMap<>();

	private record Running(EmbeddedPostgres server, int[] users) {
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment env = context.getEnvironment();
		if (StringUtils.hasText(env.getProperty("spring.datasource.url"))
				|| env.getPropertySources().contains(SOURCE_NAME)) {
			return;
		}
		Path dataDir = Path.of(env.getProperty("party.data-dir", "./data")).toAbsolutePath().normalize();
		boolean clean = env.getProperty("party.embedded.clean-on-start", Boolean.class, false);
		EmbeddedPostgres server = acquire(dataDir.resolve("postgres"), clean);

		Map<String, Object> props = new HashMap<>();
		props.put("spring.datasource.url", server.getJdbcUrl("postgres", "postgres"));
		props.put("spring.datasource.username", "postgres");
		props.put("spring.datasource.password", "");
		props.put("party.embedded.active", "true");
		env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));

		// Stop the server only after everything that uses the DataSource has been destroyed: a bean the
		// DataSource depends on is destroyed after it.
		Path pgDir = dataDir.resolve("postgres");
		context.addBeanFactoryPostProcessor(beanFactory -> {
			((BeanDefinitionRegistry) beanFactory).registerBeanDefinition(HANDLE_BEAN,
					BeanDefinitionBuilder.genericBeanDefinition(ServerHandle.class, () -> new ServerHandle(pgDir))
						.getBeanDefinition());
			if (beanFactory.containsBeanDefinition("dataSource")) {
				BeanDefinition dataSource = beanFactory.getBeanDefinition("dataSource");
				String[] dependsOn = dataSource.getDependsOn() == null ? new String[0] : dataSource.getDependsOn();
				String[] extended = Arrays.copyOf(dependsOn, dependsOn.length + 1);
				extended[dependsOn.length] = HANDLE_BEAN;
				dataSource.setDependsOn(extended);
			}
		});
	}

	private static final String HANDLE_BEAN = "partyEmbeddedDatabase";

	/** Releases this context's use of the server when the context is destroyed. */
	record ServerHandle(Path pgDir) implements DisposableBean {

		@Override
		public void destroy() {
			release(pgDir);
		}
	}

	private static synchronized EmbeddedPostgres acquire(Path pgDir, boolean clean) {
		Running running = RUNNING.get(pgDir);
		if (running == null) {
			try {
				Files.createDirectories(pgDir.getParent());
				stopOrphan(pgDir);
				if (clean) {
					// a run that was killed leaves its data behind, and initdb refuses a directory that is not empty
					FileSystemUtils.deleteRecursively(pgDir);
				}
				log.info("Starting embedded PostgreSQL with data in {}", pgDir);
				EmbeddedPostgres server = EmbeddedPostgres.builder()
					// Spring's own shutdown stops the server, after the beans that use it are gone
					.setRegisterShutdownHook(false)
					.setDataDirectory(pgDir)
					.setCleanDataDirectory(clean)
					.setServerConfig("timezone", "UTC")
					// the library defaults favour test speed over durability; this is where real data lives
					.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on")
					.setServerConfig("full_page_writes", "on")
					.start();
				running = new Running(server, new int[] { 0 });
				RUNNING.put(pgDir, running);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgDir
						+ " (is another platform instance using this data folder?)", ex);
			}
		}
		running.users()[0]++;
		return running.server();
	}

	/**
	 * A platform that was killed outright (kill -9, power loss of the JVM only) leaves its PostgreSQL
	 * running on the folder. A server still holding this very folder is asked to shut down (SIGTERM,
	 * PostgreSQL's smart shutdown: its clients are gone) before a new one starts.
	 */
	private static void stopOrphan(Path pgDir) {
		Path pidFile = pgDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		// a live platform holds the library's lock file: then the server is not an orphan, and not ours
		try (var channel = FileChannel.open(pgDir.resolve("epg-lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				var lock = channel.tryLock()) {
			if (lock == null) {
				throw new IllegalStateException("Another platform instance is using the data folder " + pgDir.getParent()
						+ "; give this one its own with --party.data-dir");
			}
		}
		catch (IOException ex) {
			log.warn("Could not check the lock of {}", pgDir, ex);
			return;
		}
		try {
			List<String> lines = Files.readAllLines(pidFile);
			long pid = Long.parseLong(lines.get(0).trim());
			String dataDir = lines.size() > 1 ? lines.get(1).trim() : "";
			ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(p -> Path.of(dataDir).toAbsolutePath().normalize().equals(pgDir.toAbsolutePath().normalize()))
				.filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
				.ifPresent(orphan -> {
					log.warn("Embedded PostgreSQL (pid {}) from an earlier run still holds {}: stopping it", pid, pgDir);
					orphan.destroy();
					orphan.onExit().orTimeout(60, TimeUnit.SECONDS).join();
				});
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not check {} for a server left from an earlier run", pidFile, ex);
		}
	}

	/** The embedded server of a data folder as the backup commands reach it; closing lets go of it. */
	record Attached(String jdbcUrl, boolean elsewhere, Runnable release) implements AutoCloseable {

		@Override
		public void close() {
			release.run();
		}
	}

	/**
	 * The embedded server on {@code dataDir}: the one this JVM already runs, the one a running platform in another
	 * process runs (its port is in {@code postmaster.pid}), or one started now on the folder (stopped on close).
	 */
	static Attached attach(Path dataDir) {
		Path pgDir = dataDir.toAbsolutePath().normalize().resolve("postgres");
		synchronized (EmbeddedDatabase.class) {
			if (!RUNNING.containsKey(pgDir)) {
				Integer port = portOfServerElsewhere(pgDir);
				if (port != null) {
					return new Attached("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres", true, () -> {
					});
				}
			}
			EmbeddedPostgres server = acquire(pgDir, false);
			return new Attached(server.getJdbcUrl("postgres", "postgres"), false, () -> release(pgDir));
		}
	}

	/** The port of the server a live platform in another process runs on the folder, or null. */
	private static Integer portOfServerElsewhere(Path pgDir) {
		Path pidFile = pgDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return null;
		}
		try (var channel = FileChannel.open(pgDir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				var lock = channel.tryLock()) {
			if (lock != null) {
				return null;
			}
			// postmaster.pid: pid, data folder, start time, port, ...
			return Integer.valueOf(Files.readAllLines(pidFile).get(3).trim());
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not find the port of the PostgreSQL running on " + pgDir, ex);
		}
	}

	private static synchronized void release(Path pgDir) {
		Running running = RUNNING.get(pgDir);
		if (running == null || --running.users()[0] > 0) {
			return;
		}
		RUNNING.remove(pgDir);
		try {
			running.server().close();
			log.info("Embedded PostgreSQL in {} stopped", pgDir);
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL in {} did not stop cleanly", pgDir, ex);
		}
	}
}
