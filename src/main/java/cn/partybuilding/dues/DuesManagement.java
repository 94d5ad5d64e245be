package cn.partybuilding.dues;

import java.sql.Date;
import java.time.YearMonth;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules ask of dues. */
@Service
@Transactional(readOnly = true)
public class DuesManagement {

	private final JdbcTemplate jdbc;

	DuesManagement(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * 党费交至年月: the last month settled (paid or waived) with no unpaid month before it; empty when the
	 * member has settled nothing yet. The transfer letter prints it.
	 */
	public Optional<YearMonth> paidUpTo(long memberId) {
		Date month = jdbc.queryForObject("""
				select max(month) from dues_bill
				where member_id = ? and state <> 'UNPAID'
				  and month < coalesce((select min(month) from dues_bill where member_id = ? and state = 'UNPAID'), 'infinity')""",
				Date.class, memberId, memberId);
		return Optional.ofNullable(month).map(d -> YearMonth.from(d.toLocalDate()));
	}
}
