package cn.partybuilding.learning;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.multipart.MultipartFile;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import cn.partybuilding.shared.RichText;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;
import cn.partybuilding.shared.FileStore;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * The study materials an organisation offers its subtree (or, from a college or the committee, the whole school):
 * articles written in the platform and sanitised here, files kept in the {@link FileStore}, and links. A material
 * is never edited once people study it; a wrong one is withdrawn and a new one published.
 */
@Service
@Transactional
class MaterialLibrary {

	static final String FOLDER = "learning";

	/** Those who may offer the whole school a material: the committee and the colleges (资源整合). */
	static final Role[] SCHOOL_PUBLISHERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN };

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Readers readers;

	private final FileStore files;

	private final StudySearch search;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final long maxFileBytes;

	private final Panoramas panoramas;

	MaterialLibrary(JdbcTemplate jdbc, OrganizationScope scope, Readers readers, FileStore files, StudySearch search,
			ApplicationEventPublisher events, Clock clock, StudyUploads uploads, Panoramas panoramas) {
		this.panoramas = panoramas;
		this.jdbc = jdbc;
		this.scope = scope;
		this.readers = readers;
		this.files = files;
		this.search = search;
		this.events = events;
		this.clock = clock;
		this.maxFileBytes = uploads.maxBytes();
	}

	enum Audience {
		SUBTREE, SCHOOL
	}

	/** A new material: {@code body} is an article's HTML (a short description for the other kinds). */
	record NewMaterial(MaterialKind kind, @Size(max = 200) String title, @Size(max = 200_000) String body,
			@Size(max = 1000) String url, Long orgId, Audience audience, @Size(max = 10) List<@Size(max = 30) String> tags) {
	}

	record MaterialView(long id, MaterialKind kind, String title, String body, String fileUrl, String url,
			String fileName, String contentType, Long sizeBytes, Integer durationSeconds, long orgId,
			String organizationName, Audience audience, List<String> tags, Instant createdAt, String createdBy,
			boolean withdrawn) {
	}

	record MaterialLine(long id, MaterialKind kind, String title, long orgId, String organizationName,
			Audience audience, List<String> tags, Instant createdAt, boolean withdrawn) {
	}

	/** What the progress rules need of a material. */
	record Studied(long id, MaterialKind kind, String title, int textLength, Integer durationSeconds,
			long orgId, boolean wholeSchool, boolean withdrawn) {
	}

	static String fileUrl(long id) {
		return "/api/v1/learning/materials/" + id + "/file";
	}

	long maxFileBytes() {
		return maxFileBytes;
	}

	MaterialView publish(Caller caller, NewMaterial form, MultipartFile file) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		MaterialKind kind = form.kind();
		if (kind == null) {
			throw new FieldProblem("kind", "learning.material.kind");
		}
		String title = PlainText.clean(form.title());
		if (title.isEmpty()) {
			problems.add(new FieldProblem.Problem("title", "learning.material.title", new Object[0]));
		}
		if (form.orgId() == null) {
			problems.add(new FieldProblem.Problem("orgId", "learning.material.org", new Object[0]));
		}
		String body = form.body() == null || form.body().isBlank() ? null : RichText.sanitise(form.body());
		if (kind == MaterialKind.ARTICLE && (body == null || RichText.text(body).isEmpty() && !body.contains("<img"))) {
			problems.add(new FieldProblem.Problem("body", "learning.material.body", new Object[0]));
		}
		String url = null;
		if (kind == MaterialKind.LINK) {
			url = form.url() == null ? "" : form.url().trim();
			if (!isWebAddress(url)) {
				problems.add(new FieldProblem.Problem("url", "learning.material.url", new Object[0]));
			}
		}
		boolean hasFile = file != null && !file.isEmpty();
		if (kind.isFile() && !hasFile) {
			problems.add(new FieldProblem.Problem("file", "learning.material.file", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		scope.requireReach(caller, form.orgId(), Readers.MANAGERS);
		boolean wholeSchool = form.audience() == Audience.SCHOOL;
		if (wholeSchool && !scope.reaches(caller, form.orgId(), SCHOOL_PUBLISHERS)) {
			throw new FieldProblem("audience", "learning.material.schoolAudience");
		}
		List<String> tags = tags(form.tags());
		Stored stored = kind.isFile() ? store(kind, file) : null;
		Instant now = clock.instant();
		Long id = jdbc.queryForObject("""
				insert into learning_material (kind, title, body, url, file_key, file_name, content_type, size_bytes,
				    duration_seconds, organization_id, whole_school, tags, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::varchar[], ?, ?) returning id""", Long.class,
				kind.name(), title, body, url, stored == null ? null : stored.key(),
				stored == null ? null : stored.fileName(), stored == null ? null : stored.contentType(),
				stored == null ? null : stored.size(), stored == null ? null : stored.durationSeconds(),
				form.orgId(), wholeSchool, tags.toArray(String[]::new), Timestamp.from(now), caller.username());
		if (stored != null && stored.panorama() != null) {
			panoramas.render(id, file, stored.panorama());
		}
		String text = (body == null ? "" : RichText.text(body)) + (stored == null ? "" : " " + stored.text());
		search.index(new StudySearch.Doc("material", id, kind.name(), form.orgId(), wholeSchool, title,
				text + " " + String.join(" ", tags)));
		events.publishEvent(new MaterialPublished(id, kind, title, form.orgId(), wholeSchool, false));
		return find(caller, id);
	}

	private static boolean isWebAddress(String url) {
		try {
			URI uri = new URI(url);
			return url.length() <= 1000 && uri.getHost() != null
					&& ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
		}
		catch (Exception e) {
			return false;
		}
	}

	static List<String> tags(List<String> given) {
		if (given == null) {
			return List.of();
		}
		Set<String> tags = new LinkedHashSet<>();
		for (String t : given) {
			String tag = PlainText.clean(t);
			if (tag.length() > 30) {
				throw new FieldProblem("tags", "learning.material.tagLength", 30);
			}
			if (!tag.isEmpty()) {
				tags.add(tag);
			}
		}
		return List.copyOf(tags);
	}

	private record Stored(String key, String fileName, String contentType, long size, Integer durationSeconds,
			String text, Panoramas.Probe panorama) {
	}

	/** Checks what the file is (by its bytes, against the kind asked for), then keeps it in the store. */
	private Stored store(MaterialKind kind, MultipartFile file) {
		if (file.getSize() > maxFileBytes) {
			throw new FieldProblem("file", "learning.material.tooLarge", maxFileBytes / (1024 * 1024));
		}
		try {
			byte[] head;
			try (InputStream in = file.getInputStream()) {
				head = in.readNBytes(16);
			}
			String name = FileKinds.fileName(file.getOriginalFilename(), "file");
			Integer duration = null;
			String contentType;
			String text = "";
			Panoramas.Probe panorama = null;
			switch (kind) {
				case PANORAMA -> {
					panorama = panoramas.check(file);
					contentType = panorama.contentType();
				}
				case PDF -> {
					if (!"application/pdf".equals(FileKinds.of(head).orElse(null))) {
						throw new FieldProblem("file", "learning.material.notPdf");
					}
					contentType = "application/pdf";
					text = pdfText(file);
				}
				case VIDEO -> {
					MediaProbe.Media media = probeMp4(file, "video/mp4")
						.orElseThrow(() -> new FieldProblem("file", "learning.material.notVideo"));
					contentType = media.contentType();
					duration = media.durationSeconds();
				}
				default -> {
					Optional<MediaProbe.Media> media = probeMp4(file, "audio/mp4");
					if (media.isEmpty()) {
						try (InputStream in = file.getInputStream()) {
							media = MediaProbe.mp3(in, file.getSize());
						}
					}
					MediaProbe.Media found = media.orElseThrow(() -> new FieldProblem("file", "learning.material.notAudio"));
					contentType = found.contentType();
					duration = found.durationSeconds();
				}
			}
			FileStore.StoredFile stored;
			try (InputStream in = file.getInputStream()) {
				stored = files.put(FOLDER, in, contentType);
			}
			// the row may still fail to be written: then the file goes too
			deleteUnlessCommitted(files, stored.key());
			return new Stored(stored.key(), name, contentType, stored.size(), duration, text, panorama);
		}
		catch (IOException e) {
			throw new FieldProblem("file", "learning.material.unreadable");
		}
	}

	/** A file just stored for a row still to be written: it goes if the transaction does not commit. */
	static void deleteUnlessCommitted(FileStore files, String key) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						files.delete(key);
					}
				}
			});
		}
	}

	private static Optional<MediaProbe.Media> probeMp4(MultipartFile file, String type) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return MediaProbe.mp4(in, type);
		}
	}

	/** The text of a PDF for search (the first pages; a scan has none, and that is fine). */
	private static String pdfText(MultipartFile file) {
		try (InputStream in = file.getInputStream()) {
			PdfReader reader = new PdfReader(in);
			try {
				PdfTextExtractor extractor = new PdfTextExtractor(reader);
				StringBuilder text = new StringBuilder();
				for (int page = 1; page <= Math.min(reader.getNumberOfPages(), 50) && text.length() < 100_000; page++) {
					text.append(extractor.getTextFromPage(page)).append(' ');
				}
				return text.toString();
			}
			finally {
				reader.close();
			}
		}
		catch (Exception | LinkageError e) {
			return "";
		}
	}

	@Transactional(readOnly = true)
	MaterialView find(Caller caller, long id) {
		MaterialView view = jdbc.query("select * from learning_material where id = ?", this::view, id)
			.stream().findFirst().orElseThrow(() -> new OutOfScopeException("learning-material", id));
		boolean manages = scope.reaches(caller, view.orgId(), Readers.MANAGERS);
		if (!manages && (view.withdrawn() || !readers.mayRead(caller, view.orgId(), view.audience() == Audience.SCHOOL))) {
			throw new OutOfScopeException("learning-material", id);
		}
		return view;
	}

	/** What the progress rules need, for a material the caller may study (else the audited 404). */
	@Transactional(readOnly = true)
	Studied studied(Caller caller, long id) {
		Studied s = Optional.ofNullable(studied(List.of(id)).get(id))
			.orElseThrow(() -> new OutOfScopeException("learning-material", id));
		if (s.withdrawn() || !readers.mayRead(caller, s.orgId(), s.wholeSchool())) {
			throw new OutOfScopeException("learning-material", id);
		}
		return s;
	}

	/** What the progress rules need of these materials (those that exist), whoever may read them. */
	@Transactional(readOnly = true)
	Map<Long, Studied> studied(Collection<Long> ids) {
		Map<Long, Studied> found = new HashMap<>();
		jdbc.query("""
				select id, kind, title, coalesce(length(body), 0) as text_length, duration_seconds, organization_id,
				       whole_school, withdrawn_at is not null as withdrawn
				from learning_material where id = any(?)""", rs -> {
			found.put(rs.getLong("id"), new Studied(rs.getLong("id"), MaterialKind.valueOf(rs.getString("kind")),
					rs.getString("title"), rs.getInt("text_length"), (Integer) rs.getObject("duration_seconds"),
					rs.getLong("organization_id"), rs.getBoolean("whole_school"), rs.getBoolean("withdrawn")));
		}, (Object) ids.toArray(Long[]::new));
		return found;
	}

	/** The file of a material the caller may read, ready to be streamed (a Range request reads only its bytes). */
	@Transactional(readOnly = true)
	FileContent file(Caller caller, long id) {
		MaterialView view = find(caller, id);
		String key = jdbc.queryForObject("select file_key from learning_material where id = ?", String.class, id);
		if (key == null) {
			throw new OutOfScopeException("learning-material-file", id);
		}
		return new FileContent(view.fileName(), view.contentType(), files.open(key));
	}

	record FileContent(String fileName, String contentType, Resource resource) {
	}

	/** Materials the caller may read (or manages), newest first; filters by organisation subtree, kind and tag. */
	@Transactional(readOnly = true)
	Page<MaterialLine> list(Caller caller, Long orgId, MaterialKind kind, String tag, int page, int size) {
		Set<Long> readable = readers.readableBy(caller);
		Set<Long> managed = scope.visibleTo(caller, Readers.MANAGERS);
		Set<Long> within = orgId == null ? null : scope.reaches(caller, orgId, Readers.MANAGERS) ? scope.subtree(orgId) : null;
		if (orgId != null && within == null) {
			throw new OutOfScopeException("organization", orgId);
		}
		StringBuilder where = new StringBuilder(
				" where ((whole_school and withdrawn_at is null) or (organization_id = any(?) and withdrawn_at is null) or organization_id = any(?))");
		List<Object> args = new ArrayList<>(List.of(array(readable), array(managed)));
		if (within != null) {
			where.append(" and organization_id = any(?)");
			args.add(array(within));
		}
		if (kind != null) {
			where.append(" and kind = ?");
			args.add(kind.name());
		}
		if (tag != null && !tag.isBlank()) {
			where.append(" and ? = any(tags)");
			args.add(tag.trim());
		}
		Long total = jdbc.queryForObject("select count(*) from learning_material" + where, Long.class, args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) page * size);
		List<MaterialLine> lines = jdbc.query("select * from learning_material" + where
				+ " order by created_at desc, id desc limit ? offset ?", this::line, pageArgs.toArray());
		var names = scope.qualifiedNames(lines.stream().map(MaterialLine::orgId).toList());
		lines = lines.stream().map(l -> new MaterialLine(l.id(), l.kind(), l.title(), l.orgId(),
				names.getOrDefault(l.orgId(), ""), l.audience(), l.tags(), l.createdAt(), l.withdrawn())).toList();
		return new PageImpl<>(lines, PageRequest.of(page, size), total == null ? 0 : total);
	}

	/** The organisations whose materials the caller manages (may withdraw). */
	Set<Long> managedBy(Caller caller) {
		return scope.visibleTo(caller, Readers.MANAGERS);
	}

	/** Withdraws a material (out of lists, search and outlines still to come); what people studied stays theirs. */
	void withdraw(Caller caller, long id) {
		MaterialView view = find(caller, id);
		scope.requireReach(caller, view.orgId(), Readers.MANAGERS);
		if (view.withdrawn()) {
			return;
		}
		jdbc.update("update learning_material set withdrawn_at = ? where id = ?", Timestamp.from(clock.instant()), id);
		search.remove("material", id);
		events.publishEvent(new MaterialPublished(id, view.kind(), view.title(), view.orgId(),
				view.audience() == Audience.SCHOOL, true));
	}

	private static Long[] array(Set<Long> ids) {
		return ids.toArray(Long[]::new);
	}

	private MaterialView view(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("id");
		long org = rs.getLong("organization_id");
		return new MaterialView(id, MaterialKind.valueOf(rs.getString("kind")), rs.getString("title"),
				rs.getString("body"), rs.getString("file_key") == null ? null : fileUrl(id), rs.getString("url"),
				rs.getString("file_name"), rs.getString("content_type"), (Long) rs.getObject("size_bytes"),
				(Integer) rs.getObject("duration_seconds"), org,
				scope.qualifiedNames(List.of(org)).getOrDefault(org, ""),
				rs.getBoolean("whole_school") ? Audience.SCHOOL : Audience.SUBTREE, tagsOf(rs.getArray("tags")),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getTimestamp("withdrawn_at") != null);
	}

	private MaterialLine line(ResultSet rs, int n) throws SQLException {
		return new MaterialLine(rs.getLong("id"), MaterialKind.valueOf(rs.getString("kind")), rs.getString("title"),
				rs.getLong("organization_id"), "", rs.getBoolean("whole_school") ? Audience.SCHOOL : Audience.SUBTREE,
				tagsOf(rs.getArray("tags")), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("withdrawn_at") != null);
	}

	private static List<String> tagsOf(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}
}
