package cn.partybuilding.certificate;

import java.time.Instant;

/**
 * What a module asks a certificate for. {@code kind} names the subject (COURSE, TRAINING …) and with
 * {@code subjectId} and {@code accountId} makes the certificate one of a kind; {@code title} is the course or class
 * title and {@code achievement} one line the PDF prints as it is (for example 完成全部 5 章).
 */
public record NewCertificate(String kind, long subjectId, long accountId, Long memberId, String holderName,
		long issuerOrgId, String title, String achievement, Instant achievedAt) {
}
