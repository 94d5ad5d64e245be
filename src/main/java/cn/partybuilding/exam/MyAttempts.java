package cn.partybuilding.exam;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;

/** A person's own attempts at one exam, newest first, for the pages they take it on. */
@Service
@Transactional(readOnly = true)
class MyAttempts {

	/** One attempt in the person's list: running ({@code submittedAt} null), waiting for grading, or complete. */
	record AttemptLine(long id, int number, Instant startedAt, Instant deadline, Instant submittedAt, String submittedBy,
			Double score, Boolean passed, int pendingManual) {
	}

	private final JdbcTemplate jdbc;

	MyAttempts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	List<AttemptLine> of(Caller caller, long examId) {
		return jdbc.query("""
				select id, number, started_at, deadline, submitted_at, submitted_by, score, passed, pending_manual
				from exam_attempt where exam_id = ? and account_id = ? order by number desc""",
				(rs, n) -> new AttemptLine(rs.getLong(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
						rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), rs.getString(6),
						Attempts.number((BigDecimal) rs.getObject(7)), (Boolean) rs.getObject(8), rs.getInt(9)),
				examId, caller.accountId());
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
