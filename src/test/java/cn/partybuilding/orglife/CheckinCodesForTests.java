package cn.partybuilding.orglife;

import java.time.Clock;

/** Codes other modules' tests cannot make through the façade: one run out, one signed for a meeting. */
public final class CheckinCodesForTests {

	private CheckinCodesForTests() {
	}

	/** A code for the subject that ran out five seconds ago. */
	public static String expired(String key, Clock clock, CheckinSubject subject) {
		return new CheckinTokens(key, -5, clock).issue(subject).token();
	}

	/** A code for the subject good for so many seconds. */
	public static String lasting(String key, Clock clock, CheckinSubject subject, int seconds) {
		return new CheckinTokens(key, seconds, clock).issue(subject).token();
	}

	/** A good code of the meeting with this id. */
	public static String meeting(String key, Clock clock, long meetingId) {
		return new CheckinTokens(key, 30, clock).issue(meetingId).token();
	}
}
