package cn.partybuilding.orglife;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The check-in code shown as a QR: the meeting's id and an expiry, signed with HMAC-SHA256, good for
 * {@code party.orglife.checkin-token-seconds}. A photo of the screen sent to someone at home has run
 * out by the time it arrives. The key comes from configuration (several nodes share it) or is drawn
 * at start (one node).
 */
@Component
class CheckinTokens {

	record Token(String token, Instant expiresAt) {
	}

	/** What a presented token turned out to be. */
	enum Verdict { VALID, EXPIRED, FORGED }

	private final byte[] key;

	private final Duration lifetime;

	private final Clock clock;

	CheckinTokens(@Value("${party.orglife.checkin-key:}") String configuredKey,
			@Value("${party.orglife.checkin-token-seconds:30}") int seconds, Clock clock) {
		if (configuredKey.isBlank()) {
			this.key = new byte[32];
			new SecureRandom().nextBytes(this.key);
		}
		else {
			this.key = Base64.getDecoder().decode(configuredKey.trim());
		}
		this.lifetime = Duration.ofSeconds(seconds);
		this.clock = clock;
	}

	Token issue(long meetingId) {
		Instant expires = clock.instant().plus(lifetime);
		ByteBuffer body = ByteBuffer.allocate(16).putLong(meetingId).putLong(expires.getEpochSecond());
		byte[] signed = ByteBuffer.allocate(48).put(body.array()).put(sign(body.array())).array();
		return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(signed), expires);
	}

	Verdict check(String token, long meetingId) {
		return check(token, meetingId, clock.instant());
	}

	/** The token as it was at {@code at} (when it was scanned, for someone who had to sign in first). */
	Verdict check(String token, long meetingId, Instant at) {
		Optional<byte[]> bytes = decode(token);
		if (bytes.isEmpty() || bytes.get().length != 48) {
			return Verdict.FORGED;
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes.get());
		byte[] body = new byte[16];
		byte[] signature = new byte[32];
		buffer.get(body).get(signature);
		if (!MessageDigest.isEqual(signature, sign(body))) {
			return Verdict.FORGED;
		}
		ByteBuffer fields = ByteBuffer.wrap(body);
		if (fields.getLong() != meetingId) {
			return Verdict.FORGED;
		}
		return Instant.ofEpochSecond(fields.getLong()).isBefore(at) ? Verdict.EXPIRED : Verdict.VALID;
	}

	private static Optional<byte[]> decode(String token) {
		try {
			return token == null ? Optional.empty() : Optional.of(Base64.getUrlDecoder().decode(token.trim()));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	private byte[] sign(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update("party-checkin-v1".getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
