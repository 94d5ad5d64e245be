package cn.partybuilding.platform;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.StringUtils;

/**
 * The commands the main method runs instead of the web platform: {@code backup --to DIR} and {@code restore --from DIR}
 * (with {@code --passphrase-file F}, else the environment variable {@code PARTY_BACKUP_PASSPHRASE}, else asked on the
 * console; never on the command line). They read the platform's own settings (application.properties, the environment,
 * {@code --party.data-dir=...} or {@code --data-dir D} and any other {@code --key=value}), so they find the database
 * the platform uses: an external {@code spring.datasource.url}, the embedded server of a running platform, or the
 * embedded folder of a stopped one, started for the command.
 *
 * @param verb backup or restore
 * @param folder the backup's folder
 * @param passphraseFile where the passphrase is, or null
 * @param settings the platform settings given on the command line, as {@code --key=value}
 * @param problem what is wrong with the command line, or null
 */
public record BackupCommand(String verb, Path folder, Path passphraseFile, List<String> settings, String problem) {

	private static final String USAGE = """
			usage: java -jar party-building.jar backup  --to DIR    [--passphrase-file F] [--data-dir D] [--key=value ...]
			       java -jar party-building.jar restore --from DIR  [--passphrase-file F] [--data-dir D] [--key=value ...]
			The passphrase comes from --passphrase-file, else PARTY_BACKUP_PASSPHRASE, else the console (never the command line).""";

	static final int MIN_PASSPHRASE = 12;

	/** The command the arguments name, or empty when they start the platform. */
	public static Optional<BackupCommand> parse(String[] args) {
		if (args.length == 0 || !(args[0].equals("backup") || args[0].equals("restore"))) {
			return Optional.empty();
		}
		String verb = args[0];
		String folderOption = verb.equals("backup") ? "--to" : "--from";
		Path folder = null;
		Path passphraseFile = null;
		List<String> settings = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
			boolean separate = !arg.contains("=");
			if (name.equals(folderOption) || name.equals("--passphrase-file") || name.equals("--data-dir")) {
				if (value == null || value.isBlank()) {
					return Optional.of(invalid(verb, name + " needs a value"));
				}
				if (separate) {
					i++;
				}
				switch (name) {
					case "--passphrase-file" -> passphraseFile = Path.of(value);
					case "--data-dir" -> settings.add("--party.data-dir=" + value);
					default -> folder = Path.of(value);
				}
			}
			else if (name.startsWith("--passphrase") || name.equals("--party.backup.passphrase")) {
				return Optional.of(invalid(verb, "the passphrase is never given on the command line (others can read it): "
						+ "use --passphrase-file, PARTY_BACKUP_PASSPHRASE or the console"));
			}
			else if (name.startsWith("--") && arg.contains("=")) {
				settings.add(arg);
			}
			else {
				return Optional.of(invalid(verb, "unknown argument " + arg));
			}
		}
		if (folder == null) {
			return Optional.of(invalid(verb, folderOption + " DIR is required"));
		}
		return Optional.of(new BackupCommand(verb, folder.toAbsolutePath().normalize(), passphraseFile, List.copyOf(settings), null));
	}

	private static BackupCommand invalid(String verb, String problem) {
		return new BackupCommand(verb, null, null, List.of(), problem);
	}

	/** Runs the command; the process's exit status: 0 done, 1 failed, 2 refused, 64 wrong usage. */
	public int run() {
		return run(System.out, System.err);
	}

	int run(PrintStream out, PrintStream err) {
		if (problem != null) {
			err.println(problem);
			err.println(USAGE);
			return 64;
		}
		try (ConfigurableApplicationContext settingsOnly = settingsContext()) {
			Environment env = settingsOnly.getEnvironment();
			char[] passphrase = passphrase(verb.equals("backup"));
			try {
				return verb.equals("backup") ? backup(env, passphrase, out) : restore(env, passphrase, out);
			}
			finally {
				Arrays.fill(passphrase, '\0');
			}
		}
		catch (BackupArchive.Refused ex) {
			err.println(ex.getMessage());
			return 2;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			err.println(verb + " failed: " + ex);
			return 1;
		}
	}

	/** The platform's settings as it would read them, without starting it (nor its embedded database). */
	private ConfigurableApplicationContext settingsContext() {
		SpringApplication app = new SpringApplication(Settings.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setBannerMode(Banner.Mode.OFF);
		app.setLogStartupInfo(false);
		app.setRegisterShutdownHook(false);
		app.setInitializers(List.of());
		app.setDefaultProperties(Map.of("logging.level.root", "WARN"));
		return app.run(settings.toArray(String[]::new));
	}

	/** Nothing: the command's context exists for its settings. */
	static class Settings {
	}

	private int backup(Environment env, char[] passphrase, PrintStream out) throws IOException, SQLException {
		Path dataDir = dataDir(env);
		if (!StringUtils.hasText(env.getProperty("spring.datasource.url")) && !Files.isDirectory(dataDir.resolve("postgres"))) {
			throw new BackupArchive.Refused("No platform database in " + dataDir + " (give --data-dir, or the settings of "
					+ "the external database).");
		}
		long started = System.nanoTime();
		try (Database db = Database.of(env, dataDir); Connection connection = db.connect()) {
			BackupManifest manifest = BackupArchive.write(connection, db.kind(), dataDir, folderFiles(env), passphrase, folder);
			out.printf("Backup written to %s in %.1f s: schema version %s, %d tables, %d rows, key files %s, %s, %d bytes encrypted%n",
					folder, (System.nanoTime() - started) / 1e9, manifest.schemaVersion(), manifest.tables().size(),
					manifest.rows(), manifest.keyFiles(), manifest.filesIncluded() ? manifest.fileCount() + " uploaded files"
							: "uploaded files not included (they are in S3-compatible storage: back up the bucket)",
					manifest.encryptedBytes());
			if (manifest.keyFiles().isEmpty()) {
				out.println("No key files in " + dataDir.resolve("keys") + ": keep party.security.data-key (and any other "
						+ "configured key) yourself; the backup cannot be read without it.");
			}
			return 0;
		}
	}

	private int restore(Environment env, char[] passphrase, PrintStream out) throws IOException, SQLException {
		Path dataDir = dataDir(env);
		long started = System.nanoTime();
		BackupArchive.Opened backup = BackupArchive.open(folder, passphrase);
		backup.verify();
		BackupManifest manifest = backup.manifest();
		String highest = highestMigration(env);
		if (manifest.schemaVersion() == null || highest == null || MigrationVersion.fromVersion(manifest.schemaVersion())
			.compareTo(MigrationVersion.fromVersion(highest)) > 0) {
			throw new BackupArchive.Refused("The backup's schema version " + manifest.schemaVersion()
					+ " is newer than this platform's (" + highest + "): restore it with the platform version that wrote it ("
					+ manifest.platformVersion() + ") or a newer one. Nothing was written.");
		}
		boolean files = folderFiles(env);
		if (!BackupArchive.isEmpty(dataDir.resolve("keys")) || files && !BackupArchive.isEmpty(dataDir.resolve("files"))) {
			throw new BackupArchive.Refused("The data folder " + dataDir + " already holds keys or files: restore goes into a "
					+ "new data folder (--data-dir NEW). Nothing was written.");
		}
		try (Database db = Database.of(env, dataDir)) {
			if (db.elsewhere()) {
				throw new BackupArchive.Refused("A platform is running on " + dataDir + ": restore goes into a new data folder "
						+ "(--data-dir NEW), with no platform running on it. Nothing was written.");
			}
			try (Connection connection = db.connect()) {
				if (!DatabaseDump.isEmpty(connection)) {
					throw new BackupArchive.Refused("The database " + db.url() + " is not empty: restore goes into an empty "
							+ "database. Nothing was written.");
				}
			}
			Flyway.configure()
				.dataSource(db.url(), db.user(), db.password())
				.locations(locations(env))
				.target(MigrationVersion.fromVersion(manifest.schemaVersion()))
				.load()
				.migrate();
			try (Connection connection = db.connect()) {
				backup.restore(connection, dataDir, files);
			}
		}
		out.printf("Restored %s (written %s, schema version %s) into %s in %.1f s: %d tables, %d rows, key files %s%s.%n"
				+ "Start the platform on it (--party.data-dir=%s): it migrates to its own version and does not load the demo.%n",
				folder, manifest.createdAt(), manifest.schemaVersion(), dataDir, (System.nanoTime() - started) / 1e9,
				manifest.tables().size(), manifest.rows(), manifest.keyFiles(),
				manifest.filesIncluded() ? ", " + manifest.fileCount() + " uploaded files" : "", dataDir);
		return 0;
	}

	private static Path dataDir(Environment env) {
		return Path.of(env.getProperty("party.data-dir", "./data")).toAbsolutePath().normalize();
	}

	private static boolean folderFiles(Environment env) {
		return env.getProperty("party.files.store", "fs").equals("fs");
	}

	private static String[] locations(Environment env) {
		return StringUtils.commaDelimitedListToStringArray(env.getProperty("spring.flyway.locations", "classpath:db/migration"));
	}

	/** The last migration this platform carries. */
	private static String highestMigration(Environment env) throws IOException {
		MigrationVersion highest = null;
		var resolver = new PathMatchingResourcePatternResolver();
		for (String location : locations(env)) {
			for (Resource resource : resolver.getResources(location.trim() + "/V*__*.sql")) {
				String name = resource.getFilename();
				MigrationVersion version = MigrationVersion.fromVersion(name.substring(1, name.indexOf("__")).replace('_', '.'));
				if (highest == null || version.compareTo(highest) > 0) {
					highest = version;
				}
			}
		}
		return highest == null ? null : highest.getVersion();
	}

	private char[] passphrase(boolean confirm) throws IOException {
		char[] passphrase;
		if (passphraseFile != null) {
			String text = Files.readString(passphraseFile, StandardCharsets.UTF_8);
			passphrase = text.replaceAll("[\\r\\n]+$", "").toCharArray();
		}
		else if (StringUtils.hasText(System.getenv("PARTY_BACKUP_PASSPHRASE"))) {
			passphrase = System.getenv("PARTY_BACKUP_PASSPHRASE").toCharArray();
		}
		else {
			Console console = System.console();
			if (console == null) {
				throw new BackupArchive.Refused("No passphrase: give --passphrase-file F or set PARTY_BACKUP_PASSPHRASE.");
			}
			passphrase = console.readPassword("Passphrase for the backup: ");
			if (confirm && !Arrays.equals(passphrase, console.readPassword("The same passphrase again: "))) {
				throw new BackupArchive.Refused("The two passphrases differ.");
			}
		}
		if (confirm && passphrase.length < MIN_PASSPHRASE) {
			throw new BackupArchive.Refused("The passphrase must have at least " + MIN_PASSPHRASE + " characters.");
		}
		return passphrase;
	}

	/** The database the platform's settings name, reached for the command. */
	private record Database(String kind, String url, String user, String password, boolean elsewhere, AutoCloseable handle)
			implements AutoCloseable {

		static Database of(Environment env, Path dataDir) {
			String url = env.getProperty("spring.datasource.url");
			if (StringUtils.hasText(url)) {
				return new Database("external", url, env.getProperty("spring.datasource.username"),
						env.getProperty("spring.datasource.password"), false, () -> {
						});
			}
			EmbeddedDatabase.Attached attached = EmbeddedDatabase.attach(dataDir);
			return new Database("embedded", attached.jdbcUrl(), "postgres", "", attached.elsewhere(), attached);
		}

		Connection connect() throws SQLException {
			return DriverManager.getConnection(url, user, password);
		}

		@Override
		public void close() {
			try {
				handle.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}
}
