package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * The 五星 certificate of an organisation whose year the committee approved with five stars: a printable page for
 * the organisation's people (its members too) and those above, with the address that verifies it. Anything else —
 * not approved, fewer stars, out of reach — is the audited 404.
 */
@Controller
class FiveStarPages {

	static final Role[] SEES = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE, Role.MEMBER };

	record Certificate(int year, long orgId, String orgName, String issuerName, BigDecimal total, LocalDate approvedOn,
			String verifyUrl) {
	}

	private final JdbcClient jdbc;

	private final OrganizationScope scope;

	FiveStarPages(JdbcClient jdbc, OrganizationScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	@GetMapping("/assessment/certificates/{orgId}")
	String certificate(@PathVariable long orgId, @RequestParam int year, Model model, HttpServletRequest request) {
		Caller caller = Caller.require();
		if (!scope.reaches(caller, orgId, SEES)) {
			throw new OutOfScopeException("assessment-certificate", year + "/" + orgId);
		}
		record Row(BigDecimal total, Instant approvedAt) {
		}
		Row row = jdbc.sql("""
				select total, approved_at from assessment_result
				where year = ? and organization_id = ? and approved_at is not null and stars = 5""").params(year, orgId)
			.query((rs, n) -> new Row(rs.getBigDecimal(1), rs.getTimestamp(2).toInstant())).optional()
			.orElseThrow(() -> new OutOfScopeException("assessment-certificate", year + "/" + orgId));
		OrgRef org = scope.find(orgId).orElseThrow(() -> new OutOfScopeException("assessment-certificate", orgId));
		List<OrgRef> lineage = scope.lineage(orgId);
		Map<Long, String> names = scope.qualifiedNames(List.of(orgId));
		String path = "/assessment/certificates/" + orgId + "?year=" + year;
		String base = request.getScheme() + "://" + request.getServerName()
				+ (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
		model.addAttribute("certificate", new Certificate(year, orgId, names.getOrDefault(orgId, org.name()),
				OrganizationScope.schoolIn(lineage).map(OrgRef::name).orElse(""), row.total(),
				LocalDate.ofInstant(row.approvedAt(), PlatformZone.ZONE), base + path));
		return "assessment/five-star";
	}
}
