package cn.partybuilding.transfer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * The June graduation batch (组通字〔2015〕33号): the committee picks the graduating students of a year,
 * chooses each one's destination — an employer's party organisation, a 街道/乡镇, a talent service agency,
 * or staying at the school (≤ 2 years, in a named branch, with a contact person) — and the letters are
 * issued and printed in the background, as one ZIP of PDFs and one merged PDF. Each transfer is its own
 * and is tracked, receipted, reissued like any other. A batch interrupted (a restart) picks up where it
 * stopped: issued letters are kept, the rest are issued, and the files are written again.
 */
@Service
class GraduateBatches {

	private static final Logger log = LoggerFactory.getLogger(GraduateBatches.class);

	/** The destinations a graduate may have: the letter's kinds, or staying at the school. */
	static final String STAY = "STAY";

	private static final int CHUNK = 100;

	private final JdbcTemplate jdbc;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final Transfers transfers;

	private final TransferWorkflow workflow;

	private final OutgoingLetters outgoing;

	private final BranchChoices branches;

	private final IntroductionLetters letters;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Path dir;

	/** One batch at a time on a node, on a thread of its own: the pages stay responsive while it runs. */
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "graduate-letters");
		t.setDaemon(true);
		t.setPriority(Thread.NORM_PRIORITY - 1);
		return t;
	});

	private final DataSource dataSource;

	GraduateBatches(DataSource dataSource, JdbcTemplate jdbc, MemberDirectory members, OrganizationScope scope, Transfers transfers,
			TransferWorkflow workflow, OutgoingLetters outgoing, BranchChoices branches, IntroductionLetters letters,
			PlatformTransactionManager transactions, Clock clock, ApplicationEventPublisher events,
			@Value("${party.data-dir}") Path dataDir) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.members = members;
		this.scope = scope;
		this.transfers = transfers;
		this.workflow = workflow;
		this.outgoing = outgoing;
		this.branches = branches;
		this.letters = letters;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
		this.events = events;
		this.dir = dataDir.resolve("letters");
	}

	record Candidate(long memberId, String name, long organizationId, String organizationName) {
	}

	/** One graduate's destination: {@code destination} is EMPLOYER, STREET, TALENT_CENTER, OTHER or STAY. */
	record Choice(Long memberId, @Size(max = 20) String destination, @Size(max = 100) String toOrgName,
			@Size(max = 200) String toOrgAddress, Long stayOrgId, @Size(max = 50) String contactName,
			@Size(max = 30) String contactPhone) {

		boolean staying() {
			return destination != null && STAY.equals(destination.trim());
		}
	}

	record BatchRequest(Integer graduationYear, Long orgId, List<@Valid Choice> graduates) {
	}

	record Batch(long id, long organizationId, int graduationYear, String startedBy, Instant startedAt, int total, int done,
			String state, String error, Instant finishedAt, int staying) {
	}

	/**
	 * The students of the caller's organisations (or one subtree) graduating in {@code year} who are not
	 * yet on their way: no open transfer, not staying at the school already.
	 */
	@Transactional(readOnly = true)
	List<Candidate> candidates(Caller caller, int year, Long orgId) {
		Set<Long> orgs = scope.covered(caller, orgId, "graduates", TransferPermissions.MANAGE);
		List<MemberSummary> students = members.summaries(orgs).stream()
			.filter(m -> m.category() == Category.STUDENT && m.graduationYear() != null && m.graduationYear() == year).toList();
		if (students.isEmpty()) {
			return List.of();
		}
		Set<Long> busy = new HashSet<>(jdbc.queryForList("""
				select member_id from transfer where state in ('PENDING', 'ISSUED') and member_id = any(?)
				union select member_id from graduate_stay where ended_on is null and member_id = any(?)""", Long.class,
				ids(students), ids(students)));
		Map<Long, String> names = branches.labels(scope.findAll(students.stream().map(MemberSummary::organizationId).collect(Collectors.toSet())));
		return students.stream().filter(m -> !busy.contains(m.id()))
			.map(m -> new Candidate(m.id(), m.name(), m.organizationId(), names.getOrDefault(m.organizationId(), "")))
			.sorted(Comparator.comparing(Candidate::organizationName).thenComparing(Candidate::name)).toList();
	}

	/**
	 * Starts a batch: by the committee's administrator (the letters are the committee's). Every row is
	 * checked first — a mistake anywhere refuses the whole batch with each row's problem, nothing half
	 * done. Those staying are recorded at once; the letters are issued and printed in the background.
	 */
	@Transactional
	Batch start(Caller caller, BatchRequest request) {
		if (request.graduationYear() == null) {
			throw new FieldProblem("graduationYear", "transfer.graduates.year");
		}
		List<Choice> rows = request.graduates() == null ? List.of() : request.graduates();
		if (rows.isEmpty()) {
			throw new FieldProblem("graduates", "transfer.graduates.none");
		}
		Map<Long, Candidate> candidates = candidates(caller, request.graduationYear(), request.orgId()).stream()
			.collect(Collectors.toMap(Candidate::memberId, c -> c));
		long root = scope.covered(caller, request.orgId(), "graduates", TransferPermissions.MANAGE).stream().findFirst()
			.map(org -> transfers.lineage(org).committee()).orElse(-1L);
		if (root < 0 || !scope.reaches(caller, root, Role.COMMITTEE_ADMIN)) {
			throw new NotPermittedException("transfer-batch", 0, "start");
		}
		List<FieldProblem.Problem> problems = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		Map<Long, Addressee> addressees = new HashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			Choice c = rows.get(i);
			String at = "graduates[" + i + "].";
			// out of reach, not graduating that year, already on their way: one answer, telling nothing more
			if (c.memberId() == null || !candidates.containsKey(c.memberId())) {
				problems.add(new FieldProblem.Problem(at + "memberId", "transfer.graduates.notCandidate", new Object[0]));
				continue;
			}
			if (!seen.add(c.memberId())) {
				problems.add(new FieldProblem.Problem(at + "memberId", "transfer.graduates.twice", new Object[0]));
				continue;
			}
			if (c.staying()) {
				OrgRef branch = c.stayOrgId() == null ? null : scope.find(c.stayOrgId()).orElse(null);
				if (branch == null || branch.type() != OrgType.BRANCH || !scope.reaches(caller, branch.id(), TransferPermissions.MANAGE)) {
					problems.add(new FieldProblem.Problem(at + "stayOrgId", "transfer.graduates.stayBranch.required", new Object[0]));
				}
				String contact = PlainText.clean(c.contactName());
				if (contact.isEmpty() || contact.length() > 50) {
					problems.add(new FieldProblem.Problem(at + "contactName", "transfer.graduates.contact", new Object[0]));
				}
				if (PlainText.clean(c.contactPhone()).length() > 30) {
					problems.add(new FieldProblem.Problem(at + "contactPhone", "transfer.graduates.phone", new Object[0]));
				}
			}
			else {
				addressees.put(c.memberId(), Addressee.checked(c.toOrgName(), c.destination(), c.toOrgAddress(), at, "destination",
						problems));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		scope.holdStructure();
		Instant now = clock.instant();
		int letterCount = (int) rows.stream().filter(c -> !c.staying()).count();
		long batchId = jdbc.queryForObject("""
				insert into transfer_batch (organization_id, graduation_year, started_by, started_at, total, state)
				values (?, ?, ?, ?, ?, 'RUNNING') returning id""", Long.class,
				request.orgId() == null ? root : request.orgId(), request.graduationYear(), caller.username(), Timestamp.from(now), letterCount);
		List<Object[]> stays = new ArrayList<>();
		List<OutgoingLetters.Graduate> leaving = new ArrayList<>();
		for (Choice c : rows) {
			Candidate who = candidates.get(c.memberId());
			if (c.staying()) {
				stays.add(new Object[] { who.memberId(), c.stayOrgId(), PlainText.clean(c.contactName()),
						PlainText.clean(c.contactPhone()).isEmpty() ? null : PlainText.clean(c.contactPhone()),
						Date.valueOf(LocalDate.now(clock)), batchId });
				if (c.stayOrgId() != who.organizationId()) {
					workflow.moveForStay(caller.username(), who.memberId(), who.organizationId(), c.stayOrgId(), batchId);
				}
			}
			else {
				leaving.add(new OutgoingLetters.Graduate(who.memberId(), who.organizationId(), addressees.get(c.memberId()), "毕业离校"));
			}
		}
		try {
			jdbc.batchUpdate("""
					insert into graduate_stay (member_id, organization_id, contact_name, contact_phone, since, batch_id)
					values (?, ?, ?, ?, ?, ?)""", stays);
			outgoing.startForBatch(caller.username(), leaving, batchId);
		}
		catch (DuplicateKeyException e) {
			throw new ConflictProblem("graduates", "transfer.graduates.raced");
		}
		events.publishEvent(new GraduateBatchStarted(batchId, request.graduationYear(), letterCount, stays.size()));
		if (letterCount == 0) {
			jdbc.update("update transfer_batch set state = 'DONE', finished_at = ? where id = ?", Timestamp.from(now), batchId);
		}
		else {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					worker.submit(() -> run(batchId));
				}
			});
		}
		return find(batchId);
	}

	/** After a restart, batches that were running go on. */
	@EventListener(ApplicationReadyEvent.class)
	void resume() {
		jdbc.queryForList("select id from transfer_batch where state = 'RUNNING' order by id", Long.class)
			.forEach(id -> worker.submit(() -> run(id)));
	}

	/**
	 * Issues what is still waiting, then prints every letter of the batch into the ZIP and the merged PDF.
	 * One node at a time runs a batch (a session advisory lock on the batch's id): after a restart of
	 * several nodes, the others leave it alone.
	 */
	void run(long batchId) {
		try (Connection lock = dataSource.getConnection()) {
			if (!tryLock(lock, batchId)) {
				return;
			}
			try {
				print(batchId);
			}
			finally {
				try (var unlock = lock.prepareStatement("select pg_advisory_unlock(?, ?)")) {
					unlock.setInt(1, LOCK_SPACE);
					unlock.setInt(2, (int) batchId);
					unlock.execute();
				}
			}
		}
		catch (SQLException e) {
			log.warn("graduate batch {} could not be claimed: {}", batchId, e.toString());
		}
	}

	private static final int LOCK_SPACE = 0x6c657474; // "lett"

	private static boolean tryLock(Connection connection, long batchId) throws SQLException {
		try (var statement = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
			statement.setInt(1, LOCK_SPACE);
			statement.setInt(2, (int) batchId);
			try (var rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	private void print(long batchId) {
		Batch batch = find(batchId);
		if (!"RUNNING".equals(batch.state())) {
			return;
		}
		List<Long> ids = jdbc.queryForList("select id from transfer where batch_id = ? and kind = 'OUTGOING' order by id",
				Long.class, batchId);
		Path zipPart = dir.resolve("batch-" + batchId + ".zip.part");
		Path pdfPart = dir.resolve("batch-" + batchId + ".pdf.part");
		try {
			// the files carry ID-card numbers: this process's user only
			Files.createDirectories(dir);
			restrict(dir, "rwx------");
			int done = 0;
			int printed = 0;
			try (OutputStream zipFile = Files.newOutputStream(zipPart);
					ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(zipFile));
					OutputStream pdfFile = new BufferedOutputStream(Files.newOutputStream(pdfPart));
					LetterDocuments.Pdf merged = new LetterDocuments.Pdf(pdfFile, "毕业生组织关系介绍信")) {
				restrict(zipPart, "rw-------");
				restrict(pdfPart, "rw-------");
				// each PDF inside the ZIP is already compressed
				zip.setLevel(Deflater.NO_COMPRESSION);
				for (int from = 0; from < ids.size(); from += CHUNK) {
					List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
					List<LetterText> texts = tx.execute(status -> chunk.stream().map(id -> {
						TransferView t = transfers.find(id);
						if (t.state() == TransferState.PENDING && t.stage() == Stage.COMMITTEE_ISSUE) {
							t = outgoing.issue(batch.startedBy(), t);
						}
						return t.letter() != null && t.kind() == TransferKind.OUTGOING ? letters.text(t) : null;
					}).filter(Objects::nonNull).toList());
					for (LetterText text : texts) {
						zip.putNextEntry(new ZipEntry(text.fileName() + "-" + text.memberName().replaceAll("[\\\\/:*?\"<>|.\\s]", "_") + ".pdf"));
						zip.write(LetterDocuments.pdf(text));
						zip.closeEntry();
						merged.add(text);
						printed++;
					}
					done += chunk.size();
					jdbc.update("update transfer_batch set done = ? where id = ?", done, batchId);
				}
				if (printed == 0) {
					// every transfer was withdrawn or refused before its letter: the files say so
					zip.putNextEntry(new ZipEntry("说明.txt"));
					zip.write("本批次没有需要开具介绍信的毕业生。".getBytes(StandardCharsets.UTF_8));
					zip.closeEntry();
				}
			}
			Files.move(zipPart, dir.resolve("batch-" + batchId + ".zip"), StandardCopyOption.REPLACE_EXISTING);
			Files.move(pdfPart, dir.resolve("batch-" + batchId + ".pdf"), StandardCopyOption.REPLACE_EXISTING);
			jdbc.update("update transfer_batch set state = 'DONE', finished_at = ?, error = null where id = ?",
					Timestamp.from(clock.instant()), batchId);
		}
		catch (Throwable e) {
			// the details go to the log; the page says what to do
			log.warn("graduate batch {} stopped", batchId, e);
			jdbc.update("update transfer_batch set state = 'FAILED', error = ? where id = ?",
					"生成文件时出错（" + e.getClass().getSimpleName() + "），详见服务器日志", batchId);
			try {
				Files.deleteIfExists(zipPart);
				Files.deleteIfExists(pdfPart);
			}
			catch (IOException ignored) {
				// left for the next run, which writes them again
			}
		}
	}

	private static void restrict(Path path, String permissions) throws IOException {
		if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}

	@PreDestroy
	void stop() {
		worker.shutdownNow();
	}

	/** A failed batch tried again: letters already issued stay as they are. */
	@Transactional
	Batch retry(Caller caller, long id) {
		Batch batch = get(caller, id);
		if (!scope.reaches(caller, batch.organizationId(), Role.COMMITTEE_ADMIN)) {
			throw new NotPermittedException("transfer-batch", id, "retry");
		}
		boolean filesGone = "DONE".equals(batch.state()) && batch.total() > 0
				&& !(Files.exists(dir.resolve("batch-" + id + ".zip")) && Files.exists(dir.resolve("batch-" + id + ".pdf")));
		if (!"FAILED".equals(batch.state()) && !filesGone) {
			throw new FieldProblem("state", "transfer.graduates.notFailed");
		}
		jdbc.update("update transfer_batch set state = 'RUNNING', error = null where id = ?", id);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				worker.submit(() -> run(id));
			}
		});
		return find(id);
	}

	@Transactional(readOnly = true)
	Batch get(Caller caller, long id) {
		Batch batch = jdbc.query("select organization_id from transfer_batch where id = ?", (rs, n) -> rs.getLong(1), id).stream()
			.findFirst().filter(org -> scope.reaches(caller, org, TransferPermissions.MANAGE)).map(org -> find(id))
			.orElseThrow(() -> new OutOfScopeException("transfer-batch", id));
		return batch;
	}

	@Transactional(readOnly = true)
	List<Batch> list(Caller caller) {
		Long[] orgs = scope.covered(caller, null, "transfer-batch", TransferPermissions.MANAGE).toArray(Long[]::new);
		return jdbc.queryForList("select id from transfer_batch where organization_id = any(?) order by id desc limit 50", Long.class,
				(Object) orgs).stream().map(this::find).toList();
	}

	/** What a batch's file is called when downloaded: 毕业生介绍信-12.zip, 毕业生介绍信-12.pdf. */
	static String downloadName(long id, String format) {
		return "毕业生介绍信-" + id + "." + format;
	}

	/** The ZIP or the merged PDF of a finished batch. */
	Path file(Caller caller, long id, String format) {
		Batch batch = get(caller, id);
		if (!scope.reaches(caller, batch.organizationId(), Role.COMMITTEE_ADMIN)) {
			throw new NotPermittedException("transfer-batch", id, "download");
		}
		if (!"DONE".equals(batch.state())) {
			throw new FieldProblem("state", "transfer.graduates.notDone");
		}
		Path file = dir.resolve("batch-" + id + ("zip".equals(format) ? ".zip" : ".pdf"));
		if (!Files.exists(file)) {
			throw new ConflictProblem("state", "transfer.graduates.fileGone");
		}
		events.publishEvent(new GraduateLettersDownloaded(id, "zip".equals(format) ? "ZIP" : "PDF",
				jdbc.queryForList("select member_id from transfer where batch_id = ? and kind = 'OUTGOING'", Long.class, id)));
		return file;
	}

	private Batch find(long id) {
		return jdbc.queryForObject("""
				select b.id, b.organization_id, b.graduation_year, b.started_by, b.started_at, b.total, b.done, b.state, b.error,
				       b.finished_at, (select count(*) from graduate_stay s where s.batch_id = b.id)
				from transfer_batch b where b.id = ?""", (rs, n) -> new Batch(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
				rs.getTimestamp(5).toInstant(), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9),
				rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getInt(11)), id);
	}


	private static Long[] ids(List<MemberSummary> members) {
		return members.stream().map(MemberSummary::id).toArray(Long[]::new);
	}
}
