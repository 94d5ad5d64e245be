package cn.partybuilding.learning;

import jakarta.validation.constraints.Size;

/**
 * A hotspot of a hall's scene, at a direction in degrees (yaw −180..180 from the panorama's centre to the right,
 * pitch −90..90 up): it opens a study material ({@code materialId}) or moves to another scene of the same hall
 * ({@code sceneId}, an arrow), exactly one of the two.
 */
public record HallHotspot(Double yaw, Double pitch, @Size(max = 100) String title, Long materialId, Long sceneId) {
}
