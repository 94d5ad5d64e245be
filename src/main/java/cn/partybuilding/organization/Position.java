package cn.partybuilding.organization;

/** Positions of a 支部委员会 (支部工作条例 §18). */
public enum Position {
	SECRETARY, DEPUTY_SECRETARY, ORGANIZATION, PUBLICITY, DISCIPLINE
}
