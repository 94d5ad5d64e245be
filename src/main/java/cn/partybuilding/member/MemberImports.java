package cn.partybuilding.member;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.ImportColumns.CellProblem;
import cn.partybuilding.member.ImportColumns.Column;
import cn.partybuilding.member.ImportColumns.ParsedRow;
import cn.partybuilding.member.ImportJobs.ImportError;
import cn.partybuilding.member.ImportJobs.ImportStatus;
import cn.partybuilding.member.ImportJobs.Mode;
import cn.partybuilding.member.ImportJobs.OnExisting;
import cn.partybuilding.member.ImportJobs.Phase;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * Member imports from the spreadsheets offices keep. The upload is checked at once (a spreadsheet, not
 * encrypted, not too large) and answered with a job; the job then reads every row, checks each against
 * the same rules as the form plus the file's own duplicates, and writes in one transaction — all rows,
 * or (VALID_ONLY) all good rows — so a crash never leaves half a file. Rows outside the importer's
 * scope are errors. Jobs run one at a time: two 50 000-row files at once would not fit a small heap.
 */
@Service
class MemberImports implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MemberImports.class);

	private static final Role[] MANAGE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY };

	private static final int PROGRESS_EVERY = 2000;

	private static final int LOOKUP_CHUNK = 1000;

	private final ImportJobs jobs;

	private final MemberRules rules;

	private final MemberBulkWriter writer;

	private final TransactionTemplate writing;

	private final AccountManagement accounts;

	private final OrganizationScope scope;

	private final SensitiveData sensitive;

	private final JdbcTemplate jdbc;

	private final Members members;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Path uploads;

	private final long maxBytes;

	private final int maxRows;

	/** Jobs waiting or running in this instance: at most {@link #QUEUE} at once, one per person. */
	private static final int QUEUE = 5;

	private final Set<UUID> active = ConcurrentHashMap.newKeySet();

	private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "member-import");
		t.setDaemon(true);
		return t;
	});

	/** Keeps the jobs of this instance alive in the table, so only those of a stopped instance read as cut off. */
	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "member-import-heartbeat");
		t.setDaemon(true);
		return t;
	});

	MemberImports(ImportJobs jobs, MemberRules rules, MemberBulkWriter writer, PlatformTransactionManager transactions,
			AccountManagement accounts,
			OrganizationScope scope, SensitiveData sensitive, JdbcTemplate jdbc, Members members, MessageSource messages,
			ApplicationEventPublisher events, @Value("${party.data-dir}") Path dataDir,
			@Value("${party.member.import.max-file-size:20MB}") DataSize maxSize,
			@Value("${party.member.import.max-rows:100000}") int maxRows) throws IOException {
		this.jobs = jobs;
		this.rules = rules;
		this.writer = writer;
		this.writing = new TransactionTemplate(transactions);
		this.accounts = accounts;
		this.scope = scope;
		this.sensitive = sensitive;
		this.jdbc = jdbc;
		this.members = members;
		this.messages = messages;
		this.events = events;
		this.maxBytes = maxSize.toBytes();
		this.maxRows = maxRows;
		this.uploads = dataDir.resolve("imports");
		Files.createDirectories(uploads);
		// POI's own temporary files (streamed workbooks, the password sheet among them) stay in the data
		// folder, readable by the platform only, and not in a shared /tmp
		Path poiTemp = dataDir.resolve("tmp");
		Files.createDirectories(poiTemp);
		restrict(uploads);
		restrict(poiTemp);
		TempFile.setTempFileCreationStrategy(
				new DefaultTempFileCreationStrategy(poiTemp.toFile()));
		heartbeat.scheduleWithFixedDelay(() -> {
			try {
				jobs.heartbeat(active);
			}
			catch (RuntimeException e) {
				log.warn("Import heartbeat failed: {}", e.getClass().getName());
			}
		}, 20, 20, TimeUnit.SECONDS);
		// uploads of a job cut off by a stop hold personal data and will never be read again
		try (var leftovers = Files.list(uploads)) {
			leftovers.forEach(f -> f.toFile().delete());
		}
	}

	/** Owner-only permissions where the file system has them: uploads hold personal data. */
	private static void restrict(Path path) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions
				.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the data folder's own permissions apply
		}
	}

	/** Whether the caller imports members at all (pages show the button). */
	static boolean mayImport(Caller caller) {
		return caller.has(MANAGE);
	}

	long maxBytes() {
		return maxBytes;
	}

	/** Checks the upload and queues the job; the file's rows are read in the background. */
	UUID start(Caller caller, String fileName, long size, InputStream content, Mode mode, OnExisting onExisting)
			throws IOException {
		if (!mayImport(caller)) {
			throw new NotPermittedException("member-import", "*", "import");
		}
		if (size <= 0) {
			throw new FieldProblem("file", "member.import.empty");
		}
		if (size > maxBytes) {
			throw new FieldProblem("file", "member.import.tooLarge", maxBytes / (1024 * 1024));
		}
		if (jobs.running(caller.accountId())) {
			throw new FieldProblem("file", "member.import.busy");
		}
		if (active.size() >= QUEUE) {
			throw new FieldProblem("file", "member.import.queueFull");
		}
		UUID id = UUID.randomUUID();
		Path file = uploads.resolve(id + ".upload");
		Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
		restrict(file);
		SpreadsheetRows.Kind kind;
		try {
			if (Files.size(file) > maxBytes) {
				throw new FieldProblem("file", "member.import.tooLarge", maxBytes / (1024 * 1024));
			}
			kind = SpreadsheetRows.kindOf(file);
		}
		catch (RuntimeException refused) {
			Files.deleteIfExists(file);
			throw refused;
		}
		String name = fileName == null || fileName.isBlank() ? "未命名文件" : Path.of(fileName).getFileName().toString();
		name = name.length() > 200 ? name.substring(name.length() - 200) : name;
		jobs.create(id, caller.accountId(), caller.username(), name, mode, onExisting);
		jobs.forgetCredentialsOlderThan(Duration.ofDays(1));
		active.add(id);
		String shownName = name;
		runner.execute(() -> run(id, caller, shownName, file, kind, mode, onExisting));
		return id;
	}

	/** The branches and groups the caller may import into, with their parents' names (for the template). */
	record Branches(List<OrgRef> organizations, Map<Long, String> parentNames) {
	}

	Branches branchesFor(Caller caller) {
		List<OrgRef> reach = scope.findAll(scope.visibleTo(caller, MANAGE)).stream()
			.filter(o -> o.type() == OrgType.BRANCH || o.type() == OrgType.GROUP)
			.sorted(Comparator.comparing(OrgRef::code))
			.toList();
		Map<Long, String> parents = scope.findAll(reach.stream().map(OrgRef::parentId).filter(Objects::nonNull)
			.collect(Collectors.toSet())).stream().collect(Collectors.toMap(OrgRef::id, OrgRef::name));
		return new Branches(reach, parents);
	}

	ImportStatus status(Caller caller, UUID id) {
		return jobs.find(id, caller.accountId()).orElseThrow(() -> new OutOfScopeException("member-import", id));
	}

	List<ImportStatus> recent(Caller caller) {
		return jobs.recent(caller.accountId(), 10);
	}

	/** A new account's one-time password, handed to the importer once. */
	record Credential(String staffNumber, String name, String organization, String password) {
	}

	/** The one-time passwords of the accounts a job opened; they can be taken once, then they are gone. */
	record CredentialsTaken(String importId, int count) implements AuditableEvent {

		@Override
		public String action() {
			return "member.import.credentials";
		}

		@Override
		public String entityType() {
			return "member-import";
		}

		@Override
		public String entityId() {
			return importId;
		}

		@Override
		public String summary() {
			return "下载导入所开账号的初始密码单（" + count + " 个账号），下载后已从平台删除";
		}
	}

	Optional<List<Credential>> takeCredentials(Caller caller, UUID id) {
		status(caller, id);
		return jobs.takeCredentials(id, caller.accountId()).map(stored -> {
			List<Credential> list = sensitive.decrypt(stored).lines().map(line -> line.split("\t", -1))
				.map(f -> new Credential(f[0], f[1], f[2], f[3]))
				.toList();
			events.publishEvent(new CredentialsTaken(id.toString(), list.size()));
			return list;
		});
	}

	// ---- the job ----

	private void run(UUID id, Caller caller, String fileName, Path file, SpreadsheetRows.Kind kind, Mode mode,
			OnExisting onExisting) {
		try {
			Outcome outcome = check(id, caller, file, kind, onExisting);
			List<ImportError> errors = outcome.errors();
			int errorCount = errors.size();
			if (errorCount > 0 && mode == Mode.ALL_OR_NOTHING) {
				failed(id, caller, fileName, errors, errorCount,
						"文件中有 " + errorCount + " 处错误（" + outcome.wrongRows() + " 行），按“全部正确才导入”未写入任何数据。请改正后重新导入。");
				return;
			}
			int toWrite = outcome.creations().size() + outcome.corrections().size();
			jobs.progress(id, Phase.WRITING, outcome.totalRows(), outcome.totalRows(), toWrite, 0);
			// the rows and the job's "done" commit together: a stop between two commits would report a
			// written file as failed, and the office would import it again
			writing.executeWithoutResult(t -> {
				MemberBulkWriter.Written written = writer.write(id.toString(), fileName, outcome.creations(),
						outcome.corrections(), outcome.skipped(), caller.username(), null,
						n -> jobs.progress(id, Phase.WRITING, outcome.totalRows(), outcome.totalRows(), toWrite, n));
				jobs.done(id, written.created(), written.updated(), outcome.skipped(), errors, errorCount,
						summary(written, outcome.skipped(), errorCount, outcome.warnings().size()),
						credentials(written, outcome.creations()), outcome.warnings());
			});
		}
		catch (FieldProblem problem) {
			failed(id, caller, fileName, List.of(), 0,
					String.join("；", problem.messages(messages, Locale.SIMPLIFIED_CHINESE).values()));
		}
		catch (DataIntegrityViolationException e) {
			// someone registered the same 学号 or ID-card number while this file was being checked
			failed(id, caller, fileName, List.of(), 0,
					"导入期间有人登记了文件中的学号/工号或身份证号，未写入任何数据。请重新导入（已在库中的党员会按所选方式跳过或更新）。");
		}
		catch (RuntimeException e) {
			// the class and the SQL state only: messages of batch inserts carry the rows, which are personal
			log.error("Member import {} failed: {} {}", id, e.getClass().getName(), sqlState(e));
			failed(id, caller, fileName, List.of(), 0, "导入时发生错误，未写入任何数据。请稍后重试，或联系系统管理员。");
		}
		finally {
			file.toFile().delete();
			active.remove(id);
		}
	}

	/** An import that wrote nothing is audited too: a file of numbers to test is an attempt worth seeing. */
	record ImportRefused(String importId, String summary, String actor) implements AuditableEvent {

		@Override
		public String action() {
			return "member.import";
		}

		@Override
		public String entityType() {
			return "member-import";
		}

		@Override
		public String entityId() {
			return importId;
		}

		@Override
		public Outcome outcome() {
			return Outcome.FAILURE;
		}
	}

	private void failed(UUID id, Caller caller, String fileName, List<ImportError> errors, int errorCount, String message) {
		jobs.failed(id, errors, errorCount, message);
		events.publishEvent(new ImportRefused(id.toString(), "导入党员信息未写入（" + fileName + "）：" + message, caller.username()));
	}

	private static String sqlState(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql) {
				return "SQLState " + sql.getSQLState();
			}
		}
		return "";
	}

	private static String summary(MemberBulkWriter.Written written, int skipped, int errors, int warnings) {
		String text = "导入完成：新增 " + written.created() + " 人，更新 " + written.updated() + " 人，跳过已有 " + skipped + " 人";
		text = errors == 0 ? text + "。" : text + "；" + errors + " 处错误所在的行未导入，改正后可只导入这些行。";
		return warnings == 0 ? text : text + "另有 " + warnings + " 行作为历史记录导入，转正日期不符合预备期规定，请核对档案。";
	}

	private String credentials(MemberBulkWriter.Written written, List<MemberBulkWriter.Creation> creations) {
		if (written.accounts().isEmpty()) {
			return null;
		}
		Map<Long, String> orgNames = scope.findAll(creations.stream().map(c -> c.form().organizationId()).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(OrgRef::id, OrgRef::name));
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < creations.size(); i++) {
			var form = creations.get(i).form();
			var account = written.accounts().get(i);
			lines.append(account.username()).append('\t').append(MemberRules.normalized(form).name()).append('\t')
				.append(orgNames.getOrDefault(form.organizationId(), "")).append('\t').append(account.initialPassword()).append('\n');
		}
		return sensitive.encrypt(lines.toString());
	}

	private record Outcome(int totalRows, List<MemberBulkWriter.Creation> creations,
			List<MemberBulkWriter.Correction> corrections, int skipped, List<ImportError> errors, int wrongRows,
			List<ImportError> warnings) {
	}

	private record Existing(long id, long organizationId) {
	}

	/** Reads every row and sorts it: to create, to correct, to skip, or wrong (with every reason). */
	private Outcome check(UUID id, Caller caller, Path file, SpreadsheetRows.Kind kind, OnExisting onExisting) {
		jobs.progress(id, Phase.READING, null, 0, 0, 0);
		OrganizationNames organizations = new OrganizationNames(caller);
		List<ParsedRow> rows = new ArrayList<>();
		ImportColumns[] columns = { null };
		SpreadsheetRows.read(file, kind, maxRows, new SpreadsheetRows.RowHandler() {
			private Integer total;

			@Override
			public void size(int lastRowNumber) {
				total = lastRowNumber;
			}

			@Override
			public void row(int number, List<String> cells) {
				if (columns[0] == null) {
					columns[0] = ImportColumns.header(cells).orElse(null);
					if (columns[0] == null && number >= 10) {
						throw new FieldProblem("file", "member.import.noHeader");
					}
					return;
				}
				if (ImportColumns.isExample(cells, columns[0])) {
					return; // the template's example row, left in
				}
				if (rows.size() >= maxRows) {
					throw new FieldProblem("file", "member.import.tooManyRows", maxRows);
				}
				rows.add(columns[0].parse(number, cells, organizations::resolve));
				if (rows.size() % PROGRESS_EVERY == 0) {
					jobs.progress(id, Phase.READING, total, number, 0, 0);
				}
			}
		});
		if (columns[0] == null) {
			throw new FieldProblem("file", "member.import.noHeader");
		}
		if (rows.isEmpty()) {
			throw new FieldProblem("file", "member.import.noRows");
		}
		ImportColumns header = columns[0];
		int lastRow = rows.get(rows.size() - 1).row();
		jobs.progress(id, Phase.CHECKING, lastRow, lastRow, 0, 0);

		Map<String, Existing> existingByStaff = existingByStaffNumber(rows);
		Map<String, Long> existingByIdCard = existingByIdCard(rows);
		Set<String> usernamesTaken = accounts.usernamesTaken(rows.stream()
			.map(r -> r.form().staffNumber())
			.filter(s -> !s.isEmpty() && !existingByStaff.containsKey(s.toLowerCase(Locale.ROOT)))
			.toList());
		Map<String, Integer> firstRowOfStaff = new HashMap<>();
		Map<String, Integer> firstRowOfIdCard = new HashMap<>();
		MemberRules.Lookups lookups = new MemberRules.Lookups() {
			@Override
			public boolean idCardTaken(List<String> hashes, long exceptId) {
				return hashes.stream().map(existingByIdCard::get).anyMatch(owner -> owner != null && owner != exceptId);
			}

			@Override
			public boolean staffNumberTaken(String staffNumber, long exceptId) {
				Existing owner = existingByStaff.get(staffNumber.toLowerCase(Locale.ROOT));
				return owner != null && owner.id() != exceptId;
			}

			@Override
			public OrgType typeOf(long organizationId) {
				return organizations.typeOf(organizationId);
			}
		};

		Map<Long, Member> stored = onExisting == OnExisting.UPDATE
				? members.findAllById(existingByStaff.values().stream().map(Existing::id).toList()).stream()
					.collect(Collectors.toMap(Member::id, m -> m))
				: Map.of();
		List<MemberBulkWriter.Creation> creations = new ArrayList<>();
		List<MemberBulkWriter.Correction> corrections = new ArrayList<>();
		List<ImportError> errors = new ArrayList<>();
		List<ImportError> warnings = new ArrayList<>();
		int skipped = 0;
		int wrongRows = 0;
		for (ParsedRow read : rows) {
			String staff = read.form().staffNumber().toLowerCase(Locale.ROOT);
			Existing existing = existingByStaff.get(staff);
			ParsedRow row = existing != null && stored.containsKey(existing.id())
					? read.with(keepStored(read.form(), stored.get(existing.id()))) : read;
			boolean existingOutOfScope = existing != null && !organizations.manages(existing.organizationId());
			if (existing != null && onExisting == OnExisting.SKIP && !existingOutOfScope) {
				skipped++;
				continue;
			}
			List<CellProblem> problems = new ArrayList<>(row.problems());
			if (existingOutOfScope) {
				// registered elsewhere: neither skipped quietly nor overwritten; moving them is a transfer
				problems.add(new CellProblem(row.row(), Column.STAFF_NUMBER, "member.import.existingOutOfScope",
						new Object[] { row.form().staffNumber() }));
			}
			else {
				problems.addAll(rulesOf(row, existing == null ? 0L : existing.id(), lookups));
			}
			if (existing == null && usernamesTaken.contains(staff)) {
				problems.add(new CellProblem(row.row(), Column.STAFF_NUMBER, "account.username.taken",
						new Object[] { row.form().staffNumber() }));
			}
			duplicateInFile(row, Column.STAFF_NUMBER, staff, firstRowOfStaff, problems);
			if (row.form().idCard() != null && IdCardNumber.problemWith(row.form().idCard()).isEmpty()) {
				duplicateInFile(row, Column.ID_CARD, IdCardNumber.parse(row.form().idCard()).value(), firstRowOfIdCard, problems);
			}
			if (!problems.isEmpty()) {
				wrongRows++;
				problems.forEach(p -> errors.add(error(row, p, header)));
				continue;
			}
			FieldProblem.Problem warning = MemberRules.historicalWarning(row.form());
			if (warning != null) {
				warnings.add(error(row, new CellProblem(row.row(), Column.CONVERSION_DATE, warning.messageKey(), warning.args()),
						header));
			}
			String source = "第 " + row.row() + " 行";
			if (existing == null) {
				creations.add(new MemberBulkWriter.Creation(row.form(), source));
			}
			else {
				corrections.add(new MemberBulkWriter.Correction(existing.id(), row.form(), source));
			}
		}
		return new Outcome(lastRow, creations, corrections, skipped, errors, wrongRows, warnings);
	}

	/**
	 * An update changes what the file says: a cell left empty, or a column the file does not have (the
	 * template has no 籍贯), keeps the stored value instead of erasing it.
	 */
	private MemberForm keepStored(MemberForm f, Member m) {
		return new MemberForm(blank(f.name()) ? m.name() : f.name(), f.gender() != null ? f.gender() : m.gender(),
				blank(f.ethnicity()) ? m.ethnicity() : f.ethnicity(), f.birthDate() != null ? f.birthDate() : m.birthDate(),
				!blank(f.idCard()) ? f.idCard() : m.idCardEncrypted() == null ? null : sensitive.decrypt(m.idCardEncrypted()),
				blank(f.nativePlace()) ? m.nativePlace() : f.nativePlace(), f.education() != null ? f.education() : m.education(),
				f.category() != null ? f.category() : m.category(), f.staffNumber(),
				!blank(f.phone()) ? f.phone() : m.phoneEncrypted() == null ? null : sensitive.decrypt(m.phoneEncrypted()),
				f.organizationId() != null ? f.organizationId() : m.organizationId(), f.status() != null ? f.status() : m.status(),
				f.joinDate() != null ? f.joinDate() : m.joinDate(),
				f.conversionDate() != null ? f.conversionDate() : m.conversionDate(),
				f.graduationYear() != null ? f.graduationYear() : m.graduationYear(),
				f.historicalRecord() != null ? f.historicalRecord() : m.historicalRecord());
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	/** The member rules for one row, leaving out fields the row could not even be read for. */
	private List<CellProblem> rulesOf(ParsedRow row, long exceptId, MemberRules.Lookups lookups) {
		try {
			rules.check(row.form(), exceptId, lookups);
			return List.of();
		}
		catch (FieldProblem problem) {
			Set<Column> unread = row.problems().stream().map(CellProblem::column).collect(Collectors.toSet());
			List<CellProblem> found = new ArrayList<>();
			for (FieldProblem.Problem p : problem.problems()) {
				Column column = Column.ofField(p.field()).orElse(Column.NAME);
				if (!unread.contains(column)) {
					found.add(new CellProblem(row.row(), column, p.messageKey(), p.args()));
				}
			}
			return found;
		}
	}

	private static void duplicateInFile(ParsedRow row, Column column, String key, Map<String, Integer> firstRows,
			List<CellProblem> problems) {
		if (key == null || key.isEmpty()) {
			return;
		}
		Integer first = firstRows.putIfAbsent(key, row.row());
		if (first != null) {
			problems.add(new CellProblem(row.row(), column, "member.import.duplicateInFile", new Object[] { column.header, first }));
		}
	}

	private ImportError error(ParsedRow row, CellProblem p, ImportColumns header) {
		String letter = header.letterOf(p.column());
		return new ImportError(row.row(), p.column().header, letter.isEmpty() ? "" : letter + row.row(),
				messages.getMessage(p.messageKey(), p.args(), p.messageKey(), Locale.SIMPLIFIED_CHINESE));
	}

	private Map<String, Existing> existingByStaffNumber(List<ParsedRow> rows) {
		Map<String, Existing> found = new HashMap<>();
		List<String> keys = rows.stream().map(r -> r.form().staffNumber().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
			.distinct().toList();
		for (int i = 0; i < keys.size(); i += LOOKUP_CHUNK) {
			jdbc.query("select id, lower(staff_number) as staff, organization_id from member where lower(staff_number) = any(?)",
					rs -> {
						found.put(rs.getString("staff"), new Existing(rs.getLong("id"), rs.getLong("organization_id")));
					}, (Object) keys.subList(i, Math.min(keys.size(), i + LOOKUP_CHUNK)).toArray(String[]::new));
		}
		return found;
	}

	private Map<String, Long> existingByIdCard(List<ParsedRow> rows) {
		Map<String, Long> found = new HashMap<>();
		List<String> hashes = rows.stream()
			.map(r -> r.form().idCard())
			.filter(c -> c != null && IdCardNumber.problemWith(c).isEmpty())
			.flatMap(c -> sensitive.lookupHashes(IdCardNumber.parse(c).value()).stream())
			.distinct()
			.toList();
		for (int i = 0; i < hashes.size(); i += LOOKUP_CHUNK) {
			jdbc.query("select id, id_card_hash from member where id_card_hash = any(?)",
					rs -> {
						found.put(rs.getString("id_card_hash"), rs.getLong("id"));
					}, (Object) hashes.subList(i, Math.min(hashes.size(), i + LOOKUP_CHUNK)).toArray(String[]::new));
		}
		return found;
	}

	/**
	 * The 所在党组织 column: an organisation's code, its exact name when that is unique in the importer's
	 * scope, or "上级名称/名称". Only organisations the importer manages resolve; anything else gets one
	 * answer, so the file cannot probe what exists elsewhere.
	 */
	private final class OrganizationNames {

		private final Map<String, OrgRef> byCode = new HashMap<>();

		private final Map<String, List<OrgRef>> byName = new HashMap<>();

		private final Map<Long, OrgRef> byId = new HashMap<>();

		OrganizationNames(Caller caller) {
			List<OrgRef> reach = scope.findAll(scope.visibleTo(caller, MANAGE));
			reach.forEach(o -> byId.put(o.id(), o));
			Set<Long> parentIds = new HashSet<>();
			reach.forEach(o -> {
				if (o.parentId() != null) {
					parentIds.add(o.parentId());
				}
			});
			Map<Long, String> parentNames = scope.findAll(parentIds).stream().collect(Collectors.toMap(OrgRef::id, OrgRef::name));
			for (OrgRef o : reach) {
				byCode.put(o.code().toLowerCase(Locale.ROOT), o);
				byName.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o);
				if (o.parentId() != null && parentNames.containsKey(o.parentId())) {
					byName.computeIfAbsent(parentNames.get(o.parentId()) + "/" + o.name(), k -> new ArrayList<>()).add(o);
				}
			}
		}

		ImportColumns.Resolved resolve(String text) {
			String key = text.replaceAll("\\s*[/／]\\s*", "/").strip();
			OrgRef found = byCode.get(key.toLowerCase(Locale.ROOT));
			if (found == null) {
				List<OrgRef> named = byName.getOrDefault(key, List.of());
				if (named.size() > 1) {
					return new ImportColumns.Resolved(null, "member.import.organization.ambiguous");
				}
				found = named.isEmpty() ? null : named.get(0);
			}
			if (found == null) {
				return new ImportColumns.Resolved(null, "member.import.organization.unknown");
			}
			if (found.type() != OrgType.BRANCH && found.type() != OrgType.GROUP) {
				return new ImportColumns.Resolved(null, "member.import.organization.branchOnly");
			}
			return new ImportColumns.Resolved(found.id(), null);
		}

		/** Whether the importer manages this organisation: looked up once for the file, not once per row. */
		boolean manages(long id) {
			return byId.containsKey(id);
		}

		OrgType typeOf(long id) {
			OrgRef o = byId.get(id);
			return o == null ? null : o.type();
		}
	}

	@Override
	public void destroy() {
		heartbeat.shutdownNow();
		runner.shutdownNow();
	}
}
