package cn.partybuilding.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.ListTotal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The transfer list's total over a scope of more than a thousand organisations is a copy a few seconds old, said so;
 * a smaller scope's is counted on every page. (The suite runs with copies off; these transfers keep them ten minutes.)
 */
class TransferListRecentTotalsTest extends TransferTestBase {

	@Autowired
	JdbcTemplate template;

	@Autowired
	MemberDirectory members;

	@Autowired
	OrganizationScope scope;

	@Autowired
	BranchChoices branches;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	@Test
	void aScopeOfMoreThanAThousandOrganisationsShowsItsTotalFromACopySaidSo() throws Exception {
		Transfers transfers = new Transfers(template, members, scope, branches, events, clock, Duration.ofMinutes(10));
		long branch = orgId("SFDX-JSJ-03");
		// the branch and a thousand ids no organisation has: a scope of 1 001 organisations, whose transfers are the branch's
		Set<Long> large = new HashSet<>(LongStream.rangeClosed(1, 1000).map(i -> -i).boxed().toList());
		large.add(branch);
		Long[] many = large.toArray(Long[]::new);
		Long[] one = { branch };
		String counted = "select count(*) from transfer where from_org_id = ? or to_org_id = ?";
		long before = jdbc.sql(counted).params(branch, branch).query(Long.class).single();

		ListTotal first = transfers.total("where " + Transfers.IN_SCOPE, new Object[] { many, many }, null, large);
		assertThat(first.count()).isEqualTo(before);
		assertThat(first.exact()).as("a copy: said so").isFalse();

		Person person = member("SFDX-JSJ-03");
		start(login(person.username()), person.id(), "SFDX-JSJ-02").andExpect(status().isCreated());

		assertThat(transfers.total("where " + Transfers.IN_SCOPE, new Object[] { many, many }, null, large).count())
			.as("within the copy's age: the same total").isEqualTo(before);
		ListTotal small = transfers.total("where " + Transfers.IN_SCOPE, new Object[] { one, one }, null, Set.of(branch));
		assertThat(small.count()).as("a branch: counted, the new transfer in it").isEqualTo(before + 1);
		assertThat(small.exact()).isTrue();
		assertThat(new Transfers(template, members, scope, branches, events, clock, Duration.ZERO)
			.total("where " + Transfers.IN_SCOPE, new Object[] { many, many }, null, large).count())
			.as("copies off: counted").isEqualTo(before + 1);
	}
}
