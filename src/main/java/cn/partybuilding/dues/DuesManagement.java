package cn.partybuilding.dues;

import java.sql.Date;
import java.time.YearMonth;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules ask of, and tell, dues. */
@Service
@Transactional(readOnly = true)
public class DuesManagement {

	/**
	 * A member arrived with a letter stating 党费交至 {@code upTo}: those months were paid where they came from
	 * and are not billed here; their 党费交至 starts from it.
	 */
	@Transactional
	public void paidElsewhere(long memberId, YearMonth upTo, String source) {
		jdbc.update("""
				insert into dues_paid_elsewhere (member_id, up_to, source) values (?, ?, ?)
				on conflict (member_id) do update set up_to = excluded.up_to, source = excluded.source""", memberId,
				Date.valueOf(upTo.atDay(1)), source.length() > 200 ? source.substring(0, 200) : source);
		// a bill already made for such a month (the member arrived mid-month, after the day's billing) goes
		jdbc.update("delete from dues_bill where member_id = ? and month <= ? and state = 'UNPAID' and order_id is null", memberId,
				Date.valueOf(upTo.atDay(1)));
	}

	private final JdbcTemplate jdbc;

	DuesManagement(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * 党费交至年月: the last month settled (paid or waived) with no unpaid month before it — or, for a member who
	 * arrived with a letter, its 党费交至 when nothing later is settled here; empty when nothing is settled yet.
	 * The transfer letter prints it.
	 */
	public Optional<YearMonth> paidUpTo(long memberId) {
		Date month = jdbc.queryForObject("""
				select greatest(
				  (select max(month) from dues_bill
				   where member_id = ? and state <> 'UNPAID'
				     and month < coalesce((select min(month) from dues_bill where member_id = ? and state = 'UNPAID'), 'infinity')),
				  (select up_to from dues_paid_elsewhere where member_id = ?))""",
				Date.class, memberId, memberId, memberId);
		return Optional.ofNullable(month).map(d -> YearMonth.from(d.toLocalDate()));
	}
}
