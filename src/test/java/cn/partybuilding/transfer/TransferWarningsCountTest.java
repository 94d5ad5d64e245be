package cn.partybuilding.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.PlatformZone;

/** The pocket-member warnings counted a batch of organisations at a time give what the list gives. */
class TransferWarningsCountTest extends PlatformTest {

	@Autowired
	TransferWarnings warnings;

	@Autowired
	OrganizationScope scope;

	@Test
	void countedInBatchesAsManyAsListed() {
		LocalDate today = LocalDate.now(PlatformZone.ZONE);
		for (String code : List.of("JYGW", "SFDX", "SFDX-JSJ")) {
			List<Long> subtree = List.copyOf(scope.subtree(orgId(code)));
			int listed = warnings.raisedIn(subtree, today).size();
			assertThat(warnings.count(subtree, 1)).as(code + ", a batch per organisation").isEqualTo(listed);
			assertThat(warnings.count(subtree, today)).as(code).isEqualTo(listed);
		}
	}
}
