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
 * The check-in code shown as a QR: an expiry signed with HMAC-SHA256 together with the subject's path (a
 * meeting's, a training session's — a code signed for one is forged for any other), good for
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
		return issue(CheckinSubject.meeting(meetingId));
	}

	Token issue(CheckinSubject subject) {
		Instant expires = clock.instant().plus(lifetime);
		byte[] body = ByteBuffer.allocate(8).putLong(expires.getEpochSecond()).array();
		byte[] signed = ByteBuffer.allocate(40).put(body).put(sign(subject, body)).array();
		return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(signed), expires);
	}

	Verdict check(String token, long meetingId) {
		return check(token, CheckinSubject.meeting(meetingId), clock.instant());
	}

	/** The token as it was at {@code at} (when it was scanned, for someone who had to sign in first). */
	Verdict check(String token, long meetingId, Instant at) {
		return check(token, CheckinSubject.meeting(meetingId), at);
	}

	Verdict check(String token, CheckinSubject subject, Instant at) {
		Optional<byte[]> bytes = decode(token);
		if (bytes.isEmpty() || bytes.get().length != 40) {
			return Verdict.FORGED;
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes.get());
		byte[] body = new byte[8];
		byte[] signature = new byte[32];
		buffer.get(body).get(signature);
		if (!MessageDigest.isEqual(signature, sign(subject, body))) {
			return Verdict.FORGED;
		}
		return Instant.ofEpochSecond(ByteBuffer.wrap(body).getLong()).isBefore(at) ? Verdict.EXPIRED : Verdict.VALID;
	}

	private static Optional<byte[]> decode(String token) {
		try {
			return token == null ? Optional.empty() : Optional.of(Base64.getUrlDecoder().decode(token.trim()));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	private byte[] sign(CheckinSubject subject, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update("party-checkin-v2 ".getBytes(StandardCharsets.US_ASCII));
			mac.update(subject.path().getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
