package cn.partybuilding.learning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * 红色教育 halls: an organisation's panoramas joined by arrows from scene to scene, with hotspots that open study
 * materials. Read and published by the same rules as materials ({@link Readers}, {@link MaterialLibrary}): a hall
 * is for its organisation's subtree or the whole school, and everything it shows must be readable by that audience.
 */
@Service
@Transactional
class Halls {

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Readers readers;

	private final MaterialLibrary library;

	private final Panoramas panoramas;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Halls(JdbcTemplate jdbc, OrganizationScope scope, Readers readers, MaterialLibrary library, Panoramas panoramas,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.readers = readers;
		this.library = library;
		this.panoramas = panoramas;
		this.events = events;
		this.clock = clock;
	}

	record NewHall(@Size(max = 200) String title, Long orgId, MaterialLibrary.Audience audience) {
	}

	record NewScene(Long materialId, @Size(max = 50) List<@Valid HallHotspot> hotspots) {
	}

	record Created(long id) {
	}

	record HotspotView(long id, double yaw, double pitch, String title, Long materialId, MaterialKind materialKind,
			Long sceneId) {

		public boolean arrow() {
			return sceneId != null;
		}
	}

	record Image(String size, String url, int width, int height, long bytes) {
	}

	record SceneView(long id, long materialId, String title, int position, List<Image> images,
			List<HotspotView> hotspots) {

		public String url(String size) {
			return images.stream().filter(i -> i.size().equals(size)).map(Image::url).findFirst()
				.orElse(images.isEmpty() ? null : images.get(images.size() - 1).url());
		}
	}

	record HallView(long id, String title, long orgId, String organizationName, MaterialLibrary.Audience audience,
			Instant createdAt, String createdBy, boolean withdrawn, List<SceneView> scenes) {
	}

	record HallLine(long id, String title, long orgId, String organizationName, MaterialLibrary.Audience audience,
			int scenes, long visitors, Instant createdAt, boolean withdrawn) {
	}

	record Row(long id, String title, long orgId, boolean wholeSchool, Instant createdAt, String createdBy,
			boolean withdrawn) {
	}

	Created create(Caller caller, NewHall form) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String title = PlainText.clean(form.title());
		if (title.isEmpty()) {
			problems.add(new FieldProblem.Problem("title", "learning.hall.title", new Object[0]));
		}
		if (form.orgId() == null) {
			problems.add(new FieldProblem.Problem("orgId", "learning.material.org", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		scope.requireReach(caller, form.orgId(), Readers.MANAGERS);
		boolean wholeSchool = form.audience() == MaterialLibrary.Audience.SCHOOL;
		if (wholeSchool && !scope.reaches(caller, form.orgId(), MaterialLibrary.SCHOOL_PUBLISHERS)) {
			throw new FieldProblem("audience", "learning.material.schoolAudience");
		}
		Long id = jdbc.queryForObject("""
				insert into learning_hall (title, organization_id, whole_school, created_at, created_by)
				values (?, ?, ?, ?, ?) returning id""", Long.class, title, form.orgId(), wholeSchool,
				Timestamp.from(clock.instant()), caller.username());
		events.publishEvent(new HallPublished(id, title, form.orgId(), wholeSchool, HallPublished.Change.OPENED));
		return new Created(id);
	}

	/** Adds a scene (a panorama readable by the hall's audience) with its hotspots, after the hall's last scene. */
	SceneView addScene(Caller caller, long hallId, NewScene form) {
		Row hall = managed(caller, hallId);
		if (form.materialId() == null) {
			throw new FieldProblem("materialId", "learning.hall.scene.material");
		}
		panorama(caller, hall, form.materialId(), "materialId");
		List<HallHotspot> hotspots = form.hotspots() == null ? List.of() : form.hotspots();
		validate(caller, hall, hotspots);
		// scenes added at once take their positions one after the other
		jdbc.queryForObject("select id from learning_hall where id = ? for update", Long.class, hallId);
		Long id = jdbc.queryForObject("""
				insert into learning_hall_scene (hall_id, material_id, position)
				values (?, ?, (select coalesce(max(position), 0) + 1 from learning_hall_scene where hall_id = ?))
				returning id""", Long.class, hallId, form.materialId(), hallId);
		insertHotspots(id, hotspots);
		events.publishEvent(new HallPublished(hallId, hall.title(), hall.orgId(), hall.wholeSchool(),
				HallPublished.Change.SCENES));
		return scenes(hallId).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
	}

	/** Replaces a scene's hotspots (arrows to scenes added after it are set this way). */
	SceneView setHotspots(Caller caller, long hallId, long sceneId, List<HallHotspot> hotspots) {
		Row hall = managed(caller, hallId);
		if (!sceneIds(hallId).contains(sceneId)) {
			throw new OutOfScopeException("learning-hall-scene", sceneId);
		}
		List<HallHotspot> given = hotspots == null ? List.of() : hotspots;
		if (given.size() > 50) {
			throw new FieldProblem("hotspots", "learning.hall.hotspot.many", 50);
		}
		validate(caller, hall, given);
		jdbc.update("delete from learning_hall_hotspot where scene_id = ?", sceneId);
		insertHotspots(sceneId, given);
		events.publishEvent(new HallPublished(hallId, hall.title(), hall.orgId(), hall.wholeSchool(),
				HallPublished.Change.SCENES));
		return scenes(hallId).stream().filter(s -> s.id() == sceneId).findFirst().orElseThrow();
	}

	private void insertHotspots(long sceneId, List<HallHotspot> hotspots) {
		int position = 1;
		for (HallHotspot h : hotspots) {
			jdbc.update("""
					insert into learning_hall_hotspot (scene_id, position, yaw, pitch, title, material_id, target_scene_id)
					values (?, ?, ?, ?, ?, ?, ?)""", sceneId, position++, round(h.yaw()), round(h.pitch()),
					PlainText.clean(h.title()), h.materialId(), h.sceneId());
		}
	}

	private static double round(double degrees) {
		return Math.round(degrees * 100) / 100.0;
	}

	/** Each hotspot: a direction in range, a title, one target that the hall's audience may open. */
	private void validate(Caller caller, Row hall, List<HallHotspot> hotspots) {
		Set<Long> scenes = sceneIds(hall.id());
		List<FieldProblem.Problem> problems = new ArrayList<>();
		for (int i = 0; i < hotspots.size(); i++) {
			HallHotspot h = hotspots.get(i);
			String at = "hotspots[" + i + "].";
			if (h == null) {
				problems.add(new FieldProblem.Problem("hotspots[" + i + "]", "learning.hall.hotspot.target", new Object[0]));
				continue;
			}
			if (h.yaw() == null || !Double.isFinite(h.yaw()) || h.yaw() < -180 || h.yaw() > 180) {
				problems.add(new FieldProblem.Problem(at + "yaw", "learning.hall.hotspot.yaw", new Object[0]));
			}
			if (h.pitch() == null || !Double.isFinite(h.pitch()) || h.pitch() < -90 || h.pitch() > 90) {
				problems.add(new FieldProblem.Problem(at + "pitch", "learning.hall.hotspot.pitch", new Object[0]));
			}
			String title = PlainText.clean(h.title());
			if (title.isEmpty() || title.length() > 100) {
				problems.add(new FieldProblem.Problem(at + "title", "learning.hall.hotspot.title", new Object[] { 100 }));
			}
			if ((h.materialId() == null) == (h.sceneId() == null)) {
				problems.add(new FieldProblem.Problem(at + "materialId", "learning.hall.hotspot.target", new Object[0]));
			}
			else if (h.sceneId() != null && !scenes.contains(h.sceneId())) {
				problems.add(new FieldProblem.Problem(at + "sceneId", "learning.hall.hotspot.scene", new Object[0]));
			}
			else if (h.materialId() != null) {
				String problem = openable(caller, hall, h.materialId());
				if (problem != null) {
					problems.add(new FieldProblem.Problem(at + "materialId", problem, new Object[0]));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
	}

	/** Why a hotspot may not open this material, or null: a study material (not a panorama) the audience reads. */
	private String openable(Caller caller, Row hall, long materialId) {
		MaterialLibrary.MaterialView m;
		try {
			m = library.find(caller, materialId);
		}
		catch (OutOfScopeException e) {
			return "learning.hall.hotspot.material";
		}
		if (m.withdrawn() || m.kind() == MaterialKind.PANORAMA) {
			return "learning.hall.hotspot.material";
		}
		return reachesAudience(hall, m.orgId(), m.audience() == MaterialLibrary.Audience.SCHOOL) ? null
				: "learning.hall.audience";
	}

	/** A scene's panorama: a PANORAMA material, not withdrawn, that the caller and the hall's audience may read. */
	private void panorama(Caller caller, Row hall, long materialId, String field) {
		MaterialLibrary.MaterialView m;
		try {
			m = library.find(caller, materialId);
		}
		catch (OutOfScopeException e) {
			throw new FieldProblem(field, "learning.hall.scene.material");
		}
		if (m.kind() != MaterialKind.PANORAMA || m.withdrawn()) {
			throw new FieldProblem(field, "learning.hall.scene.material");
		}
		if (!reachesAudience(hall, m.orgId(), m.audience() == MaterialLibrary.Audience.SCHOOL)) {
			throw new FieldProblem(field, "learning.hall.audience");
		}
	}

	/** Does everyone the hall is for read a material of {@code orgId}? (Its subtree holds the hall's, or it is the school's.) */
	private boolean reachesAudience(Row hall, long orgId, boolean wholeSchool) {
		if (wholeSchool) {
			return true;
		}
		return !hall.wholeSchool() && scope.subtree(orgId).contains(hall.orgId());
	}

	private Set<Long> sceneIds(long hallId) {
		return new HashSet<>(jdbc.queryForList("select id from learning_hall_scene where hall_id = ?", Long.class, hallId));
	}

	private Row row(long id) {
		return jdbc.query("select * from learning_hall where id = ?", (rs, n) -> new Row(rs.getLong("id"),
				rs.getString("title"), rs.getLong("organization_id"), rs.getBoolean("whole_school"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("withdrawn_at") != null), id).stream().findFirst()
			.orElseThrow(() -> new OutOfScopeException("learning-hall", id));
	}

	/** A hall the caller manages, not withdrawn (else the audited 404). */
	private Row managed(Caller caller, long id) {
		Row hall = row(id);
		scope.requireReach(caller, hall.orgId(), Readers.MANAGERS);
		if (hall.withdrawn()) {
			throw new OutOfScopeException("learning-hall", id);
		}
		return hall;
	}

	/** A hall the caller may visit (or manages: then a withdrawn one too). */
	@Transactional(readOnly = true)
	HallView find(Caller caller, long id) {
		Row hall = readable(caller, id);
		long org = hall.orgId();
		return new HallView(hall.id(), hall.title(), org, scope.qualifiedNames(List.of(org)).getOrDefault(org, ""),
				hall.wholeSchool() ? MaterialLibrary.Audience.SCHOOL : MaterialLibrary.Audience.SUBTREE,
				hall.createdAt(), hall.createdBy(), hall.withdrawn(), scenes(id));
	}

	/** May the caller visit the hall? The audited 404 else; {@code true} when they manage it. */
	boolean manages(Caller caller, long id) {
		return scope.reaches(caller, row(id).orgId(), Readers.MANAGERS);
	}

	private Row readable(Caller caller, long id) {
		Row hall = row(id);
		boolean manages = scope.reaches(caller, hall.orgId(), Readers.MANAGERS);
		if (!manages && (hall.withdrawn() || !readers.mayRead(caller, hall.orgId(), hall.wholeSchool()))) {
			throw new OutOfScopeException("learning-hall", id);
		}
		return hall;
	}

	/** A hall the caller may visit now (not withdrawn), for the visit's heartbeats. */
	Row visitable(Caller caller, long id) {
		Row hall = readable(caller, id);
		if (hall.withdrawn()) {
			throw new OutOfScopeException("learning-hall", id);
		}
		return hall;
	}

	String title(long id) {
		return row(id).title();
	}

	List<SceneView> scenes(long hallId) {
		Map<Long, List<HotspotView>> hotspots = new LinkedHashMap<>();
		jdbc.query("""
				select h.id, h.scene_id, h.yaw, h.pitch, h.title, h.material_id, m.kind, h.target_scene_id
				from learning_hall_hotspot h join learning_hall_scene s on s.id = h.scene_id
				left join learning_material m on m.id = h.material_id
				where s.hall_id = ? and (m.id is null or m.withdrawn_at is null)
				order by h.scene_id, h.position""", rs -> {
			hotspots.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new HotspotView(rs.getLong(1),
					rs.getDouble(3), rs.getDouble(4), rs.getString(5), (Long) rs.getObject(6),
					rs.getString(7) == null ? null : MaterialKind.valueOf(rs.getString(7)), (Long) rs.getObject(8)));
		}, hallId);
		return jdbc.query("""
				select s.id, s.material_id, m.title, s.position from learning_hall_scene s
				join learning_material m on m.id = s.material_id where s.hall_id = ? order by s.position""",
				(rs, n) -> scene(rs, hotspots), hallId);
	}

	private SceneView scene(ResultSet rs, Map<Long, List<HotspotView>> hotspots) throws SQLException {
		long id = rs.getLong(1);
		long material = rs.getLong(2);
		List<Image> images = panoramas.renditions(material).stream().map(r -> new Image(r.size().path(),
				Panoramas.url(material, r.size()), r.width(), r.height(), r.bytes())).toList();
		return new SceneView(id, material, rs.getString(3), rs.getInt(4), images, hotspots.getOrDefault(id, List.of()));
	}

	/**
	 * Halls the caller may visit or manages, newest first; {@code managedOnly} for the managers' list,
	 * {@code orgId} filters by organisation subtree (one the caller manages).
	 */
	@Transactional(readOnly = true)
	List<HallLine> list(Caller caller, boolean managedOnly, Long orgId) {
		Set<Long> readable = managedOnly ? Set.of() : readers.readableBy(caller);
		Set<Long> managed = scope.visibleTo(caller, Readers.MANAGERS);
		StringBuilder where = new StringBuilder(managedOnly ? " where h.organization_id = any(?)"
				: " where ((h.withdrawn_at is null and (h.whole_school or h.organization_id = any(?))) or h.organization_id = any(?))");
		List<Object> args = new ArrayList<>();
		if (!managedOnly) {
			args.add(readable.toArray(Long[]::new));
		}
		args.add(managed.toArray(Long[]::new));
		if (orgId != null) {
			if (!scope.reaches(caller, orgId, Readers.MANAGERS)) {
				throw new OutOfScopeException("organization", orgId);
			}
			where.append(" and h.organization_id = any(?)");
			args.add(scope.subtree(orgId).toArray(Long[]::new));
		}
		if (!managedOnly) {
			// a member's list: only halls with something to see
			where.append(" and h.withdrawn_at is null and exists (select 1 from learning_hall_scene s where s.hall_id = h.id)");
		}
		List<HallLine> lines = jdbc.query("""
				select h.*, (select count(*) from learning_hall_scene s where s.hall_id = h.id) as scenes,
				       (select count(*) from learning_hall_visit v where v.hall_id = h.id and v.visited_at is not null) as visitors
				from learning_hall h""" + where + " order by h.created_at desc, h.id desc limit 200",
				(rs, n) -> new HallLine(rs.getLong("id"), rs.getString("title"), rs.getLong("organization_id"), "",
						rs.getBoolean("whole_school") ? MaterialLibrary.Audience.SCHOOL : MaterialLibrary.Audience.SUBTREE,
						rs.getInt("scenes"), rs.getLong("visitors"), rs.getTimestamp("created_at").toInstant(),
						rs.getTimestamp("withdrawn_at") != null), args.toArray());
		var names = scope.qualifiedNames(lines.stream().map(HallLine::orgId).toList());
		return lines.stream().map(l -> new HallLine(l.id(), l.title(), l.orgId(), names.getOrDefault(l.orgId(), ""),
				l.audience(), l.scenes(), l.visitors(), l.createdAt(), l.withdrawn())).toList();
	}

	/** Withdraws a hall: out of the members' lists; the visits made stay theirs. */
	void withdraw(Caller caller, long id) {
		Row hall = row(id);
		scope.requireReach(caller, hall.orgId(), Readers.MANAGERS);
		if (hall.withdrawn()) {
			return;
		}
		jdbc.update("update learning_hall set withdrawn_at = ? where id = ?", Timestamp.from(clock.instant()), id);
		events.publishEvent(new HallPublished(id, hall.title(), hall.orgId(), hall.wholeSchool(),
				HallPublished.Change.WITHDRAWN));
	}
}
