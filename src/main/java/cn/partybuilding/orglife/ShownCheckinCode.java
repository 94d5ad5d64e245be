package cn.partybuilding.orglife;

import java.time.Instant;

/** A check-in code to show on a screen: the token, when it runs out, the link it opens, that link as a QR (an SVG data URI). */
public record ShownCheckinCode(String token, Instant expiresAt, String link, String qr) {
}
