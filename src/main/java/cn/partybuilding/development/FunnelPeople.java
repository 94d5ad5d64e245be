package cn.partybuilding.development;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.FieldProblem;

/**
 * The people behind one stage of the funnel (the analytics' drill-down): those whose step was approved in the dates,
 * counted as {@link DevelopmentFunnel} counts them (a conversion only when not extended).
 */
@Component
@Transactional(readOnly = true)
class FunnelPeople {

	/** The funnel's stages by the keys the dashboards use, and the step each counts. */
	static final Map<String, Integer> STAGES = Map.of("application", Step.APPLICATION.number(), "activist",
			Step.ACTIVIST.number(), "candidate", Step.CANDIDATE.number(), "admitted", Step.ADMISSION_APPROVAL.number(),
			"converted", Step.CONVERSION_APPROVAL.number());

	private final NamedParameterJdbcTemplate jdbc;

	FunnelPeople(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	List<FunnelPerson> at(Collection<Long> orgIds, String stage, LocalDate from, LocalDate until, int limit) {
		Integer step = STAGES.get(stage);
		if (step == null) {
			throw new FieldProblem("stage", "analytics.dash.drill.stage");
		}
		if (orgIds.isEmpty()) {
			return List.of();
		}
		var params = new MapSqlParameterSource("orgs", orgIds.toArray(Long[]::new)).addValue("step", step)
			.addValue("from", Date.valueOf(from))
			.addValue("until", Date.valueOf(until))
			.addValue("limit", Math.max(1, Math.min(limit, 5000)));
		return jdbc.query("""
				select a.id, a.name, s.organization_id, s.done_on from development_step s join applicant a on a.id = s.applicant_id
				where s.decision = 'APPROVED' and s.step = :step and s.done_on >= :from and s.done_on < :until
				  and s.organization_id = any(:orgs) and not s.cancelled and (s.step <> 24 or s.extension_months is null)
				order by s.done_on, a.name, a.id limit :limit""", params,
				(rs, i) -> new FunnelPerson(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDate(4).toLocalDate()));
	}
}
