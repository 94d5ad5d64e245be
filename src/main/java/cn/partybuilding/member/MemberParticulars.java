package cn.partybuilding.member;

import java.time.LocalDate;

/**
 * What an introduction letter (介绍信) states about the member, the full ID-card number included: the
 * receiving organisation identifies them by it. Only the transfer module asks, for a letter the
 * committee issued; the letter's download is audited there.
 */
public record MemberParticulars(long id, String name, Gender gender, String ethnicity, LocalDate birthDate, String idCard,
		MemberStatus status, Category category) {
}
