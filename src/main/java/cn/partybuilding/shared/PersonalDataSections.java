package cn.partybuilding.shared;

import java.util.List;

/**
 * A module's part of 我的数据: what it holds about one member (bills, attendance, transfers, the 纪实 …). Each
 * module that keeps records of members implements this as a bean; the privacy module asks all of them, so no
 * module reads another's tables. Only ever called for the member themselves.
 */
public interface PersonalDataSections {

	List<PersonalDataSection> sectionsFor(long memberId);
}
