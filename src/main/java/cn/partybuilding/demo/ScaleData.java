package cn.partybuilding.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;

/**
 * Benchmark data: {@code --party.generate.people=50000} adds that many people to the branches of the
 * university in the data folder, deterministically (the same seed gives the same people), in the
 * proportions the demo has (students, teachers, retirees), each with an account and the first entry
 * of their 纪实. Runs after the demo is loaded; a second start with the same number adds nothing.
 */
@Component
@Order(100)
@ConditionalOnProperty("party.generate.people")
class ScaleData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ScaleData.class);

	private static final int CHUNK = 5000;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final Clock clock;

	private final int people;

	private final long seed;

	ScaleData(MemberDirectory members, OrganizationScope scope, Clock clock,
			@Value("${party.generate.people}") int people,
			@Value("${party.generate.seed:50000}") long seed) {
		this.members = members;
		this.scope = scope;
		this.clock = clock;
		this.people = people;
		this.seed = seed;
	}

	@Override
	public void run(ApplicationArguments args) {
		long already = members.countWithStaffNumberPrefix("B");
		if (already >= people) {
			log.info("Benchmark data: {} generated people present already", already);
			return;
		}
		List<OrgRef> branches = scope.activeOfTypes(OrgType.BRANCH);
		if (branches.isEmpty()) {
			throw new IllegalStateException("no branches to put people in: start once with the demo first");
		}
		DemoMembers generator = DemoMembers.forScale(seed);
		LocalDate today = LocalDate.now(clock);
		long started = System.nanoTime();
		List<MemberForm> chunk = new ArrayList<>(CHUNK);
		int made = 0;
		for (int i = 0; i < people; i++) {
			OrgRef branch = branches.get(i % branches.size());
			MemberForm person = generator.next(branch.id(), branch.name(), today);
			if (i < already) {
				continue; // written by an earlier, interrupted run (each chunk is all or nothing)
			}
			chunk.add(person);
			if (chunk.size() == CHUNK || i == people - 1) {
				made += members.registerInBulk(chunk, "基准测试数据", null);
				chunk.clear();
				log.info("Benchmark data: {} / {} people", already + made, people);
			}
		}
		log.info("Benchmark data: {} people generated in {} s", made, (System.nanoTime() - started) / 1_000_000_000);
	}
}
