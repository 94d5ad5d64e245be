package cn.partybuilding.analytics;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.analytics.ReportJobs.Report;
import cn.partybuilding.analytics.ReportJobs.State;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileStore;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * 党建工作分析报告: asked for by the staff of a committee or general branch for an organisation in their reach, or
 * made by the schedule; written in the background (one at a time on a node, on a thread of its own) with its
 * progress recorded; archived with the figures it was written from, its Word and PDF files in the file store. Who
 * may see a report follows its organisation: a report outside the caller's reach is not found (the audited 404).
 */
@Service
class AnalysisReports {

	private static final Logger log = LoggerFactory.getLogger(AnalysisReports.class);

	/** Who asks for, lists and downloads reports: the staff of the school's committee and of the colleges. */
	static final Role[] STAFF = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN };

	static final String FOLDER = "analytics-reports";

	static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

	static final String PDF = "application/pdf";

	/** The most reports a list shows. */
	static final int LIMIT = 200;

	private final ReportJobs jobs;

	private final Dashboards dashboards;

	private final WarningCentre warnings;

	private final ReportNarrative narrative;

	private final OrganizationScope scope;

	private final FileStore files;

	private final JsonMapper json;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int warningLines;

	/** The reports this node has taken on and not finished: their heartbeat is kept up while they wait or run. */
	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "analysis-reports");
		t.setDaemon(true);
		t.setPriority(Thread.NORM_PRIORITY - 1);
		return t;
	});

	AnalysisReports(ReportJobs jobs, Dashboards dashboards, WarningCentre warnings,
			ReportNarrative narrative, OrganizationScope scope, FileStore files, JsonMapper json, MessageSource messages,
			ApplicationEventPublisher events, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${party.analytics.warnings.report-lines:30}") int warningLines) {
		this.warningLines = Math.max(0, warningLines);
		this.jobs = jobs;
		this.dashboards = dashboards;
		this.warnings = warnings;
		this.narrative = narrative;
		this.scope = scope;
		this.files = files;
		this.json = json;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	/** A report asked for: audited. */
	record ReportRequested(UUID id, long orgId, String period, String orgName) implements AuditableEvent {

		@Override
		public String action() {
			return "analytics.report.request";
		}

		@Override
		public String entityType() {
			return "analytics-report";
		}

		@Override
		public String entityId() {
			return id.toString();
		}

		@Override
		public String summary() {
			return "生成分析报告：" + orgName + " " + period;
		}
	}

	/** A report's file handed out: audited as an export. */
	record ReportExported(UUID id, String file, String title) implements AuditableEvent {

		@Override
		public String action() {
			return "analytics.report.export";
		}

		@Override
		public String entityType() {
			return "analytics-report";
		}

		@Override
		public String entityId() {
			return id.toString();
		}

		@Override
		public String summary() {
			return "下载分析报告（" + file + "）：" + title;
		}
	}

	/** A file to hand out: its content, type and the name it is saved under. */
	record ReportFile(Resource content, String contentType, String fileName, String asciiName) {
	}

	static boolean reads(Caller caller) {
		return caller.has(STAFF);
	}

	/**
	 * Queues the report of an organisation in the caller's reach for a period that has begun: 403 for anyone not on a
	 * committee's or college's staff, 400 for a period that is not one (or has not begun), the audited 404 for an
	 * organisation out of reach.
	 */
	UUID request(Caller caller, Long orgId, String periodText) {
		if (!reads(caller)) {
			throw new NotPermittedException("analytics-report", "*", "request");
		}
		Period period = Period.parse(periodText);
		if (period.from().isAfter(LocalDate.now(clock.withZone(PlatformZone.ZONE)))) {
			throw new FieldProblem("period", "analytics.report.error.future");
		}
		if (orgId == null) {
			throw new FieldProblem("orgId", "analytics.report.error.org");
		}
		scope.requireReach(caller, orgId, STAFF);
		OrgRef org = scope.find(orgId).orElseThrow(() -> new OutOfScopeException("organization", orgId));
		UUID id = UUID.randomUUID();
		jobs.create(id, orgId, org.name(), period.name(), caller.accountId(), caller.displayName());
		events.publishEvent(new ReportRequested(id, orgId, period.name(), org.name()));
		submit(id);
		return id;
	}

	/** One report, when its organisation is in the caller's reach (else the audited 404; 403 for a member). */
	Report find(Caller caller, UUID id) {
		if (!reads(caller)) {
			throw new NotPermittedException("analytics-report", id, "read");
		}
		return jobs.find(id).filter(r -> scope.reaches(caller, r.orgId(), STAFF))
			.orElseThrow(() -> new OutOfScopeException("analytics-report", id));
	}

	/** The reports of the caller's reach (or of one subtree), newest first. */
	List<Report> list(Caller caller, Long orgId, ReportNarrative.Kind kind, State state) {
		if (!reads(caller)) {
			throw new NotPermittedException("analytics-report", "*", "list");
		}
		Set<Long> orgs = scope.covered(caller, orgId, "analytics-report", STAFF);
		return jobs.list(orgs, kind, state, LIMIT);
	}

	/** The archived figures of a finished report (the dashboard value as JSON), as it was when the report was written. */
	String figures(Caller caller, UUID id) {
		Report report = find(caller, id);
		return jobs.figures(report.id()).orElseThrow(() -> new OutOfScopeException("analytics-report", id));
	}

	/** A finished report's Word ({@code docx}) or PDF ({@code pdf}) file; audited as an export. */
	ReportFile download(Caller caller, UUID id, String kind) {
		Report report = find(caller, id);
		if (!("docx".equals(kind) || "pdf".equals(kind))) {
			throw new OutOfScopeException("analytics-report", id);
		}
		if (!report.done()) {
			throw new ConflictProblem("id", "analytics.report.error.notDone");
		}
		boolean word = "docx".equals(kind);
		Resource content = files.open(word ? report.docxKey() : report.pdfKey());
		String title = narrative.title(report.orgName(), report.period());
		String name = messages.getMessage("analytics.report.file", new Object[] { report.orgName(), report.period() },
				ReportNarrative.CHINESE) + "." + kind;
		events.publishEvent(new ReportExported(id, kind, title));
		return new ReportFile(content, word ? DOCX : PDF, name, "analysis-report-" + report.period() + "." + kind);
	}

	/** Whether the organisation is a school (a 党委, or the province's above the schools): the report says 全校. */
	private boolean wholeSchool(long orgId) {
		return scope.find(orgId).map(o -> o.type() == OrgType.COMMITTEE).orElse(false);
	}

	// ---- the schedule ----

	/**
	 * The reports the schedule writes at the start of {@code month}: last month's, at a quarter's first month also the
	 * last quarter's, in January also the last year's, for the school and each college; those made already are kept.
	 * Answers how many were queued.
	 */
	int schedule(LocalDate today) {
		List<String> periods = periodsAt(today);
		// every 党委: each school's and, in a province, the 教育工委 above them
		List<OrgRef> orgs = new ArrayList<>(scope.activeOfTypes(OrgType.COMMITTEE));
		orgs.addAll(scope.activeOfTypes(OrgType.GENERAL_BRANCH));
		int queued = 0;
		for (String period : periods) {
			for (OrgRef org : orgs) {
				Optional<UUID> id = jobs.createScheduled(org.id(), org.name(), period);
				if (id.isPresent()) {
					submit(id.get());
					queued++;
				}
			}
		}
		log.info("analysis reports: {} queued for {} organisations and periods {}", queued, orgs.size(), periods);
		return queued;
	}

	/**
	 * Queues one organisation's report of a period as the schedule would (once: a second call finds it made) — for the
	 * demo's last three months. Answers whether it was queued.
	 */
	boolean queueScheduled(long orgId, String period) {
		String name = Period.parse(period).name();
		OrgRef org = scope.find(orgId).orElseThrow(() -> new OutOfScopeException("organization", orgId));
		Optional<UUID> id = jobs.createScheduled(org.id(), org.name(), name);
		id.ifPresent(this::submit);
		return id.isPresent();
	}

	/** Last month's; at a quarter's first month also last quarter's; in January also last year's. */
	static List<String> periodsAt(LocalDate today) {
		List<String> periods = new ArrayList<>();
		LocalDate last = today.withDayOfMonth(1).minusMonths(1);
		periods.add(String.format("%d-%02d", last.getYear(), last.getMonthValue()));
		if ((today.getMonthValue() - 1) % 3 == 0) {
			periods.add(last.getYear() + "-Q" + ((last.getMonthValue() - 1) / 3 + 1));
		}
		if (today.getMonthValue() == 1) {
			periods.add(Integer.toString(last.getYear()));
		}
		return periods;
	}

	// ---- writing ----

	private void submit(UUID id) {
		inFlight.add(id);
		writer.execute(() -> {
			try {
				write(id);
			}
			finally {
				inFlight.remove(id);
			}
		});
	}

	/**
	 * Loads the Word charts' and the PDF's machinery once on the writer's thread as the node starts (the first report
	 * would otherwise take seconds longer), without writing anything anywhere.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		writer.execute(() -> {
			try {
				ReportContent.Chart chart = new ReportContent.Chart("—", List.of("—"), new ReportContent.Series("—", List.of(1d)),
						null, false);
				ReportContent content = new ReportContent("—", "—", List.of(new ReportContent.Section("—", List.of("—"),
						List.of(new ReportContent.Table("—", List.of("—"), List.of(List.of("—")))), List.of(chart))));
				ReportDocx.write(content, "—");
				ReportPdf.write(content, "—");
			}
			catch (RuntimeException | LinkageError e) {
				log.warn("the report writer could not warm up", e);
			}
		});
	}

	/** Keeps the heartbeat of this node's reports, waiting or running, so a long queue does not read as cut off. */
	@Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
	void heartbeat() {
		jobs.heartbeat(Set.copyOf(inFlight));
	}

	/**
	 * Writes one report: the figures (fresh), the words, the Word file, the PDF, then both files stored and the report
	 * made DONE with its figures in one statement. Whatever fails, the report says why and no file is left behind.
	 */
	void write(UUID id) {
		Report report = jobs.find(id).orElse(null);
		if (report == null || !report.running()) {
			return;
		}
		List<String> stored = new ArrayList<>();
		long started = System.nanoTime();
		try {
			jobs.progress(id, 5);
			Dashboard dashboard = dashboards.current(report.orgId(), Period.parse(report.period()));
			long figured = System.nanoTime();
			jobs.progress(id, 40);
			WarningCentre.Summary summary = warnings.summary(report.orgId(), warningLines, Locale.SIMPLIFIED_CHINESE);
			ReportNarrative.WarningLines lines = new ReportNarrative.WarningLines(summary.total(), summary.first().stream()
				.map(w -> w.kindName() + "：" + w.orgName() + "，" + w.message()
						+ (w.due() == null ? "" : text("analytics.report.warnings.due", w.due().toString())))
				.toList(), summary.byKind(), summary.byCollege());
			ReportContent content = narrative.write(dashboard, wholeSchool(report.orgId()), lines, clock.instant());
			String footer = text("analytics.report.footer");
			jobs.progress(id, 50);
			byte[] docx = ReportDocx.write(content, footer);
			jobs.progress(id, 70);
			byte[] pdf = ReportPdf.write(content, footer);
			jobs.progress(id, 85);
			String archived = json.writeValueAsString(dashboard);
			FileStore.StoredFile word = files.putUnchecked(FOLDER, new ByteArrayInputStream(docx), DOCX);
			stored.add(word.key());
			FileStore.StoredFile print = files.putUnchecked(FOLDER, new ByteArrayInputStream(pdf), PDF);
			stored.add(print.key());
			jobs.progress(id, 95);
			if (!jobs.done(id, archived, word.key(), word.size(), print.key(), print.size())) {
				stored.forEach(files::delete);
			}
			log.info("analysis report {} ({} {}) written in {} ms (figures {} ms, files {} ms)", id, report.orgName(),
					report.period(), (System.nanoTime() - started) / 1_000_000, (figured - started) / 1_000_000,
					(System.nanoTime() - figured) / 1_000_000);
		}
		catch (RuntimeException | LinkageError e) {
			log.warn("analysis report {} ({} {}) failed", id, report.orgName(), report.period(), e);
			stored.forEach(key -> {
				try {
					files.delete(key);
				}
				catch (RuntimeException ignored) {
					// the store is failing too; the key is not recorded anywhere
				}
			});
			// the cause is in the log; the reader gets words, not SQL or paths
			String reason = e instanceof FieldProblem problem ? text(problem.problems().get(0).messageKey())
					: text("analytics.report.error.internal");
			jobs.failed(id, text("analytics.report.error.failed", reason));
		}
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, ReportNarrative.CHINESE);
	}

	@PreDestroy
	void stop() {
		writer.shutdownNow();
	}
}
