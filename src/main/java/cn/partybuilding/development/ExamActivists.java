package cn.partybuilding.development;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.partybuilding.exam.Activists;

/**
 * Tells 线上测试 who the open 入党积极分子 and 发展对象 are, for an exam offered to the activists of a college (a
 * test after their training): only those with an account can take one.
 */
@Component
class ExamActivists implements Activists {

	private final JdbcClient jdbc;

	ExamActivists(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<Long, Long> accountsIn(Set<Long> organizationIds) {
		Map<Long, Long> out = new HashMap<>();
		if (organizationIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select account_id, organization_id from applicant where organization_id = any(?)
				and stage in ('ACTIVIST', 'CANDIDATE') and closed is null and account_id is not null""")
			.param(organizationIds.toArray(Long[]::new))
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
			.list()
			.forEach(e -> out.put(e.getKey(), e.getValue()));
		return out;
	}

	@Override
	public Optional<Long> branchOf(long accountId) {
		List<Long> branches = jdbc.sql("""
				select organization_id from applicant where account_id = ? and stage in ('ACTIVIST', 'CANDIDATE')
				and closed is null order by id desc limit 1""").param(accountId).query(Long.class).list();
		return branches.stream().findFirst();
	}
}
