package cn.partybuilding.member;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.security.key-rotation.*}.
 *
 * @param batchSize members re-encrypted in one transaction of a key rotation
 * @param sweepMillis the pause between two batches
 */
@ConfigurationProperties("party.security.key-rotation")
record KeyRotationSettings(@DefaultValue("1000") int batchSize, @DefaultValue("1000") long sweepMillis) {
}
