package cn.partybuilding.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import cn.partybuilding.learning.HallHotspot;
import cn.partybuilding.learning.HallRecords;
import cn.partybuilding.learning.LearningRecords;
import cn.partybuilding.learning.MaterialKind;
import cn.partybuilding.learning.MaterialOnFile;
import cn.partybuilding.shared.Caller;

/**
 * The demo's 红色教育 hall: the committee's 校史馆·红色记忆 of three rooms (序厅, 革命历史展区, 新时代展区), panoramas
 * made by the project (demo/learning/halls, with their README), joined by arrows both ways, with hotspots that open
 * a demo article and the demo's 党课 video. For the whole school.
 */
@Component
class HallDemo {

	static final String TITLE = "校史馆·红色记忆 VR 展厅";

	private static final String FOLDER = "demo/learning/halls/";

	private final LearningRecords learning;

	private final HallRecords halls;

	HallDemo(LearningRecords learning, HallRecords halls) {
		this.learning = learning;
		this.halls = halls;
	}

	/** {@code article} and {@code video}: whole-school demo materials the hotspots open. */
	void seed(Caller admin, long school, long article, long video, Instant at) {
		String[] titles = { "序厅", "革命历史展区", "新时代展区" };
		long[] panoramas = new long[3];
		for (int i = 0; i < 3; i++) {
			panoramas[i] = learning.publish(admin, new MaterialOnFile(MaterialKind.PANORAMA, "红色记忆展厅·" + titles[i],
					"校史馆红色记忆展厅全景（示例图片，由本项目绘制）。", null, school, true, List.of("红色教育", "全景"),
					"hall-scene-" + (i + 1) + ".jpg", bytes(FOLDER + "hall-scene-" + (i + 1) + ".jpg"), at));
		}
		long hall = halls.open(admin, TITLE, school, true);
		long entrance = halls.addScene(admin, hall, panoramas[0], List.of());
		long history = halls.addScene(admin, hall, panoramas[1], List.of(
				new HallHotspot(180.0, -4.0, "返回序厅", null, entrance),
				new HallHotspot(-20.0, 6.0, "延伸阅读：党的光辉历程", article, null)));
		long era = halls.addScene(admin, hall, panoramas[2], List.of(
				new HallHotspot(180.0, -4.0, "返回革命历史展区", null, history),
				new HallHotspot(0.0, 6.0, "观看党课视频", video, null)));
		halls.setHotspots(admin, hall, entrance, List.of(
				new HallHotspot(25.0, -4.0, "前往革命历史展区", null, history),
				new HallHotspot(-12.0, 8.0, "党课视频：坚定理想信念", video, null),
				new HallHotspot(-60.0, 2.0, "学习资料：党章与党史", article, null)));
		halls.setHotspots(admin, hall, history, List.of(
				new HallHotspot(42.0, -4.0, "前往新时代展区", null, era),
				new HallHotspot(180.0, -4.0, "返回序厅", null, entrance),
				new HallHotspot(-20.0, 6.0, "延伸阅读：党的光辉历程", article, null)));
	}

	private static byte[] bytes(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new IllegalStateException("demo file missing: " + path, e);
		}
	}
}
