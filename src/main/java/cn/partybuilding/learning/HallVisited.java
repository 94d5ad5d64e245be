package cn.partybuilding.learning;

import java.time.Instant;

/**
 * A person visited a 红色教育 hall by the rule (enough effective time, enough of its scenes seen); published once
 * per person and hall. {@code memberId} when the person is a member: the 纪实 records it.
 */
public record HallVisited(long accountId, Long memberId, long hallId, String title, int effectiveSeconds,
		int scenesSeen, Instant at) {
}
