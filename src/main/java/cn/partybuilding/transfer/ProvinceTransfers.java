package cn.partybuilding.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberSummary;
import cn.partybuilding.shared.BulkCopy;
import cn.partybuilding.shared.PlatformZone;

/**
 * The generated province's transfers within a school over the past year, written with COPY: about one member in
 * three hundred moved to their present branch from another (accepted), a few asked and were refused or withdrew,
 * and a few wait at the sending branch now. Each gets the step that opened it. Deterministic for the seed.
 */
@Component
class ProvinceTransfers {

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	ProvinceTransfers(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * Writes the transfers of these members (one school, in a fixed order) inside the caller's transaction unless
	 * one of them has a transfer already. Returns how many.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	int write(List<MemberSummary> members, String actor, LocalDate today, long seed) {
		List<Long> branches = members.stream().map(MemberSummary::organizationId).distinct().sorted().toList();
		if (branches.size() < 2 || Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from transfer where from_org_id = any(?) or to_org_id = any(?))", Boolean.class,
				branches.toArray(Long[]::new), branches.toArray(Long[]::new)))) {
			return 0;
		}
		Random random = new Random(seed * 7 + members.get(0).id());
		List<Object[]> rows = new ArrayList<>();
		for (MemberSummary m : members) {
			if (random.nextInt(300) != 0) {
				continue;
			}
			long other = branches.get(random.nextInt(branches.size()));
			if (other == m.organizationId()) {
				continue;
			}
			Instant started = today.minusDays(1 + random.nextInt(360)).atTime(9, 0).atZone(PlatformZone.ZONE).toInstant();
			int draw = random.nextInt(20);
			String state = draw < 16 ? "ACCEPTED" : draw < 17 ? "REJECTED" : draw < 18 ? "WITHDRAWN" : "PENDING";
			boolean pending = state.equals("PENDING");
			// accepted: the member came from the other branch; otherwise they asked to go there
			long from = state.equals("ACCEPTED") ? other : m.organizationId();
			long to = state.equals("ACCEPTED") ? m.organizationId() : other;
			rows.add(new Object[] { m.id(), "INTERNAL", state, pending ? "SENDING_BRANCH" : null, from, to, true,
					pending ? "因学习工作需要转接" : "转入新的学习工作单位", actor, started,
					pending ? null : started.plusSeconds(86_400L * (1 + random.nextInt(10))) });
		}
		if (rows.isEmpty()) {
			return 0;
		}
		List<Long> ids = jdbc.queryForList("select nextval(pg_get_serial_sequence('transfer', 'id')) from generate_series(1, ?)",
				Long.class, rows.size());
		for (int i = 0; i < rows.size(); i++) {
			Object[] r = rows.get(i);
			Object[] withId = new Object[r.length + 1];
			withId[0] = ids.get(i);
			System.arraycopy(r, 0, withId, 1, r.length);
			rows.set(i, withId);
		}
		BulkCopy.copy(dataSource, "transfer", List.of("id", "member_id", "kind", "state", "stage", "from_org_id", "to_org_id",
				"crosses", "reason", "started_by", "started_at", "closed_at"), rows.iterator());
		BulkCopy.copy(dataSource, "transfer_step", List.of("transfer_id", "stage", "action", "actor", "note", "at"),
				rows.stream().map(r -> new Object[] { r[0], "SENDING_BRANCH", "SUBMIT", actor, r[9], r[10] }).iterator());
		return rows.size();
	}
}
