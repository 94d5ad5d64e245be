package cn.partybuilding.transfer;

/** Where an outgoing letter goes: an employer's party organisation, a 街道/乡镇, a talent service agency, other. */
public enum Destination {

	EMPLOYER, STREET, TALENT_CENTER, OTHER;

	/** The destination a form or a request names, or null when it names none of them. */
	static Destination named(String text) {
		try {
			return text == null || text.isBlank() ? null : valueOf(text.trim());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
