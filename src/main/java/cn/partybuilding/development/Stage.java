package cn.partybuilding.development;

/**
 * Where an applicant stands before joining (发展党员工作细则): the first three of the five stages. Labels
 * come from the messages ({@code applicant.stage.*}).
 */
public enum Stage {
	APPLICANT, ACTIVIST, CANDIDATE
}
