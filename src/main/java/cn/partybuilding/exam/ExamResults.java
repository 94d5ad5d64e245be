package cn.partybuilding.exam;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Facade;

/** What other modules ask of 线上测试: a person's completed results, newest first. */
@Facade("what other modules ask of exam: a person's results")
@Service
@Transactional(readOnly = true)
public class ExamResults {

	private final JdbcTemplate jdbc;

	private final OrganizationScope scope;

	ExamResults(JdbcTemplate jdbc, OrganizationScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	/** The completed attempts of an account (an activist's training tests in their development file). */
	public List<ExamResult> of(long accountId) {
		List<Object[]> rows = jdbc.query("""
				select e.id, e.title, e.org_id, a.number, a.score, e.total_score, e.pass_mark, a.passed, a.completed_at
				from exam_attempt a join exam e on e.id = a.exam_id
				where a.account_id = ? and a.completed_at is not null order by a.completed_at desc limit 100""",
				(rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
						rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBoolean(8),
						rs.getTimestamp(9).toInstant() }, accountId);
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(r -> (Long) r[2]).distinct().toList());
		return rows.stream().map(r -> new ExamResult((Long) r[0], (String) r[1], names.get((Long) r[2]), (Integer) r[3],
				(java.math.BigDecimal) r[4], (java.math.BigDecimal) r[5], (java.math.BigDecimal) r[6], (Boolean) r[7],
				(java.time.Instant) r[8])).toList();
	}
}
