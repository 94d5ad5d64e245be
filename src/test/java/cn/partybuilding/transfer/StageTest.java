package cn.partybuilding.transfer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;

import static org.assertj.core.api.Assertions.assertThat;

/** The route of a transfer, as DOMAIN.md states it: which stage follows which, and whose organisation acts there. */
class StageTest {

	// 示范大学党委 > 计算机学院党委 > 教工第一党支部 > 第一党小组; 计算机学院党委 > 研究生党支部; 机械学院党总支 > 教工党支部;
	// 校医院直属党支部 right under the committee
	static final OrgRef COMMITTEE = new OrgRef(1, "S", "示范大学党委", OrgType.COMMITTEE, null, 0);

	static final OrgRef COLLEGE = new OrgRef(2, "S-A", "计算机学院党委", OrgType.GENERAL_BRANCH, 1L, 1);

	static final OrgRef BRANCH = new OrgRef(3, "S-A-1", "教工第一党支部", OrgType.BRANCH, 2L, 2);

	static final OrgRef GROUP = new OrgRef(4, "S-A-1-G", "第一党小组", OrgType.GROUP, 3L, 3);

	static final OrgRef SAME_COLLEGE = new OrgRef(5, "S-A-2", "研究生党支部", OrgType.BRANCH, 2L, 2);

	static final OrgRef OTHER_COLLEGE = new OrgRef(6, "S-B", "机械学院党总支", OrgType.GENERAL_BRANCH, 1L, 1);

	static final OrgRef OTHER_BRANCH = new OrgRef(7, "S-B-1", "教工党支部", OrgType.BRANCH, 6L, 2);

	static final OrgRef DIRECT = new OrgRef(8, "S-Z", "校医院直属党支部", OrgType.BRANCH, 1L, 1);

	static final Map<Long, List<OrgRef>> TREE = Map.of(1L, List.of(COMMITTEE), 2L, List.of(COMMITTEE, COLLEGE),
			3L, List.of(COMMITTEE, COLLEGE, BRANCH), 4L, List.of(COMMITTEE, COLLEGE, BRANCH, GROUP),
			5L, List.of(COMMITTEE, COLLEGE, SAME_COLLEGE), 6L, List.of(COMMITTEE, OTHER_COLLEGE),
			7L, List.of(COMMITTEE, OTHER_COLLEGE, OTHER_BRANCH), 8L, List.of(COMMITTEE, DIRECT));

	static Lineage lineage(long id) {
		return new Lineage(id, TREE.getOrDefault(id, List.of()));
	}

	@Test
	void aMoveWithinOneCollegeGoesFromTheSendingBranchStraightToTheReceivingBranch() {
		assertThat(Stage.crosses(TransferKind.INTERNAL, lineage(3), lineage(5))).isFalse();
		assertThat(Stage.SENDING_BRANCH.next(TransferKind.INTERNAL, false)).isEqualTo(Stage.RECEIVING_BRANCH);
	}

	@Test
	void aMoveAcrossCollegesPassesTheSendingAndThenTheReceivingGeneralBranch() {
		assertThat(Stage.crosses(TransferKind.INTERNAL, lineage(3), lineage(7))).isTrue();
		assertThat(Stage.SENDING_BRANCH.next(TransferKind.INTERNAL, true)).isEqualTo(Stage.SENDING_GENERAL);
		assertThat(Stage.SENDING_GENERAL.next(TransferKind.INTERNAL, true)).isEqualTo(Stage.RECEIVING_GENERAL);
		assertThat(Stage.RECEIVING_GENERAL.next(TransferKind.INTERNAL, true)).isEqualTo(Stage.RECEIVING_BRANCH);
	}

	@Test
	void aMemberOfAGroupMovesFromTheBranchAboveIt() {
		assertThat(lineage(4).generalBranch()).isEqualTo(COLLEGE.id());
		assertThat(Stage.crosses(TransferKind.INTERNAL, lineage(4), lineage(5))).isFalse();
		assertThat(Stage.crosses(TransferKind.INTERNAL, lineage(4), lineage(7))).isTrue();
	}

	@Test
	void aBranchDirectlyUnderTheCommitteeHasTheCommitteeAsItsGeneralBranch() {
		assertThat(lineage(8).generalBranch()).isEqualTo(COMMITTEE.id());
		assertThat(Stage.crosses(TransferKind.INTERNAL, lineage(8), lineage(3))).isTrue();
		assertThat(Stage.SENDING_GENERAL.actingOrg(8, 3L, StageTest::lineage)).isEqualTo(COMMITTEE.id());
	}

	@Test
	void aLetterOutPassesTheGeneralBranchOnlyWhenOneStandsBetweenTheBranchAndTheCommittee() {
		assertThat(Stage.crosses(TransferKind.OUTGOING, lineage(3), null)).isTrue();
		assertThat(Stage.crosses(TransferKind.OUTGOING, lineage(8), null)).isFalse();
		assertThat(Stage.SENDING_BRANCH.next(TransferKind.OUTGOING, true)).isEqualTo(Stage.SENDING_GENERAL);
		assertThat(Stage.SENDING_BRANCH.next(TransferKind.OUTGOING, false)).isEqualTo(Stage.COMMITTEE_ISSUE);
	}

	@Test
	void aLetterOutEndsAtTheCommitteeIssuingIt() {
		assertThat(Stage.SENDING_GENERAL.next(TransferKind.OUTGOING, true)).isEqualTo(Stage.COMMITTEE_ISSUE);
		assertThat(Stage.COMMITTEE_ISSUE.actingOrg(3, null, StageTest::lineage)).isEqualTo(COMMITTEE.id());
	}

	@Test
	void eachStageIsActedOnByItsSidesOrganisation() {
		assertThat(Stage.SENDING_BRANCH.actingOrg(3, 7L, StageTest::lineage)).isEqualTo(BRANCH.id());
		assertThat(Stage.SENDING_GENERAL.actingOrg(3, 7L, StageTest::lineage)).isEqualTo(COLLEGE.id());
		assertThat(Stage.RECEIVING_GENERAL.actingOrg(3, 7L, StageTest::lineage)).isEqualTo(OTHER_COLLEGE.id());
		assertThat(Stage.RECEIVING_BRANCH.actingOrg(3, 7L, StageTest::lineage)).isEqualTo(OTHER_BRANCH.id());
		assertThat(Stage.SENDING_BRANCH.sending()).isTrue();
		assertThat(Stage.RECEIVING_BRANCH.sending()).isFalse();
	}

	@Test
	void nobodyInTheSchoolActsOnTheReceivingSideOfALetterOut() {
		assertThat(Stage.RECEIVING_GENERAL.actingOrg(3, null, StageTest::lineage)).isEqualTo(-1);
		assertThat(Stage.RECEIVING_BRANCH.actingOrg(3, null, StageTest::lineage)).isEqualTo(-1);
	}

	@Test
	void anOrganisationNoLongerInTheTreeIsItsOwnCommitteeAndGeneralBranch() {
		assertThat(lineage(99).committee()).isEqualTo(99);
		assertThat(lineage(99).generalBranch()).isEqualTo(99);
	}
}
