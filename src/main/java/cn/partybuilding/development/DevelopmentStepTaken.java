package cn.partybuilding.development;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A step of 发展党员 was recorded for a person (通过 or 退回); {@code memberId} once they are a member, so the 纪实
 * continues the development history. {@code step} is DOMAIN.md's number.
 */
public record DevelopmentStepTaken(long personId, long organizationId, Long memberId, int step, LocalDate date,
		String decision, String summary, String actor, Instant at) implements DevelopmentPersonEvent {

	@Override
	public String action() {
		return "development.step";
	}
}
