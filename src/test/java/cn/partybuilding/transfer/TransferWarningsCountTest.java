package cn.partybuilding.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.PlatformZone;

/** The pocket members found a batch of organisations at a time are those one reading finds. */
class TransferWarningsCountTest extends PlatformTest {

	@Autowired
	TransferWarnings warnings;

	@Autowired
	PocketMembers pockets;

	@Autowired
	OrganizationScope scope;

	@Test
	void foundInBatchesOfOrganisationsAsInOneReading() {
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		for (String code : List.of("JYGW", "SFDX", "SFDX-JSJ")) {
			List<Long> subtree = List.copyOf(scope.subtree(orgId(code)));
			java.util.Set<Long> orgs = new java.util.HashSet<>(subtree);
			List<PocketMembers.Pocket> once = pockets.in(orgs, Integer.MAX_VALUE);
			if (code.equals("JYGW")) {
				assertThat(once).as("the demo's lapsed letter, silent member and student abroad").isNotEmpty();
			}
			assertThat(pockets.in(orgs, 1)).as(code + ", a batch per organisation").containsExactlyInAnyOrderElementsOf(once);
			assertThat(warnings.count(subtree, today)).as(code).isEqualTo(warnings.raisedIn(subtree, today).size())
				.isEqualTo(once.size());
		}
	}
}
