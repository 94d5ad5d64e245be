package cn.partybuilding.development;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;

/**
 * The Word templates of the development documents, one per step: the default shipped in the jar, replaced by
 * the one the committee (党委组织部, the committee administrator at the root organisation) uploaded. An upload is
 * checked by its bytes — a ZIP holding word/document.xml that POI opens — never by its name; reset brings
 * the default back. Uploads and resets are audited.
 */
@Service
@Transactional
class DevelopmentTemplates {

	static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final long maxBytes;

	private final Map<Integer, Optional<byte[]>> defaults = new ConcurrentHashMap<>();

	DevelopmentTemplates(JdbcTemplate jdbc, OrganizationScope scope, ApplicationEventPublisher events, Clock clock,
			@Value("${party.development.template-max-size:5MB}") DataSize maxSize) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.events = events;
		this.clock = clock;
		this.maxBytes = maxSize.toBytes();
	}

	/** A step's template as the committee sees it: which is in use, and the placeholders it holds. */
	record TemplateView(int step, String title, boolean custom, boolean hasDefault, String fileName, String uploadedBy,
			Instant uploadedAt, List<String> placeholders, List<String> unknown) {

		/** Whether there is any template for the step (its documents can be written). */
		public boolean available() {
			return custom || hasDefault;
		}
	}

	record Download(String fileName, byte[] bytes) {
	}

	long maxBytes() {
		return maxBytes;
	}

	/** The shipped default of a step, read from the jar once. */
	Optional<byte[]> defaultTemplate(int step) {
		return defaults.computeIfAbsent(step, s -> {
			try (InputStream in = DevelopmentTemplates.class.getClassLoader()
				.getResourceAsStream(String.format("development/templates/step-%02d.docx", s))) {
				return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
			}
			catch (IOException e) {
				throw new IllegalStateException("the default template of step " + s + " could not be read", e);
			}
		});
	}

	/** The template in use for a step: the uploaded one, else the default. */
	@Transactional(readOnly = true)
	Optional<byte[]> template(int step) {
		List<byte[]> custom = jdbc.query("select content from development_template where step = ?", (rs, n) -> rs.getBytes(1),
				step);
		return custom.isEmpty() ? defaultTemplate(step) : Optional.of(custom.get(0));
	}

	/** Every step's template in use, by step (steps without one absent). */
	@Transactional(readOnly = true)
	Map<Integer, byte[]> templates() {
		Map<Integer, byte[]> all = new HashMap<>();
		for (int step = 1; step <= Step.values().length; step++) {
			int s = step;
			defaultTemplate(step).ifPresent(t -> all.put(s, t));
		}
		jdbc.query("select step, content from development_template", rs -> {
			all.put(rs.getInt(1), rs.getBytes(2));
		});
		return all;
	}

	@Transactional(readOnly = true)
	List<TemplateView> list(Caller caller) {
		requireCommittee(caller, "*");
		Map<Integer, Object[]> custom = new HashMap<>();
		jdbc.query("select step, file_name, uploaded_by, uploaded_at, content from development_template", rs -> {
			custom.put(rs.getInt(1), new Object[] { rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getBytes(5) });
		});
		List<TemplateView> views = new ArrayList<>();
		for (int step = 1; step <= Step.values().length; step++) {
			Object[] c = custom.get(step);
			views.add(view(step, c == null ? null : (String) c[0], c == null ? null : (String) c[1],
					c == null ? null : (Instant) c[2], c == null ? null : (byte[]) c[3]));
		}
		return views;
	}

	private TemplateView view(int step, String fileName, String uploadedBy, Instant uploadedAt, byte[] custom) {
		Optional<byte[]> fallback = defaultTemplate(step);
		byte[] current = custom != null ? custom : fallback.orElse(null);
		List<String> found = current == null ? List.of() : List.copyOf(DocxFiller.placeholders(current));
		return new TemplateView(step, DevelopmentDocuments.TITLES.get(step), custom != null, fallback.isPresent(),
				custom != null ? fileName : fallback.isPresent() ? defaultFileName(step) : null, uploadedBy, uploadedAt, found,
				found.stream().filter(n -> !DevelopmentDocuments.known(n)).toList());
	}

	private static String defaultFileName(int step) {
		return String.format("step-%02d.docx", step);
	}

	/** The template in use, to download and edit: 404 for a step without any. */
	@Transactional(readOnly = true)
	Download current(Caller caller, int step) {
		requireStep(step);
		requireCommittee(caller, step);
		List<Download> custom = jdbc.query("select file_name, content from development_template where step = ?",
				(rs, n) -> new Download(rs.getString(1), rs.getBytes(2)), step);
		if (!custom.isEmpty()) {
			return custom.get(0);
		}
		return defaultTemplate(step).map(t -> new Download(defaultFileName(step), t))
			.orElseThrow(() -> new OutOfScopeException("development-template", step));
	}

	/** Replaces a step's template with an uploaded .docx, checked by its bytes. */
	TemplateView upload(Caller caller, int step, String fileName, byte[] bytes) {
		requireStep(step);
		requireCommittee(caller, step);
		check(bytes, maxBytes);
		String name = FileKinds.fileName(fileName, defaultFileName(step));
		Instant now = clock.instant();
		jdbc.update("""
				insert into development_template (step, file_name, content, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?)
				on conflict (step) do update set file_name = excluded.file_name, content = excluded.content,
				uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at""", step, name, bytes, caller.username(),
				Timestamp.from(now));
		TemplateView view = view(step, name, caller.username(), now, bytes);
		events.publishEvent(new DevelopmentTemplateChanged(step, name, false,
				"上传第 " + step + " 步的文书模板 " + name + "（" + bytes.length + " 字节，占位符 " + view.placeholders().size() + " 个"
						+ (view.unknown().isEmpty() ? "" : "，其中未知 " + String.join("、", view.unknown())) + "）"));
		return view;
	}

	/** Back to the default (nothing to do when none was uploaded). */
	TemplateView reset(Caller caller, int step) {
		requireStep(step);
		requireCommittee(caller, step);
		List<String> removed = jdbc.query("delete from development_template where step = ? returning file_name",
				(rs, n) -> rs.getString(1), step);
		if (!removed.isEmpty()) {
			events.publishEvent(new DevelopmentTemplateChanged(step, removed.get(0), true,
					"第 " + step + " 步的文书模板恢复为默认（删除上传的 " + removed.get(0) + "）"));
		}
		return view(step, null, null, null, null);
	}

	/**
	 * A Word document by its bytes: not empty, not too large, a ZIP with word/document.xml, and POI opens it.
	 * Each refusal names what is wrong with the file.
	 */
	static void check(byte[] bytes, long maxBytes) {
		if (bytes == null || bytes.length == 0) {
			throw new FieldProblem("file", "development.template.empty");
		}
		if (bytes.length > maxBytes) {
			throw new FieldProblem("file", "development.template.tooLarge", Math.max(1, maxBytes / (1024 * 1024)));
		}
		if (!FileKinds.of(bytes).filter(DOCX::equals).isPresent() || !hasDocumentXml(bytes)) {
			throw new FieldProblem("file", "development.template.notDocx");
		}
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
			DocxFiller.placeholders(document);
		}
		catch (IOException | RuntimeException e) {
			throw new FieldProblem("file", "development.template.unreadable");
		}
	}

	private static boolean hasDocumentXml(byte[] bytes) {
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				if (entry.getName().equals("word/document.xml")) {
					return true;
				}
			}
			return false;
		}
		catch (IOException | IllegalArgumentException e) {
			return false;
		}
	}

	private static void requireStep(int step) {
		if (step < 1 || step > Step.values().length) {
			throw new OutOfScopeException("development-template", step);
		}
	}

	/**
	 * Whether the caller is the committee: the committee administrator at the root organisation. Asked by the menu of
	 * every page: no transaction of its own.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	boolean isCommittee(Caller caller) {
		return scope.coversWholeTree(caller, null, Role.COMMITTEE_ADMIN);
	}

	private void requireCommittee(Caller caller, Object step) {
		if (!isCommittee(caller)) {
			throw new NotPermittedException("development-template", step, "only the committee manages the document templates");
		}
	}
}
