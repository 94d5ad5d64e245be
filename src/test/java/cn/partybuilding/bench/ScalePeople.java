package cn.partybuilding.bench;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.partybuilding.demo.DemoMembers;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;

/** Benchmarks' people: deterministic generated members spread over the branches until there are {@code target}. */
public final class ScalePeople {

	private ScalePeople() {
	}

	/** Adds people (in chunks of 5 000, each with an account) until there are {@code target} members; returns the count. */
	public static long atLeast(int target, JdbcClient jdbc, MemberDirectory members, Clock clock) {
		long people = jdbc.sql("select count(*) from member").query(Long.class).single();
		if (people < target) {
			record Branch(long id, String name) {
			}
			List<Branch> branches = jdbc.sql("select id, name from organization where type = 'BRANCH' and dissolved_at is null order by id")
				.query(Branch.class).list();
			DemoMembers generator = DemoMembers.forScale(7);
			List<MemberForm> chunk = new ArrayList<>();
			for (int i = 0; i < target - people; i++) {
				Branch b = branches.get(i % branches.size());
				chunk.add(generator.next(b.id(), b.name(), LocalDate.now(clock)));
				if (chunk.size() == 5000) {
					members.registerInBulk(chunk, "基准测试数据", null);
					chunk.clear();
				}
			}
			if (!chunk.isEmpty()) {
				members.registerInBulk(chunk, "基准测试数据", null);
			}
			people = jdbc.sql("select count(*) from member").query(Long.class).single();
		}
		return people;
	}
}
