package cn.partybuilding.interaction;

import java.time.Instant;

/** A question got a visible answer: its asker hears of it in their notifications. */
public record QuestionAnswered(long questionId, long askerAccountId, String title, String answeredBy, Instant at) {
}
