package cn.partybuilding.training;

import java.math.BigDecimal;
import java.time.Instant;

/** A session of a training class to hold: when, where, and its 学时. */
public record TrainingSessionPlan(Instant startAt, Instant endAt, String place, BigDecimal hours) {
}
