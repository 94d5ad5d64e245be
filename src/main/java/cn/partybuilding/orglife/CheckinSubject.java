package cn.partybuilding.orglife;

import java.util.regex.Pattern;

/**
 * What a check-in code admits to, named by the page its QR opens: {@code /meetings/12/checkin} for a meeting,
 * {@code /training/sessions/7/checkin} for another module's session. The code is signed for this path, so a
 * meeting's code never checks anyone into a session; and the scan filter recognises any subject's link without
 * knowing the module behind it.
 */
public record CheckinSubject(String path) {

	private static final Pattern PATH = Pattern.compile("(/[a-z][a-z0-9-]{0,40}){1,4}/\\d{1,18}/checkin");

	public CheckinSubject {
		if (path == null || !PATH.matcher(path).matches()) {
			throw new IllegalArgumentException("not a check-in path: " + path);
		}
	}

	/** The subject whose check-in page is {@code path}, if it is one (a request's path, say). */
	static java.util.Optional<CheckinSubject> ofPath(String path) {
		return path != null && PATH.matcher(path).matches() ? java.util.Optional.of(new CheckinSubject(path))
				: java.util.Optional.empty();
	}

	/** A meeting's check-in: the orglife pages at {@code /meetings/{id}/checkin}. */
	static CheckinSubject meeting(long meetingId) {
		return new CheckinSubject("/meetings/" + meetingId + "/checkin");
	}
}
