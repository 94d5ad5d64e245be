package cn.partybuilding.certificate;

import java.time.Instant;

/** A certificate as issued: its code, where its PDF is downloaded ({@code /certificates/{code}.pdf}), and when. */
public record IssuedCertificate(long id, String code, String pdfPath, Instant issuedAt) {
}
