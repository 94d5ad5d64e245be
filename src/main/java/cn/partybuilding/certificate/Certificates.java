package cn.partybuilding.certificate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.MaskedName;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.VerificationCode;

/**
 * Issues certificates: one per holder and subject, whoever asks twice gets the first. The holder and the managers
 * of the issuing organisation's subtree download the PDF; anyone checks a code.
 */
@Facade("issues certificates of completion that anyone can verify by their code")
@Service
@Transactional
public class Certificates {

	/** Who may download a certificate besides its holder: the managers reaching the issuing organisation. */
	static final Role[] MANAGERS = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	private static final String COLUMNS = "id, code, kind, subject_id, account_id, member_id, holder_name, issuer_org_id, "
			+ "title, achievement, achieved_at, issued_at";

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	private final Clock clock;

	Certificates(JdbcTemplate jdbc, OrganizationScope scope, Clock clock) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.clock = clock;
	}

	/** A full certificate as the PDF and the holder's list show it. */
	record Certificate(long id, String code, String kind, long subjectId, long accountId, Long memberId,
			String holderName, long issuerOrgId, String title, String achievement, Instant achievedAt, Instant issuedAt) {

		IssuedCertificate issued() {
			return new IssuedCertificate(id, code, pdfPath(), issuedAt);
		}

		String pdfPath() {
			return "/certificates/" + code + ".pdf";
		}
	}

	/** What the public page shows of a certificate: nothing that identifies the holder beyond a masked name. */
	record Verification(String code, String kind, String title, String achievement, String maskedName,
			String issuerName, Instant achievedAt) {
	}

	public IssuedCertificate issue(NewCertificate request) {
		if (request.kind() == null || !request.kind().matches("[A-Z_]{1,20}")) {
			throw new IllegalArgumentException("a certificate kind is a short upper-case name: " + request.kind());
		}
		// a code collision (1 in 31^12) or a concurrent second issue both end in the row that is there
		jdbc.update("""
				insert into certificate (code, kind, subject_id, account_id, member_id, holder_name, issuer_org_id, title,
				  achievement, achieved_at, issued_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", VerificationCode.fresh(), request.kind(),
				request.subjectId(), request.accountId(), request.memberId(), cut(request.holderName(), 100),
				request.issuerOrgId(), cut(request.title(), 200), cut(request.achievement(), 300),
				Timestamp.from(request.achievedAt()), Timestamp.from(clock.instant()));
		return find(request.kind(), request.subjectId(), request.accountId())
			.orElseThrow(() -> new IllegalStateException("certificate not kept: " + request));
	}

	@Transactional(readOnly = true)
	public Optional<IssuedCertificate> find(String kind, long subjectId, long accountId) {
		return jdbc.query("select " + COLUMNS + " from certificate where kind = ? and subject_id = ? and account_id = ?",
				Certificates::row, kind, subjectId, accountId).stream().findFirst().map(Certificate::issued);
	}

	/** A certificate for its holder or a manager reaching the issuer; anyone else learns nothing (404, audited). */
	@Transactional(readOnly = true)
	Certificate forDownload(Caller caller, String code) {
		return byCode(code)
			.filter(c -> c.accountId() == caller.accountId() || scope.reaches(caller, c.issuerOrgId(), MANAGERS))
			.orElseThrow(() -> new OutOfScopeException("certificate", code));
	}

	@Transactional(readOnly = true)
	Optional<Verification> verify(String code) {
		return byCode(code).map(c -> new Verification(c.code(), c.kind(), c.title(), c.achievement(),
				MaskedName.of(c.holderName()), issuerName(c), c.achievedAt()));
	}

	/** The caller's own certificates, newest first. */
	@Transactional(readOnly = true)
	List<Certificate> mine(Caller caller) {
		return jdbc.query("select " + COLUMNS + " from certificate where account_id = ? order by issued_at desc, id desc",
				Certificates::row, caller.accountId());
	}

	String issuerName(Certificate certificate) {
		return scope.find(certificate.issuerOrgId()).map(o -> o.name()).orElse("");
	}

	private Optional<Certificate> byCode(String code) {
		if (!VerificationCode.wellFormed(code)) {
			return Optional.empty();
		}
		return jdbc.query("select " + COLUMNS + " from certificate where code = ?", Certificates::row, code).stream()
			.findFirst();
	}

	private static String cut(String text, int max) {
		String value = text == null ? "" : text.strip();
		return value.length() <= max ? value : value.substring(0, max);
	}

	private static Certificate row(ResultSet rs, int n) throws SQLException {
		return new Certificate(rs.getLong("id"), rs.getString("code"), rs.getString("kind"), rs.getLong("subject_id"),
				rs.getLong("account_id"), rs.getObject("member_id", Long.class), rs.getString("holder_name"),
				rs.getLong("issuer_org_id"), rs.getString("title"), rs.getString("achievement"),
				rs.getTimestamp("achieved_at").toInstant(), rs.getTimestamp("issued_at").toInstant());
	}
}
