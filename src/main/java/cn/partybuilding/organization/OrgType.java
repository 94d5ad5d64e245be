package cn.partybuilding.organization;

import java.util.Set;

/** The level of an organisation. Levels are data: a 党委 may sit under another (a province's 教育工委). */
public enum OrgType {

	COMMITTEE, GENERAL_BRANCH, BRANCH, GROUP;

	/** Which parent types a node of this type may hang under; null parent means a root. */
	public boolean mayHangUnder(OrgType parent) {
		if (parent == null) {
			return this == COMMITTEE;
		}
		return allowedParents().contains(parent);
	}

	private Set<OrgType> allowedParents() {
		return switch (this) {
			case COMMITTEE -> Set.of(COMMITTEE);
			case GENERAL_BRANCH -> Set.of(COMMITTEE);
			// a 直属党支部 hangs directly under the school committee
			case BRANCH -> Set.of(COMMITTEE, GENERAL_BRANCH);
			case GROUP -> Set.of(BRANCH);
		};
	}
}
