package cn.partybuilding.orglife;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who may be a meeting's guest, answered by the module that keeps the people on their way to membership (so
 * 组织生活 depends on no such module): the open 入党积极分子 and 发展对象 files.
 */
public interface MeetingGuests {

	/** The open activists and 发展对象 of these organisations. */
	List<Guest> candidatesIn(Set<Long> orgIds);

	/** These people, as far as their files are open activists or 发展对象 (the others are left out). */
	List<Guest> find(Collection<Long> personIds);
}
