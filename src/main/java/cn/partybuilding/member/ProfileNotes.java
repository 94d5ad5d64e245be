package cn.partybuilding.member;

import java.util.List;
import java.util.Locale;

/**
 * Lines another module adds to a member's profile page (their training hours this year, say), so the member
 * module shows them without depending on that module. Each line is already in the reader's language; called only
 * for a caller who may see the member.
 */
public interface ProfileNotes {

	List<String> notesFor(long memberId, Locale locale);
}
