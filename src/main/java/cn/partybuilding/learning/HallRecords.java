package cn.partybuilding.learning;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What the demo (or a migration) tells learning about 红色教育 halls, by the same rules as the API: a hall, its
 * scenes (PANORAMA materials published through {@link LearningRecords#publish}) and their hotspots.
 */
@Facade("what the demo tells learning about 红色教育 halls: a hall, its scenes and their hotspots, by the API's rules")
@Service
@Transactional
public class HallRecords {

	private final Halls halls;

	HallRecords(Halls halls) {
		this.halls = halls;
	}

	/** Opens a hall of the organisation (for its subtree, or the whole school); returns its id. */
	public long open(Caller by, String title, long orgId, boolean wholeSchool) {
		return halls.create(by, new Halls.NewHall(title, orgId,
				wholeSchool ? MaterialLibrary.Audience.SCHOOL : MaterialLibrary.Audience.SUBTREE)).id();
	}

	/** Adds a scene of a PANORAMA material, after the last; returns the scene's id. */
	public long addScene(Caller by, long hallId, long panoramaId, List<HallHotspot> hotspots) {
		return halls.addScene(by, hallId, new Halls.NewScene(panoramaId, hotspots)).id();
	}

	/** Replaces a scene's hotspots (to point arrows at scenes added after it). */
	public void setHotspots(Caller by, long hallId, long sceneId, List<HallHotspot> hotspots) {
		halls.setHotspots(by, hallId, sceneId, hotspots);
	}
}
