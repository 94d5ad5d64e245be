package cn.partybuilding.shared;

import java.util.Collection;

/**
 * An event by which someone saw members' personal data: a full ID-card number or phone revealed, an export
 * listing them, a letter printed with their number. The module that showed it publishes the event, in the
 * caller's request; the privacy module keeps it once so that each member can see who looked (个人信息保护法).
 */
public interface PersonalDataSeen {

	/** How the data was seen. */
	enum Kind { REVEAL, EXPORT, LETTER }

	Kind kind();

	/** The members whose data was seen; an export names them all in one event. */
	Collection<Long> memberIds();

	/** Why, as the person who looked gave it (required for a reveal), or what was printed; may be null. */
	String reason();
}
