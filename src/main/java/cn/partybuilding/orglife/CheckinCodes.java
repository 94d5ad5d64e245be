package cn.partybuilding.orglife;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.shared.QrCode;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.FieldProblem;

/**
 * The rotating QR check-in of meetings, for another module's subjects (a training session): the code for the
 * organiser's screen, and the judgement of a code a member's phone presents — as of the scan when the member had to
 * sign in first (within {@code party.orglife.checkin-sign-in-grace}). Whether the member belongs, and what a
 * check-in records, stays with the subject's module.
 */
@Facade("the rotating signed QR check-in code of meetings, for other modules' subjects such as training sessions")
@Component
public class CheckinCodes {

	private final CheckinTokens tokens;

	private final Clock clock;

	private final Duration signInGrace;

	CheckinCodes(CheckinTokens tokens, Clock clock,
			@Value("${party.orglife.checkin-sign-in-grace:10m}") Duration signInGrace) {
		this.tokens = tokens;
		this.clock = clock;
		this.signInGrace = signInGrace;
	}

	/** The current code for the subject; its link is absolute when a request is being served. */
	public ShownCheckinCode issue(CheckinSubject subject) {
		CheckinTokens.Token token = tokens.issue(subject);
		String link = RequestContextHolder.getRequestAttributes() == null ? subject.path() + "?token=" + token.token()
				: ServletUriComponentsBuilder.fromCurrentContextPath().path(subject.path())
					.queryParam("token", token.token()).build().toUriString();
		return new ShownCheckinCode(token.token(), token.expiresAt(), link, QrCode.dataUri(link));
	}

	/**
	 * The moment a presented code admits its holder at: the scan noted in {@code session} (null for the API) when it
	 * was within the sign-in grace, else now. A code of another subject, or no code, is refused as forged; a
	 * code run out as expired ({@link FieldProblem} on {@code token}, with orglife's messages).
	 */
	public Instant admit(CheckinSubject subject, String token, HttpSession session) {
		Instant now = clock.instant();
		Optional<Instant> scanned = CheckinScans.scannedAt(session, subject, token);
		Instant at = scanned.filter(s -> !s.isAfter(now) && !s.isBefore(now.minus(signInGrace))).orElse(now);
		switch (tokens.check(token, subject, at)) {
			case FORGED -> throw new FieldProblem("token", "orglife.checkin.forged");
			case EXPIRED -> throw new FieldProblem("token", "orglife.checkin.expired");
			case VALID -> {
			}
		}
		return at;
	}
}
