package cn.partybuilding.content;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Facade;

/**
 * What other modules ask of 宣传 (the assessment above all): how many items each organisation published in a
 * period, counted once per item at its first publication, withdrawn ones not counted.
 */
@Facade("what other modules ask of content: items published per organisation and period")
@Service
@Transactional(readOnly = true)
public class ContentActivity {

	/**
	 * The rule of a published item (parameters: the organisations, from, until): first published in the period
	 * and still live, a withdrawn one not counted. The figures' drill-down lists the items by the same rule.
	 */
	static final String PUBLISHED_IN = "i.org_id = any(?) and i.published_at >= ? and i.published_at < ? and "
			+ Reading.LIVE;

	private final JdbcTemplate jdbc;

	ContentActivity(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Items first published from {@code from} (inclusive) until {@code to} and still live, per author organisation (none: absent). */
	public Map<Long, Long> publishedPerOrganization(Collection<Long> orgIds, Instant from, Instant to) {
		Map<Long, Long> counts = new HashMap<>();
		jdbc.query("select i.org_id, count(*) from content_item i where " + PUBLISHED_IN + " group by i.org_id", rs -> {
					counts.put(rs.getLong(1), rs.getLong(2));
				}, orgIds.toArray(Long[]::new), Timestamp.from(from), Timestamp.from(to));
		return counts;
	}
}
